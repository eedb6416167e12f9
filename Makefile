# Gongkai — two commands: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
GONGKAI := $(VENV)/bin/gongkai
HOST ?= 127.0.0.1
PORT ?= 8000
export GONGKAI_DATA_DIR ?= $(CURDIR)/data

.PHONY: run test setup setup-dev system-deps lint migrate demo serve bench clean

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

setup: $(VENV)/.installed

setup-dev: $(VENV)/.installed-dev system-deps

## make run: install, migrate, load the demo county, serve http://127.0.0.1:8000 with gunicorn
run: setup
	$(GONGKAI) migrate --noinput -v 0
	$(GONGKAI) demo
	$(GONGKAI) collectstatic --noinput -v 0
	@echo "公开平台已启动：http://$(HOST):$(PORT)/  后台：http://$(HOST):$(PORT)/admin/"
	DJANGO_SETTINGS_MODULE=gongkai.config.settings.local $(VENV)/bin/gunicorn gongkai.config.asgi \
		-c python:gongkai.config.gunicorn --bind $(HOST):$(PORT) --workers 2

## make test: install what the tests need, lint, check migrations, run the suite on SQLite and on PostgreSQL
test: setup-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=gongkai.config.settings.test GONGKAI_DATA_DIR=$$(mktemp -d) \
		$(GONGKAI) makemigrations --check --dry-run -v 1
	$(VENV)/bin/pytest
	scripts/with-postgres.sh $(VENV)/bin/pytest -m "not pure"

system-deps:
	@scripts/system-deps.sh

bench: setup-dev
	@for f in bench/bench_*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

clean:
	rm -rf $(VENV) data .pytest_cache

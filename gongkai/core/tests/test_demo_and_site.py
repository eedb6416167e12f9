import subprocess
import sys

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from gongkai.core.demo import DEMO_PASSWORD
from gongkai.core.models import Agency, User


@pytest.mark.django_db
def test_demo_is_idempotent(capsys):
    call_command("demo")
    first = (Agency.objects.count(), User.objects.count())
    call_command("demo")
    assert (Agency.objects.count(), User.objects.count()) == first
    assert Agency.objects.filter(name="朱阳关镇人民政府", level="township").exists()
    assert set(User.objects.values_list("role", flat=True)) == {
        "clerk",
        "office_head",
        "leader",
        "county_office",
        "admin",
    }
    assert DEMO_PASSWORD in capsys.readouterr().out


@pytest.mark.django_db
def test_demo_password_works_only_in_demo_mode(client):
    call_command("demo")
    assert client.login(username="zyg_xxy", password=DEMO_PASSWORD)
    client.logout()
    with override_settings(GONGKAI_DEMO=False):
        assert not client.login(username="zyg_xxy", password=DEMO_PASSWORD)


@pytest.mark.django_db
def test_demo_refuses_outside_demo_mode(capsys):
    with override_settings(GONGKAI_DEMO=False), pytest.raises(SystemExit):
        call_command("demo")
    assert "不是演示模式" in capsys.readouterr().err
    assert Agency.objects.count() == 0


@pytest.mark.django_db
def test_portal_home_is_chinese(client):
    call_command("demo")
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-CN">' in body
    assert "卢氏县人民政府" in body and "朱阳关镇人民政府" in body and "政府信息公开" in body


@pytest.mark.django_db
def test_admin_login_page_is_chinese(client):
    body = client.get("/admin/login/").content.decode()
    assert "用户名" in body and "密码" in body


def test_production_requires_a_secret_key(tmp_path):
    env = {
        "DJANGO_SETTINGS_MODULE": "gongkai.config.settings.production",
        "PATH": "/usr/bin",
        "GONGKAI_DATA_DIR": str(tmp_path),
    }
    code = "import django; django.setup()"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 5000
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.django_db
def test_database_is_the_one_database_url_names():
    import os

    url = os.environ.get("DATABASE_URL", "")
    assert connection.vendor == ("postgresql" if url.startswith("postgres") else "sqlite")


def test_gunicorn_worker_warm_up_runs():
    from gongkai.config import gunicorn

    gunicorn.post_worker_init(worker=None)  # imports WeasyPrint and renders a CJK page
    assert gunicorn.timeout == 120

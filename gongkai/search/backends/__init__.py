"""Choosing the search backend: settings.GONGKAI_SEARCH_BACKEND (a dotted class path) if set,
otherwise the one that fits the database (SQLite FTS5 or PostgreSQL)."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.utils.module_loading import import_string

from .base import Hit, SearchBackend, SearchFilters, SearchResult

__all__ = ["Hit", "SearchBackend", "SearchFilters", "SearchResult", "get_backend"]

BY_VENDOR = {
    "sqlite": "gongkai.search.backends.sqlite.SqliteBackend",
    "postgresql": "gongkai.search.backends.postgres.PostgresBackend",
}


def get_backend() -> SearchBackend:
    path = getattr(settings, "GONGKAI_SEARCH_BACKEND", "") or BY_VENDOR[connection.vendor]
    return import_string(path)()

"""Test settings: the same code paths, faster password hashing, demo mode on."""

import os
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only"
GONGKAI_ID_DIGEST_KEY = "test-only-id-digest-key-not-secret"
GONGKAI_DEMO = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405  (live-server threads must not hold connections)
AXES_ENABLED = False  # client.login() has no request; test_login_lockout switches it on
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A real file, as in production: an in-memory shared-cache database ignores busy_timeout and
    # would make concurrent-writer tests fail for a reason that never happens on a real site.
    import tempfile

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"gongkai-test-{os.getpid()}.sqlite3")
    }

# One process: an in-memory cache (cleared before each test by gongkai/conftest.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

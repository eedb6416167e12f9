"""Local use on one machine (`make run`): SQLite in ./data, demo mode on unless switched off."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=False)
GONGKAI_DEMO = env.bool("GONGKAI_DEMO", default=True)
# Only for a machine that serves 127.0.0.1; production.py refuses to start without a real key.
SECRET_KEY = SECRET_KEY or "local-only-not-secret-gongkai"  # noqa: F405

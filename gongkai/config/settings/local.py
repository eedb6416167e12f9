"""Local use on one machine (`make run`): SQLite in ./data, demo mode on unless switched off."""

import os
import secrets

from .base import *  # noqa: F403
from .base import DATA_DIR, GONGKAI_ID_DIGEST_KEY, env

DEBUG = env.bool("DEBUG", default=False)
GONGKAI_DEMO = env.bool("GONGKAI_DEMO", default=True)
# Only for a machine that serves 127.0.0.1; production.py refuses to start without a real key.
SECRET_KEY = SECRET_KEY or "local-only-not-secret-gongkai"  # noqa: F405


def _id_digest_key_of_data_dir() -> str:
    """A random key kept in the data directory, made once: the digests of this data directory's
    ID numbers stay comparable across restarts, and no two installations share a key."""
    path = DATA_DIR / "id-digest.key"
    if not path.exists():  # written aside and linked: two workers starting at once agree
        aside = path.with_name(f".id-digest.key.{os.getpid()}")
        aside.write_text(secrets.token_urlsafe(32))
        aside.chmod(0o600)
        try:
            os.link(aside, path)
        except FileExistsError:
            pass
        finally:
            aside.unlink()
    return path.read_text().strip()


GONGKAI_ID_DIGEST_KEY = GONGKAI_ID_DIGEST_KEY or _id_digest_key_of_data_dir()

"""Production refuses to start without its secrets and defaults to HTTPS-only (issue 9, items 8, 9);
local installations get a random ID-digest key of their own."""

import json
import subprocess
import sys

import pytest

GOOD_SECRET = "s" * 10 + "ecret-key-for-a-county-server-0123456789"
GOOD_ID_KEY = "i" * 10 + "d-digest-key-for-a-county-server-0123456789"
SHOW = (
    "from django.conf import settings as s; import json; print(json.dumps({k: getattr(s, k) for k in "
    "['SECURE_HSTS_SECONDS', 'SECURE_SSL_REDIRECT', 'SECURE_PROXY_SSL_HEADER', "
    "'GONGKAI_TRUSTED_PROXIES', 'GONGKAI_ID_DIGEST_KEY', 'LOGIN_REDIRECT_URL']}))"
)


def settings_of(module, tmp_path, **env):
    run_env = {
        "PATH": "/usr/bin:/bin",
        "GONGKAI_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": f"gongkai.config.settings.{module}",
        **env,
    }
    out = subprocess.run([sys.executable, "-c", SHOW], env=run_env, capture_output=True, text=True)
    return out.returncode, (json.loads(out.stdout) if out.returncode == 0 else out.stderr)


@pytest.mark.parametrize(
    "id_key,message",
    [
        (None, "必须设置环境变量 GONGKAI_ID_DIGEST_KEY"),
        ("too-short", "必须设置环境变量 GONGKAI_ID_DIGEST_KEY"),
        ("test-only-id-digest-key-not-secret", "必须设置环境变量 GONGKAI_ID_DIGEST_KEY"),
        (GOOD_SECRET, "不能与 SECRET_KEY 相同"),
    ],
)
def test_production_refuses_a_missing_or_reused_id_key(tmp_path, id_key, message):
    env = {"SECRET_KEY": GOOD_SECRET}
    if id_key is not None:
        env["GONGKAI_ID_DIGEST_KEY"] = id_key
    code, err = settings_of("production", tmp_path, **env)
    assert code != 0 and message in err


def test_production_defaults(tmp_path):
    code, s = settings_of(
        "production", tmp_path, SECRET_KEY=GOOD_SECRET, GONGKAI_ID_DIGEST_KEY=GOOD_ID_KEY
    )
    assert code == 0, s
    assert s["SECURE_HSTS_SECONDS"] == 365 * 24 * 3600
    assert s["SECURE_SSL_REDIRECT"] is True
    assert s["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert s["GONGKAI_TRUSTED_PROXIES"] == ["127.0.0.1", "::1"]
    lowered = settings_of(
        "production",
        tmp_path,
        SECRET_KEY=GOOD_SECRET,
        GONGKAI_ID_DIGEST_KEY=GOOD_ID_KEY,
        SECURE_HSTS_SECONDS="300",
        GONGKAI_TRUSTED_PROXIES="10.0.0.5",
    )[1]
    assert lowered["SECURE_HSTS_SECONDS"] == 300
    assert lowered["GONGKAI_TRUSTED_PROXIES"] == ["10.0.0.5"]


def test_a_bad_trusted_proxy_is_refused_in_chinese(tmp_path):
    code, err = settings_of("local", tmp_path, GONGKAI_TRUSTED_PROXIES="nginx.local")
    assert code != 0 and "不是 IP 地址或网段" in err


def test_local_installations_get_their_own_random_id_key(tmp_path):
    one = settings_of("local", tmp_path / "a")[1]["GONGKAI_ID_DIGEST_KEY"]
    again = settings_of("local", tmp_path / "a")[1]["GONGKAI_ID_DIGEST_KEY"]
    other = settings_of("local", tmp_path / "b")[1]["GONGKAI_ID_DIGEST_KEY"]
    assert one == again != other and len(one) >= 32
    assert (tmp_path / "a" / "id-digest.key").stat().st_mode & 0o077 == 0

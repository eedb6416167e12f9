"""Production: SECRET_KEY and ALLOWED_HOSTS must come from the environment; demo mode is off."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import GONGKAI_ID_DIGEST_KEY, KNOWN_NOT_SECRET_KEYS, env, trusted_proxies_from_env

SECRET_KEY = env.str("SECRET_KEY", default="")
if len(SECRET_KEY) < 32:
    raise ImproperlyConfigured("生产环境必须设置环境变量 SECRET_KEY（至少 32 个字符的随机串）。")
DEBUG = False
GONGKAI_DEMO = False
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
if len(GONGKAI_ID_DIGEST_KEY) < 32 or GONGKAI_ID_DIGEST_KEY in KNOWN_NOT_SECRET_KEYS:
    raise ImproperlyConfigured(
        "生产环境必须设置环境变量 GONGKAI_ID_DIGEST_KEY（至少 32 个字符的随机串，不能用示例值），"
        "并与数据库一同备份，见 docs/deployment.md。"
    )
if GONGKAI_ID_DIGEST_KEY == SECRET_KEY:
    raise ImproperlyConfigured("GONGKAI_ID_DIGEST_KEY 不能与 SECRET_KEY 相同，请另行生成。")

# HTTPS only. nginx (docs/deployment.md) terminates TLS and always sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# One year. While trying HTTPS out, set SECURE_HSTS_SECONDS=300 and raise it once all works:
# browsers remember the value and refuse plain HTTP for that long.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 3600)
# The documented nginx runs on the same machine.
GONGKAI_TRUSTED_PROXIES = trusted_proxies_from_env(default=["127.0.0.1", "::1"])

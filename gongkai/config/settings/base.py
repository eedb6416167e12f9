"""Settings shared by every environment. Everything site-specific comes from the environment.

Environment variables:
  GONGKAI_DATA_DIR  where the SQLite file, uploads and caches live (default: ./data)
  DATABASE_URL      e.g. postgres://user:pass@127.0.0.1:5432/gongkai (default: SQLite in the data dir)
  SECRET_KEY        required in production
  ALLOWED_HOSTS     comma-separated host names
  GONGKAI_DEMO      1 = demo mode (demo passwords work); never set this on a real site
  GONGKAI_ID_DIGEST_KEY    key of the ID-number digests (required in production; back it up)
  GONGKAI_TRUSTED_PROXIES  addresses/networks of our own reverse proxies (X-Forwarded-For)
  GONGKAI_RATELIMIT        off = no rate limits (load tests, closed intranets only)
  GONGKAI_RATELIMIT_APPLY / _LOOKUP / _CHECK / _CONSULT   e.g. 10/h, 60/10m
See docs/deployment.md for each.
"""

import ipaddress
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from gongkai.core.rates import parse_rate

BASE_DIR = Path(__file__).resolve().parents[3]
env = environ.Env()

DATA_DIR = Path(env.str("GONGKAI_DATA_DIR", default=str(BASE_DIR / "data"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = env.str("SECRET_KEY", default="")
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])  # earlier keys, while rotating
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
GONGKAI_DEMO = env.bool("GONGKAI_DEMO", default=False)
# Keys that are written in this repository and therefore secret to nobody.
KNOWN_NOT_SECRET_KEYS = frozenset(
    {"", "test-only", "local-only-not-secret-gongkai", "test-only-id-digest-key-not-secret"}
)
# Keys the ID-number digest (applications.services.id_digest); see local/test/production.
GONGKAI_ID_DIGEST_KEY = env.str("GONGKAI_ID_DIGEST_KEY", default="")

INSTALLED_APPS = [
    "gongkai.core.admin_site.GongkaiAdminConfig",  # django.contrib.admin with our site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_prose_editor",  # the staff rich-text editor (its JS is bundled, served from /static/)
    "axes",
    "gongkai.core",
    "gongkai.calendars",
    "gongkai.reviews",
    "gongkai.publications",
    "gongkai.applications",
    "gongkai.appeals",
    "gongkai.annual_reports",
    "gongkai.units",
    "gongkai.search",
    "gongkai.inspections",
    "gongkai.supervision",
    "gongkai.consultations",
    "gongkai.portal",
]

MIDDLEWARE = [
    "gongkai.core.body_limits.BodySizeLimitMiddleware",  # first: before anything reads the body
    "django.middleware.security.SecurityMiddleware",  # HTTPS redirect before any cached page
    "gongkai.portal.cache.PublicCacheMiddleware",  # public pages from the cache (portal/cache.py)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Shared by every gunicorn worker, so that a publish seen by one worker invalidates the pages of all.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache"),
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
}

ROOT_URLCONF = "gongkai.config.urls"
WSGI_APPLICATION = "gongkai.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Our overrides of django.contrib.admin's templates (admin/base_site.html): the admin app comes
        # first in INSTALLED_APPS, so an app's templates/admin/ would never be used.
        "DIRS": [BASE_DIR / "gongkai" / "core" / "admin_templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def database_from_env(default_sqlite: Path) -> dict:
    """PostgreSQL when DATABASE_URL says so; otherwise SQLite tuned for a small office server."""
    url = env.str("DATABASE_URL", default="")
    if url:
        db = environ.Env.db_url_config(url)
        if db["ENGINE"] == "django.db.backends.postgresql":
            db.setdefault("CONN_MAX_AGE", 60)
            db.setdefault("TEST", {})["NAME"] = env.str("GONGKAI_TEST_DB_NAME", default=None)
            return db
    else:
        db = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(default_sqlite)}
    if db["ENGINE"] == "django.db.backends.sqlite3":
        db["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 5,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;"
            ),
        }
    return db


DATABASES = {"default": database_from_env(DATA_DIR / "gongkai.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # locks out after repeated failed logins
    "gongkai.core.auth.DemoAwareModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "portal/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "gongkai.core.client_address.client_address"


# The client address behind our own reverse proxies: X-Forwarded-For is believed only when it was
# added by one of these (comma-separated addresses or networks, e.g. 127.0.0.1,::1 for an nginx on
# the same machine). Empty: the header is ignored and the TCP peer is the client.
def trusted_proxies_from_env(default: list[str]) -> list[str]:
    proxies = [p.strip() for p in env.list("GONGKAI_TRUSTED_PROXIES", default=default) if p.strip()]
    for proxy in proxies:
        try:
            ipaddress.ip_network(proxy, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"环境变量 GONGKAI_TRUSTED_PROXIES 中的“{proxy}”不是 IP 地址或网段。"
            ) from None
    return proxies


GONGKAI_TRUSTED_PROXIES = trusted_proxies_from_env(default=[])

# Rate limits on anonymous POSTs, per client address (gongkai.core.ratelimit).
GONGKAI_RATELIMIT_ENABLED = env.str("GONGKAI_RATELIMIT", default="on").strip().lower() not in {
    "off",
    "0",
    "false",
    "no",
}
GONGKAI_RATELIMITS = {
    "apply": env.str("GONGKAI_RATELIMIT_APPLY", default="10/h"),  # online applications
    "lookup": env.str("GONGKAI_RATELIMIT_LOOKUP", default="60/10m"),  # status lookups
    "check": env.str("GONGKAI_RATELIMIT_CHECK", default="30/h"),  # 年报体检 uploads
    "consult": env.str("GONGKAI_RATELIMIT_CONSULT", default="10/h"),  # 咨询
}
for _scope, _rate in GONGKAI_RATELIMITS.items():
    try:
        parse_rate(_rate)
    except ValueError as exc:
        raise ImproperlyConfigured(f"GONGKAI_RATELIMIT_{_scope.upper()}：{exc}") from None

# Request sizes. The body-size middleware refuses a longer body with 413 before anything reads it:
# upload pages get their form's file limit plus 1 MB for the other fields; every other URL the
# ordinary form limit. nginx's client_max_body_size (docs/deployment.md) matches the largest.
MB = 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * MB  # the fields of one form, files not counted
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * MB  # larger uploads go to a temporary file while parsed
DATA_UPLOAD_MAX_NUMBER_FILES = 10
GONGKAI_MAX_BODY = DATA_UPLOAD_MAX_MEMORY_SIZE
GONGKAI_BODY_LIMITS = {
    "/reports/check/": 51 * MB,  # 年报体检: one report or a zip, ≤ 50 MB
    "/staff/ledgers/": 11 * MB,  # 台账导入: .xlsx/.csv, ≤ 10 MB
    # 附件上传 (a video up to GONGKAI_VIDEO_MAX_MB, set below), plus 1 MB of form fields
    "/publications/staff/attach/": (env.int("GONGKAI_VIDEO_MAX_MB", default=200) + 1) * MB,
}

# Content-Security-Policy: no inline or third-party scripts anywhere; inline styles are allowed
# because the Django admin and generated SVG charts use style attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "gongkai" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

LOGIN_URL = "/admin/login/"
LOGIN_REDIRECT_URL = "admin:index"  # the 工作台, also when a `next=` was refused as unsafe
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
CSRF_FAILURE_VIEW = "gongkai.portal.errors.csrf_failure"

# Publications (rich items): attachment limits and the video hosts that may be embedded.
PUBLICATION_ATTACHMENT_MAX_BYTES = env.int("GONGKAI_ATTACHMENT_MAX_MB", default=20) * 1024 * 1024
PUBLICATION_VIDEO_MAX_BYTES = env.int("GONGKAI_VIDEO_MAX_MB", default=200) * 1024 * 1024
PUBLICATION_EMBED_HOSTS = env.list("GONGKAI_EMBED_HOSTS", default=["v.example-county.gov.cn"])
CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"] = [
    f"https://{host}" for host in PUBLICATION_EMBED_HOSTS
] or ["'none'"]

# Reminders of units' reporting tasks (`gongkai remind`, docs/supervision.md): off by default.
GONGKAI_REMIND_EMAIL = env.bool("GONGKAI_REMIND_EMAIL", default=False)
GONGKAI_REMIND_SMS = env.str("GONGKAI_REMIND_SMS", default="")  # "log" or a dotted class path

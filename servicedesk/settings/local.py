"""The embedded default: SQLite and a broker that needs no server. For `make run` only."""

from .base import *  # noqa: F403
from .base import CELERY_BROKER_URL, VAR_DIR, embedded_celery
from .env import env_bool, env_db, env_str

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "local-only-not-secret-servicedesk-embedded-default-key")
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": env_db("DATABASE_URL", f"sqlite:///{VAR_DIR / 'servicedesk.sqlite3'}")}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The worker and the web server share the file: env_db gives it WAL, immediate
    # transactions and a busy timeout (SQLITE_CONCURRENCY in settings/env.py).
    # The covering indexes' INCLUDE columns are PostgreSQL's; SQLite builds the index without
    # them, which is all the embedded default needs.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

if not CELERY_BROKER_URL:
    globals().update(embedded_celery(VAR_DIR / "celery"))

SEED_DEMO_ALLOWED = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

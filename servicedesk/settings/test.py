"""Settings for the test suite: PostgreSQL and Redis when DATABASE_URL and REDIS_URL are set,
the embedded default (SQLite, filesystem broker) otherwise."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import CELERY_BROKER_URL, embedded_celery
from .env import env_db

SECRET_KEY = "test-only-not-secret"
DEBUG = False
DATABASES = {"default": env_db("DATABASE_URL", "sqlite://:memory:")}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
# A live worker started by a test reads the same folders: it is given this path in its environment.
TEST_VAR_DIR = Path(
    os.environ.get("SERVICEDESK_TEST_VAR_DIR") or tempfile.mkdtemp(prefix="servicedesk-test-")
)
MEDIA_ROOT = TEST_VAR_DIR / "media"
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    SILENCED_SYSTEM_CHECKS = ["models.W040"]  # INCLUDE columns are PostgreSQL's (see local.py)
    if DATABASES["default"]["NAME"] != ":memory:":
        # A SQLite file, as `make run` has it (.ci/run's embedded step): the tests get a file of
        # their own, so the live server's threads each open their own connection and write it
        # concurrently, as the web server and the worker do; never the file that was named.
        DATABASES["default"]["TEST"] = {"NAME": str(TEST_VAR_DIR / "test.sqlite3")}
# A read replica as production may have one (DATABASE_REPLICA_URL), mirrored to the test
# database: Django's way to test replicas. No router here, so nothing reads it unless a test
# installs servicedesk.db_router.ReplicaRouter (tests/servicedesk/test_db_router.py).
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
if not CELERY_BROKER_URL:
    globals().update(embedded_celery(TEST_VAR_DIR / "celery"))
# Unit tests run tasks in-process; tests marked `live` switch this off and start a real worker.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
SEED_DEMO_ALLOWED = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The throttles as production has them, at rates no test reaches (each test starts with an
# empty cache, tests/conftest.py); a test of a throttle sets its own rate.
REST_FRAMEWORK = {  # noqa: F405
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {
        scope: "100000/minute"
        for scope in REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]  # noqa: F405
    },
}
LANGUAGE_CODE = "en"
SMS_BACKEND = "servicedesk.outbox.sms.LocmemSmsBackend"
SITE_URL = "http://testserver"

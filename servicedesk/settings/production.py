"""Production: every secret and address from the environment, nothing embedded."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CELERY_BROKER_URL, REDIS_URL, redis_cache
from .env import behind_pgbouncer, env_bool, env_db, env_int, env_list, env_str, env_url

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure") or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "SECRET_KEY: must be a random value of at least 50 characters, not a placeholder."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS: list the host names this site answers to.")
# The address customers and staff reach the site at: every link in a message starts with it.
SITE_URL = env_url("SITE_URL", schemes=("http", "https")).rstrip("/")
DATABASES = {"default": env_db("DATABASE_URL")}
# A read replica for the reports (servicedesk/db_router.py says which reads go there): only
# when DATABASE_REPLICA_URL is set; without it every read and write is on DATABASE_URL.
if env_str("DATABASE_REPLICA_URL", ""):
    DATABASES["replica"] = env_db("DATABASE_REPLICA_URL")
    # The tests of a deployment with a replica read it as the same test database.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["servicedesk.db_router.ReplicaRouter"]
# DB_POOLER=pgbouncer: DATABASE_URL (and the replica's) point at PgBouncer in transaction mode,
# which hands each transaction whichever server connection is free (docs/deployment.md):
# - no server-side cursors: a cursor lives in a server session across transactions, which the
#   pooler gives to others (Django's documented need; .iterator() then fetches whole results);
# - no startup options: PgBouncer refuses a startup parameter it does not know (or, listed in
#   its ignore_startup_parameters, drops it), so jit=off, which env_db asks for in the
#   connection's options, is set on the role instead: ALTER ROLE … SET jit = off;
# - persistent connections (DB_CONN_MAX_AGE) stay: they are to PgBouncer, which is cheap to
#   hold, and save a connect per request.
DB_POOLER = env_str("DB_POOLER", "")
if DB_POOLER not in ("", "pgbouncer"):
    raise ImproperlyConfigured(f"DB_POOLER: {DB_POOLER!r} is not one of '' or 'pgbouncer'.")
for _alias, _database in DATABASES.items():
    _database["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 60, minimum=0)
    _database["CONN_HEALTH_CHECKS"] = True
    if DB_POOLER == "pgbouncer":
        behind_pgbouncer(
            _database, "DATABASE_URL" if _alias == "default" else "DATABASE_REPLICA_URL"
        )
if not CELERY_BROKER_URL:
    raise ImproperlyConfigured("CELERY_BROKER_URL: set it (or REDIS_URL) to the broker's URL.")

if REDIS_URL:
    # One cache for every worker process: the API throttle counts there. It is an accelerator
    # only: while Redis is away the cache answers like an empty one (servicedesk/cache.py) and
    # the throttle lets calls through. Sessions stay in the database (Django's default engine),
    # so a Redis outage logs nobody out, and a session ended during one (a logout, a password
    # change) cannot come back from a stale cached copy.
    CACHES = redis_cache(REDIS_URL, key_prefix=env_str("CACHE_KEY_PREFIX", "servicedesk"))
    # Who each user is in the shops, read from that one cache (servicedesk/accounts/identity.py).
    IDENTITY_CACHE_SECONDS = env_int("IDENTITY_CACHE_SECONDS", 300, minimum=0)

# Production is served behind one reverse proxy (TLS), which sets X-Forwarded-Proto and appends
# the client's address to X-Forwarded-For; TRUSTED_PROXY_HOPS=0 if clients reach gunicorn itself.
TRUSTED_PROXY_HOPS = env_int("TRUSTED_PROXY_HOPS", 1, minimum=0)
REST_FRAMEWORK = {**REST_FRAMEWORK, "NUM_PROXIES": TRUSTED_PROXY_HOPS}  # noqa: F405
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

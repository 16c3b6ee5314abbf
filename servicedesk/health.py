"""GET /healthz: is the database answering, the broker, and the cache? 503 names what is down.

The site keeps serving pages without the broker (work waits in the database) and without the
cache (servicedesk/cache.py); /healthz still says so, for the operator and the monitoring.
GET /healthz/ready asks only what a page cannot do without, the database: a load balancer's
readiness check, which must not take every web process out of service while Redis is away."""

import logging

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .celery import app as celery_app

log = logging.getLogger(__name__)
BROKER_TIMEOUT_SECONDS = 2


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        log.warning("healthz: database does not answer: %s", exc)
        return "down"
    return "ok"


def broker_status() -> str:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)
            # A transport that connects lazily proves itself by opening a channel.
            conn.default_channel.basic_qos  # noqa: B018
    except Exception as exc:
        log.warning("healthz: broker does not answer: %s", exc)
        return "down"
    return "ok"


def cache_status() -> str:
    """A cache that can tell (servicedesk.cache.ResilientRedisCache) is asked; an in-process
    one (the embedded default) has nothing to lose."""
    ping = getattr(cache, "ping", None)
    if ping is None or ping():
        return "ok"
    log.warning("healthz: the cache does not answer")
    return "down"


@never_cache
@require_GET
def healthz(request):
    checks = {
        "database": database_status(),
        "broker": broker_status(),
        "cache": cache_status(),
    }
    healthy = all(value == "ok" for value in checks.values())
    body = {"status": "ok" if healthy else "down", **checks}
    if not healthy:
        body["failing"] = [name for name, value in checks.items() if value != "ok"]
    return JsonResponse(body, status=200 if healthy else 503)


@never_cache
@require_GET
def ready(request):
    """Whether this process can serve pages: the database answers (the broker and the cache
    may be away; the pages do without them)."""
    database = database_status()
    return JsonResponse(
        {"status": "ok" if database == "ok" else "down", "database": database},
        status=200 if database == "ok" else 503,
    )

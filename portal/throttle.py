"""The customer's pages answer anyone who has a URL, so they count per address: every request
(a phone reloading is fine, a script is not) and, much tighter, every miss — a token that
answers 404 — so guessing tokens stops long before it could find one. Counts live in the cache,
like the API's throttles: with the cache down nothing is counted and the pages still answer.

Rates are ``PORTAL_RATE_REQUESTS`` and ``PORTAL_RATE_MISSES``, each ``(count, seconds)``."""

from django.conf import settings
from django.core.cache import cache

from servicedesk.security import client_ip

DEFAULT_REQUESTS = (120, 60)  # per address per minute
DEFAULT_MISSES = (20, 3600)  # unknown, expired or revoked tokens per address per hour


def _rate(name: str, default: tuple[int, int]) -> tuple[int, int]:
    return tuple(getattr(settings, name, default))


def _key(kind: str, request) -> str:
    return f"portal:{kind}:{client_ip(request)}"


def _count(key: str, seconds: int) -> int:
    try:
        if cache.add(key, 1, timeout=seconds):
            return 1
        return cache.incr(key)
    except Exception:  # noqa: BLE001 — the cache is an accelerator: without it, no limit
        return 0


def _read(key: str) -> int:
    try:
        return int(cache.get(key) or 0)
    except Exception:  # noqa: BLE001 — as above
        return 0


def allowed(request) -> bool:
    """Count this request; False when the address is over either rate."""
    misses, miss_window = _rate("PORTAL_RATE_MISSES", DEFAULT_MISSES)
    if _read(_key("miss", request)) >= misses:
        return False
    requests, window = _rate("PORTAL_RATE_REQUESTS", DEFAULT_REQUESTS)
    return _count(_key("req", request), window) <= requests


def missed(request) -> None:
    """Count a token that did not answer."""
    _misses, window = _rate("PORTAL_RATE_MISSES", DEFAULT_MISSES)
    _count(_key("miss", request), window)

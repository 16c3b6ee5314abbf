"""A Redis cache that the site can do without: Django's RedisCache, degraded while Redis is away.

Nothing ServiceDesk keeps in the cache is needed for a correct answer: the API throttle's
counters live there, sessions live in the database. So when Redis stops answering, a read is a
miss, a write is dropped and the request goes on; the DRF throttle then finds no history and
lets the call through (it fails open). The first failure is logged and the backend leaves Redis
alone for ``RETRY_SECONDS``, so an outage costs one connection attempt per process and interval,
not a timeout per request. ``ping()`` always asks Redis: it is what /healthz reports.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)

OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError)
RETRY_SECONDS = 5.0


class ResilientRedisCache(RedisCache):
    """RedisCache whose calls answer like an empty cache while Redis is down."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0
        self._lock = threading.Lock()

    # -- the outage switch ------------------------------------------------------------------

    def _degraded(self) -> bool:
        return time.monotonic() < self._down_until

    def _went_down(self, exc: Exception) -> None:
        with self._lock:
            first = self._down_until == 0.0
            self._down_until = time.monotonic() + RETRY_SECONDS
        if first:
            log.warning(
                "cache: Redis does not answer (%s); serving without the cache, the API "
                "throttle lets calls through until it is back",
                exc,
            )

    def _came_back(self) -> None:
        if self._down_until:
            with self._lock:
                self._down_until = 0.0
            log.warning("cache: Redis answers again")

    def _call(self, method, fallback, *args, **kwargs):
        if self._degraded():
            return fallback
        try:
            result = method(*args, **kwargs)
        except OUTAGE_ERRORS as exc:
            self._went_down(exc)
            return fallback
        self._came_back()
        return result

    # -- what /healthz asks -----------------------------------------------------------------

    def ping(self) -> bool:
        """Whether Redis answers now; ignores (and resets) the outage switch."""
        try:
            self._cache.get_client(write=False).ping()
        except OUTAGE_ERRORS as exc:
            self._went_down(exc)
            return False
        self._came_back()
        return True

    # -- Django's cache API, each degraded ------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().add, False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(super().get, default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set, None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(super().delete, False, key, version)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._call(super().has_key, False, key, version)

    def incr(self, key, delta=1, version=None):
        if self._degraded():
            raise ValueError(f"Key '{key}' not found (the cache is down)")
        try:
            result = super().incr(key, delta, version)
        except OUTAGE_ERRORS as exc:
            self._went_down(exc)
            raise ValueError(f"Key '{key}' not found (the cache is down)") from exc
        self._came_back()
        return result

    def count(self, key, timeout: int, version=None) -> int | None:
        """One more on a counter that expires ``timeout`` seconds after its first count: one
        round trip (SET NX EX, then INCR, pipelined). None while Redis is away."""
        if self._degraded():
            return None
        key = self.make_and_validate_key(key, version=version)
        try:
            pipe = self._cache.get_client(key, write=True).pipeline(transaction=False)
            pipe.set(key, 0, ex=timeout, nx=True)
            pipe.incr(key)
            _created, value = pipe.execute()
        except OUTAGE_ERRORS as exc:
            self._went_down(exc)
            return None
        self._came_back()
        return value

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set_many, list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call(super().delete_many, None, keys, version)

    def clear(self):
        return self._call(super().clear, False)


def count(cache, key: str, timeout: int) -> int | None:
    """Counts one on ``key`` in ``cache``, a counter that starts at zero and expires ``timeout``
    seconds after its first count; None when the cache cannot count now. Redis does it in one
    round trip (``ResilientRedisCache.count``); any other cache adds, then increments."""
    counter = getattr(cache, "count", None)
    if counter is not None:
        return counter(key, timeout)
    if cache.add(key, 1, timeout):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two calls
        return 1 if cache.add(key, 1, timeout) else None


def is_shared(alias: str = "default") -> bool:
    """Whether every process reads the same cache: what one process (a Celery worker) puts there,
    another (a web process) finds. Django's in-process memory cache, the embedded default's and
    the tests', is each process's own; the dummy cache keeps nothing."""
    from django.core.cache import caches  # noqa: PLC0415
    from django.core.cache.backends.dummy import DummyCache  # noqa: PLC0415
    from django.core.cache.backends.locmem import LocMemCache  # noqa: PLC0415

    return not isinstance(caches[alias], LocMemCache | DummyCache)

"""Whether a worker's cache is the web's: Redis is every process's, Django's memory cache each
process's own (the embedded default and the tests)."""

from servicedesk.cache import is_shared
from servicedesk.settings.base import redis_cache


def test_the_memory_cache_is_each_processs_own():
    assert not is_shared()


def test_redis_is_shared(settings):
    settings.CACHES = redis_cache("redis://127.0.0.1:1/0")  # never connected to here
    assert is_shared()

"""The production cache without Redis: it answers like an empty cache instead of raising, so
nothing that reads it (the API throttle) turns an outage into a 500."""

import logging

import pytest
from django.core.cache import cache

from servicedesk.settings.base import redis_cache

pytestmark = pytest.mark.smoke


@pytest.fixture
def cache_down(settings):
    settings.CACHES = redis_cache("redis://127.0.0.1:1/0")  # nothing listens on port 1


def test_every_call_degrades_to_an_empty_cache(cache_down, caplog):
    with caplog.at_level(logging.WARNING, logger="servicedesk.cache"):
        assert cache.get("k", "fallback") == "fallback"
        assert cache.set("k", 1) is None
        assert cache.add("k", 1) is False
        assert cache.get_many(["k", "l"]) == {}
        assert cache.has_key("k") is False
        assert cache.delete("k") is False
        assert cache.set_many({"k": 1, "l": 2}) == ["k", "l"]  # the keys not stored
        assert cache.touch("k") is False
        with pytest.raises(ValueError):
            cache.incr("k")
    # Said once, not once per call.
    warnings = [r for r in caplog.records if r.name == "servicedesk.cache"]
    assert len(warnings) == 1
    assert "Redis does not answer" in warnings[0].getMessage()


def test_ping_asks_redis_even_while_degraded(cache_down):
    cache.get("k")
    assert cache.ping() is False

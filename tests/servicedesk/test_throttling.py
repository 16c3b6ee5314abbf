"""The API's rates are counted in fixed windows, one counter per client and window: the call
over the rate answers 429 with how long to wait, the next window lets calls through again, and
on Redis a call costs one round trip on a counter that expires with its window."""

import shutil
import socket

import pytest
from django.core.cache import cache

from servicedesk import throttling
from servicedesk.cache import ResilientRedisCache, count
from tests.live_workers import OwnRedis

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_a_minute(monkeypatch):
    monkeypatch.setattr(throttling.UserRateThrottle, "rate", "3/minute", raising=False)
    now = [1_000_040.0]  # 20 s into a window (they start at multiples of 60 s)
    monkeypatch.setattr(throttling.UserRateThrottle, "timer", lambda self: now[0])
    return now


def test_the_call_over_the_rate_waits_for_the_next_window(api_as, advisor, three_a_minute):
    client = api_as(advisor)
    assert [client.get("/api/v1/me/").status_code for _ in range(4)] == [200, 200, 200, 429]
    refused = client.get("/api/v1/me/")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "40"  # the rest of the window

    three_a_minute[0] += 40  # the next window
    assert client.get("/api/v1/me/").status_code == 200


def test_each_person_has_their_own_count(api_as, advisor, manager, three_a_minute):
    for _ in range(3):
        api_as(advisor).get("/api/v1/me/")
    assert api_as(advisor).get("/api/v1/me/").status_code == 429
    assert api_as(manager).get("/api/v1/me/").status_code == 200


def test_any_cache_counts_from_one():
    assert [count(cache, "calls", 60) for _ in range(3)] == [1, 2, 3]
    assert count(cache, "other", 60) == 1


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_cache():
    if not shutil.which("redis-server"):
        pytest.skip("needs redis-server (Debian's redis-server package)")
    server = OwnRedis(_free_port())
    server.start()
    backend = ResilientRedisCache(
        server.url, {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}}
    )
    yield server, backend
    server.stop()


def test_redis_counts_in_a_window_that_expires(redis_cache):
    server, backend = redis_cache
    assert [backend.count("throttle_user_7:16666", 60) for _ in range(3)] == [1, 2, 3]
    key = backend.make_and_validate_key("throttle_user_7:16666")
    assert 0 < int(server.cli("ttl", key)) <= 60  # set once, on the first count
    assert backend.get("throttle_user_7:16666") == 3

    server.stop()  # Redis away: nothing is counted, the call goes on
    assert backend.count("throttle_user_7:16666", 60) is None

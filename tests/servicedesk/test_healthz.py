import pytest

from servicedesk.settings.base import redis_cache
from tests.live_workers import celery_sends_to

pytestmark = pytest.mark.smoke


def test_healthz_is_200_when_database_and_broker_answer(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok", "cache": "ok"}


@pytest.fixture
def broker_down():
    # Nothing listens on port 1: a real refused connection, not a mock. celery_sends_to also
    # sets the environment's CELERY_BROKER_URL aside, which Celery would read first.
    with celery_sends_to("redis://127.0.0.1:1/0"):
        yield


def test_healthz_is_503_naming_the_broker_when_it_is_down(client, db, broker_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["broker"] == "down"
    assert body["database"] == "ok"
    assert body["failing"] == ["broker"]


def test_healthz_needs_no_login(client, db):
    assert client.get("/healthz").status_code in (200, 503)


@pytest.fixture
def cache_down(settings):
    # The production cache backend on a port nothing listens on: a real refused connection.
    settings.CACHES = redis_cache("redis://127.0.0.1:1/0")


def test_healthz_is_503_naming_the_cache_when_it_is_down(client, db, cache_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert (body["cache"], body["database"], body["broker"]) == ("down", "ok", "ok")
    assert body["failing"] == ["cache"]


def test_ready_asks_only_the_database(client, db, broker_down, cache_down):
    """The load balancer's readiness check: while the broker and the cache are away the pages
    still serve, so the process stays in service."""
    assert client.get("/healthz").status_code == 503
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_ready_is_503_without_the_database(client, db, monkeypatch):
    from servicedesk import health

    monkeypatch.setattr(health, "database_status", lambda: "down")
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert response.json() == {"status": "down", "database": "down"}

import pytest

from servicedesk.celery import app as celery_app

pytestmark = pytest.mark.smoke


def test_healthz_is_200_when_database_and_broker_answer(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


@pytest.fixture
def broker_down():
    saved = celery_app.conf.broker_url
    # Nothing listens on port 1: a real refused connection, not a mock.
    celery_app.conf.broker_url = "redis://127.0.0.1:1/0"
    celery_app.pool.force_close_all()
    yield
    celery_app.conf.broker_url = saved
    celery_app.pool.force_close_all()


def test_healthz_is_503_naming_the_broker_when_it_is_down(client, db, broker_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["broker"] == "down"
    assert body["database"] == "ok"
    assert body["failing"] == ["broker"]


def test_healthz_needs_no_login(client, db):
    assert client.get("/healthz").status_code in (200, 503)

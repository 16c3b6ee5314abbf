"""The suite runs on any machine, whatever the environment holds: a broker URL left in the
environment (docker-compose sets CELERY_BROKER_URL) must not steer a test's tasks past the
Redis server the test started for itself."""

import os

import pytest

from servicedesk.celery import app as celery_app
from tests.live_workers import Workers, celery_sends_to

OWN = "redis://127.0.0.1:6399/0"


@pytest.mark.smoke
@pytest.mark.parametrize(
    "variable", ["CELERY_BROKER_URL", "CELERY_BROKER_WRITE_URL", "CELERY_BROKER_READ_URL"]
)
def test_tasks_go_to_the_tests_own_broker(monkeypatch, variable):
    monkeypatch.setenv(variable, "redis://127.0.0.1:6379/9")
    with celery_sends_to(OWN):
        for connection in (celery_app.connection_for_write(), celery_app.connection_for_read()):
            assert (connection.hostname, connection.port) == ("127.0.0.1", 6399)
    assert os.environ[variable] == "redis://127.0.0.1:6379/9"


@pytest.mark.smoke
def test_its_workers_are_given_the_tests_own_broker(monkeypatch):
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:6379/9")
    monkeypatch.setenv("CELERY_BROKER_WRITE_URL", "redis://127.0.0.1:6379/9")
    environment = Workers("env", broker=OWN).environment()
    assert environment["CELERY_BROKER_URL"] == OWN
    assert environment["REDIS_URL"] == OWN
    assert "CELERY_BROKER_WRITE_URL" not in environment


@pytest.mark.smoke
def test_the_configured_broker_is_restored_not_the_environments(monkeypatch):
    configured = celery_app.conf["broker_url"]
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:6379/9")
    with celery_sends_to(OWN):
        pass
    monkeypatch.delenv("CELERY_BROKER_URL")
    # The next test sends where the settings say, not where this one's environment said.
    assert celery_app.conf.broker_url == configured

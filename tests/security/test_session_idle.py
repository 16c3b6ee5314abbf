"""The session ends after SESSION_IDLE_SECONDS without a request, however long it has lasted."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

pytestmark = pytest.mark.smoke


def test_an_idle_session_ends_and_an_active_one_lives_on(client, advisor, settings):
    settings.SESSION_COOKIE_AGE = 600
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        assert client.post("/login/", {"username": "advisor", "password": "pw"}).status_code == 302
        for _ in range(3):  # 3 × 9 minutes of work: longer than the timeout, never idle for it
            clock.shift(timedelta(minutes=9))
            assert client.get("/").status_code == 200
        clock.shift(timedelta(minutes=11))
        response = client.get("/")
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")


def test_the_idle_timeout_comes_from_the_environment(monkeypatch):
    import importlib

    import servicedesk.settings.base as base

    monkeypatch.setenv("SESSION_IDLE_SECONDS", "900")
    try:
        assert importlib.reload(base).SESSION_COOKIE_AGE == 900
        # Refreshed on use (at most once a minute), not a fixed lifetime.
        assert "servicedesk.sessions.SessionIdleRefreshMiddleware" in base.MIDDLEWARE
    finally:
        monkeypatch.delenv("SESSION_IDLE_SECONDS")
        importlib.reload(base)

"""Redis stops in the middle of the day, on a redis-server of the test's own (a free port, never
the shared one), with the cache and the session engine that the production settings make of
REDIS_URL, and DRF's throttles on: logged-in pages, the API by session and by
token, and token login keep answering; /healthz says 503 naming the cache; once Redis is back
the cache is used again. Needs only redis-server, on either database."""

import json
import os
import shutil
import socket
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import cache
from rest_framework.test import APIClient
from rest_framework.views import APIView

from servicedesk.throttling import AnonRateThrottle, UserRateThrottle
from tests.live_workers import OwnRedis

pytestmark = [pytest.mark.live, pytest.mark.django_db(transaction=True)]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _production_settings(redis_url: str) -> dict:
    """CACHES and SESSION_ENGINE as servicedesk.settings.production makes them of REDIS_URL."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.endswith("_URL")},
        "DJANGO_SETTINGS_MODULE": "servicedesk.settings.production",
        "SECRET_KEY": "k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMN",
        "ALLOWED_HOSTS": "desk.example.com",
        "DATABASE_URL": "sqlite:////tmp/servicedesk-unused.sqlite3",
        "REDIS_URL": redis_url,
        "SITE_URL": "https://desk.example.com",
    }
    script = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'CACHES': s.CACHES, 'SESSION_ENGINE': s.SESSION_ENGINE}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def redis(settings, monkeypatch):
    if not shutil.which("redis-server"):
        pytest.skip("needs redis-server")
    server = OwnRedis(_free_port())
    server.start()
    production = _production_settings(server.url)
    settings.CACHES = production["CACHES"]
    settings.SESSION_ENGINE = production["SESSION_ENGINE"]
    # The test settings switch DRF's throttles off; production counts every call in the cache.
    monkeypatch.setattr(APIView, "throttle_classes", [AnonRateThrottle, UserRateThrottle])
    yield server
    server.stop()


def _token_login(username: str) -> str:
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": username, "password": "pw"}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()["token"]


def _everything_answers(browser, api, advisor):
    assert browser.get("/complaints/").status_code == 200
    assert browser.get("/").status_code == 200
    assert browser.get("/api/v1/me/").status_code == 200  # the API by session
    token = _token_login(advisor.username)
    by_token = APIClient()
    by_token.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = by_token.get("/api/v1/me/")
    assert me.status_code == 200 and me.json()["username"] == advisor.username
    assert api.get("/api/v1/complaints/").status_code == 200


def test_the_site_rides_out_a_redis_outage(redis, client, advisor):
    client.post("/login/", {"username": advisor.username, "password": "pw"})
    api = APIClient()
    api.force_authenticate(advisor)
    _everything_answers(client, api, advisor)
    assert int(redis.cli("dbsize")) > 0  # the throttles counted in this Redis
    assert client.get("/healthz").json()["cache"] == "ok"

    redis.stop()

    _everything_answers(client, api, advisor)
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json()["cache"] == "down"
    assert "cache" in health.json()["failing"]

    redis.start()  # empty: nothing was kept

    assert client.get("/healthz").json()["cache"] == "ok"
    _everything_answers(client, api, advisor)
    assert cache.ping()
    assert int(redis.cli("dbsize")) > 0

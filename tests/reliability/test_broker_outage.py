"""The broker goes down and comes back, on a Redis server of the test's own (port 6391, never the
shared one): pages still answer, /healthz says 503 for the broker, a message queued meanwhile is
kept, and a real worker sends it once the broker is back. PostgreSQL only: the worker process
must share the test's database."""

import os
import shutil
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from kombu import pools

from servicedesk.celery import app as celery_app
from servicedesk.outbox import services as outbox
from servicedesk.outbox.models import MessageKind, MessageStatus, OutboundMessage

pytestmark = [pytest.mark.live, pytest.mark.django_db(transaction=True)]
PORT = int(os.environ.get("OUTAGE_REDIS_PORT", "6391"))
BROKER = f"redis://127.0.0.1:{PORT}/0"


def _fresh_pool():
    pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


class OwnRedis:
    """A throw-away redis-server on PORT that the test starts and stops."""

    def __init__(self):
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(PORT),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            ping = subprocess.run(
                ["redis-cli", "-p", str(PORT), "ping"], capture_output=True, text=True
            )
            if ping.stdout.strip() == "PONG":
                return
            time.sleep(0.1)
        raise RuntimeError("the test's redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)
            self.process = None


@pytest.fixture
def own_broker():
    if connection.vendor != "postgresql" or not shutil.which("redis-server"):
        pytest.skip("needs PostgreSQL (shared with the worker) and redis-server")
    redis = OwnRedis()
    redis.start()
    saved = (celery_app.conf.broker_url, celery_app.conf.task_always_eager)
    celery_app.conf.broker_url = BROKER
    celery_app.conf.task_always_eager = False
    _fresh_pool()
    try:
        yield redis
    finally:
        redis.stop()
        celery_app.conf.broker_url, celery_app.conf.task_always_eager = saved
        _fresh_pool()


def _worker():
    database = settings.DATABASES["default"]
    url = (
        f"postgres://{database['USER']}:{database.get('PASSWORD') or ''}@{database['HOST']}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "servicedesk.settings.test",
        "DATABASE_URL": url,
        "REDIS_URL": BROKER,
        "CELERY_BROKER_URL": BROKER,
        "SERVICEDESK_TEST_VAR_DIR": str(settings.TEST_VAR_DIR),
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "servicedesk",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-n",
            f"outage-{os.getpid()}@%h",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def test_the_site_rides_out_a_broker_outage(own_broker, client, shop, advisor):
    own_broker.stop()

    health = client.get("/healthz")
    assert health.status_code == 503 and health.json()["failing"] == ["broker"]
    client.force_login(advisor)
    assert client.get("/complaints/").status_code == 200

    # A message queued while the broker is away is committed and kept, not lost with a 500.
    with transaction.atomic():
        message = outbox.message_queue(
            shop_id=shop.pk,
            key="outage-test",
            kind=MessageKind.SURVEY_INVITATION,
            channel="email",
            to="zhou@example.invalid",
            language="en",
            subject="How did we do?",
            body="Tell us.",
        )
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED

    own_broker.start()
    _fresh_pool()
    assert client.get("/healthz").status_code == 200
    worker = _worker()
    try:
        later = timezone.now() + timedelta(seconds=settings.OUTBOX_STALE_SECONDS + 60)
        assert outbox.messages_requeue_stale(now=later) == 1
        for _ in range(600):  # the worker needs a few seconds to start and send
            message.refresh_from_db()
            if message.status != MessageStatus.QUEUED:
                break
            time.sleep(0.1)
        assert message.status == MessageStatus.SENT, message.last_error
        assert OutboundMessage.objects.get(pk=message.pk).attempts == 1
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()

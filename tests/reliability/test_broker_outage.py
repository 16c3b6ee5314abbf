"""The broker goes down and comes back, on a Redis server of the test's own (port 6391, never the
shared one): pages still answer, /healthz says 503 for the broker, a message queued meanwhile is
kept, and a real worker sends it once the broker is back. PostgreSQL only: the worker process
must share the test's database."""

import os
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from servicedesk.outbox import services as outbox
from servicedesk.outbox.models import MessageKind, MessageStatus, OutboundMessage
from tests.live_workers import Workers, fresh_pool, own_broker

pytestmark = [pytest.mark.live, pytest.mark.django_db(transaction=True)]
PORT = int(os.environ.get("OUTAGE_REDIS_PORT", "6391"))


@pytest.fixture
def redis():
    with own_broker(PORT) as server:
        yield server


@pytest.fixture
def workers(redis):
    with Workers("outage", broker=redis.url) as started:
        yield started


def test_the_site_rides_out_a_broker_outage(redis, workers, client, shop, advisor):
    redis.stop()

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

    redis.start()
    fresh_pool()
    assert client.get("/healthz").status_code == 200
    workers.start()
    later = timezone.now() + timedelta(seconds=settings.OUTBOX_STALE_SECONDS + 60)
    assert outbox.messages_requeue_stale(now=later) == 1
    for _ in range(600):  # the worker needs a few seconds to start and send
        message.refresh_from_db()
        if message.status != MessageStatus.QUEUED:
            break
        time.sleep(0.1)
    assert message.status == MessageStatus.SENT, message.last_error
    assert OutboundMessage.objects.get(pk=message.pk).attempts == 1

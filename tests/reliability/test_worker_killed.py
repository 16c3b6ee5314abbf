"""A worker is killed (SIGKILL) in the middle of the survey job and another one is started:
the job's message, still unacknowledged in Redis when the worker dies, is redelivered after the
broker's visibility timeout, the job does the work orders it had not finished, and every
customer gets their survey invitation exactly once. Likewise when only the pool child of a
prefork worker is killed: the worker requeues the job at once and runs it in a new child. On a
Redis server of the test's own (port 6393, never the shared one); PostgreSQL only: the workers
share the test's database."""

import os
import signal
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from servicedesk.outbox.models import MessageKind, MessageStatus, OutboundMessage
from surveys.models import Survey
from surveys.tasks import send_due
from tests.live_workers import Workers, own_broker, wait_for
from tests.vehicles.factories import CustomerFactory, VehicleFactory, WorkOrderFactory

pytestmark = [pytest.mark.live, pytest.mark.django_db(transaction=True)]
PORT = int(os.environ.get("SIGKILL_REDIS_PORT", "6393"))
ORDERS = 5
BLOCK_AT = 3  # the first worker stops inside the third work order's follow-up


@pytest.fixture
def redis():
    with own_broker(PORT) as server:
        yield server


@pytest.fixture
def workers(redis, tmp_path):
    """Workers with the settings of sigkill_settings.py, writing their emails to tmp_path."""
    with Workers(
        "sigkill",
        broker=redis.url,
        settings_module="tests.reliability.sigkill_settings",
        SIGKILL_TEST_DIR=str(tmp_path),
    ) as started:
        yield started


def _emails_to(folder: Path) -> list[str]:
    """Each recipient line of the emails the workers wrote (one file per connection)."""
    return [
        line.removeprefix("To: ").strip()
        for path in folder.glob("*.log")
        for line in path.read_text(errors="replace").splitlines()
        if line.startswith("To: ")
    ]


def _delivered_orders(shop, advisor) -> list[str]:
    """ORDERS work orders delivered three days ago, their surveys due: the customers' addresses."""
    delivered = timezone.now() - timedelta(days=3, hours=1)
    addresses = []
    for n in range(ORDERS):
        address = f"customer{n}@example.invalid"
        client = CustomerFactory(
            shop=shop, preferred_language="en", email=address, preferred_channel="email"
        )
        order = WorkOrderFactory(vehicle=VehicleFactory(shop=shop, owner=client), advisor=advisor)
        order.status, order.delivered_at = "delivered", delivered
        order.save()
        addresses.append(address)
    return addresses


def _all_sent(folder: Path) -> bool:
    return (
        Survey.objects.count() == ORDERS
        and not OutboundMessage.objects.filter(status=MessageStatus.QUEUED).exists()
        and len(_emails_to(folder)) >= 2 * ORDERS  # the customer's link, the advisor's check
    )


def _assert_each_survey_sent_once(redis, folder: Path, addresses: list[str], advisor):
    # Let anything redelivered twice by mistake run before counting.
    assert wait_for(lambda: redis.cli("hlen", "unacked") == "0", 20)
    assert redis.cli("llen", "celery") == "0"

    emails = _emails_to(folder)
    assert sorted(a for a in emails if a in addresses) == sorted(addresses)  # each once
    assert emails.count(advisor.email) == ORDERS
    assert Survey.objects.filter(sent_at__isnull=False).count() == ORDERS
    assert set(Survey.objects.values_list("work_order__customer__email", flat=True)) == set(
        addresses
    )
    invitations = OutboundMessage.objects.filter(kind=MessageKind.SURVEY_INVITATION)
    assert invitations.count() == ORDERS
    assert set(invitations.values_list("status", "attempts")) == {(MessageStatus.SENT, 1)}
    assert not OutboundMessage.objects.exclude(status=MessageStatus.SENT).exists()


def test_a_worker_killed_in_the_middle_of_the_survey_job_sends_each_survey_once(
    redis, workers, shop, advisor, tmp_path
):
    addresses = _delivered_orders(shop, advisor)

    first = workers.start(SIGKILL_TEST_BLOCK_AT=str(BLOCK_AT))
    send_due.delay()
    marker = tmp_path / "blocked"
    if not wait_for(marker.exists, 60):
        pytest.fail(f"the first worker never reached the hook; it said:\n{workers.output(first)}")
    # Stopped inside the third follow-up: two committed, the job not acknowledged.
    assert Survey.objects.count() == BLOCK_AT - 1
    assert redis.cli("hlen", "unacked") == "1"

    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=20)
    assert first.returncode == -signal.SIGKILL

    second = workers.start()
    if not wait_for(lambda: _all_sent(tmp_path), 60):
        pytest.fail(f"not everything was sent; the second worker said:\n{workers.output(second)}")
    _assert_each_survey_sent_once(redis, tmp_path, addresses, advisor)


def test_a_pool_child_killed_in_the_middle_of_the_survey_job_sends_each_survey_once(
    redis, workers, shop, advisor, tmp_path
):
    """Only the prefork pool's child dies, not the worker: the worker must give the job's message
    back to the broker at once (task_acks_late with task_reject_on_worker_lost) and run it again
    in the child it starts instead; acknowledged early or on the loss, the job would be lost."""
    addresses = _delivered_orders(shop, advisor)

    worker = workers.start(pool="prefork", concurrency=1, SIGKILL_TEST_BLOCK_AT=str(BLOCK_AT))
    send_due.delay()
    marker = tmp_path / "blocked"
    if not wait_for(marker.exists, 60):
        pytest.fail(f"the worker never reached the hook; it said:\n{workers.output(worker)}")
    assert Survey.objects.count() == BLOCK_AT - 1
    child = int(marker.read_text())
    assert child != worker.pid and child in workers.pool_children(worker)

    os.kill(child, signal.SIGKILL)
    if not wait_for(lambda: _all_sent(tmp_path), 30):
        pytest.fail(
            f"not everything was sent; {Survey.objects.count()} of {ORDERS} surveys; "
            f"the worker said:\n{workers.output(worker)}"
        )
    assert worker.poll() is None  # the worker outlived its child, and replaced it
    assert child not in workers.pool_children(worker)
    _assert_each_survey_sent_once(redis, tmp_path, addresses, advisor)

"""A real worker on the real broker (Redis in CI) and database (PostgreSQL): the survey job
runs twice and has one effect, and the message it queues is delivered by the worker."""

import os
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from servicedesk.outbox.models import MessageStatus, OutboundMessage
from surveys.models import Survey
from surveys.tasks import send_due
from tests.live_workers import Workers, celery_sends_all_to, celery_sends_to
from tests.vehicles.factories import CustomerFactory, VehicleFactory, WorkOrderFactory

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the worker process needs a database it can share (PostgreSQL)",
    ),
]


@pytest.fixture
def jobs_worker(transactional_db):
    """A worker on its own queue (another test's worker takes nothing of it) and a way to fail
    with what it said."""
    queue = f"live-jobs-{os.getpid()}"
    with celery_sends_all_to(queue), celery_sends_to(), Workers("live-jobs") as workers:
        worker = workers.start(queue=queue)

        def fail(what):
            pytest.fail(f"{what}; worker said:\n{workers.output(worker)}")

        yield fail


def test_the_survey_job_on_a_live_worker_runs_twice_with_one_effect(shop, advisor, jobs_worker):
    client = CustomerFactory(
        shop=shop, preferred_language="en", email="lin@example.invalid", preferred_channel="email"
    )
    order = WorkOrderFactory(vehicle=VehicleFactory(shop=shop, owner=client), advisor=advisor)
    order.status, order.delivered_at = "delivered", timezone.now() - timedelta(days=3, hours=1)
    order.save()
    try:
        assert send_due.delay().get(timeout=90) == 1
        assert send_due.delay().get(timeout=90) == 0
    except Exception as exc:  # a timeout: show what the worker said
        jobs_worker(f"no answer ({exc!r})")
    assert Survey.objects.filter(work_order=order).count() == 1
    message = OutboundMessage.objects.get(kind="survey_invitation")
    for _ in range(180):  # the delivery task follows the job's commit
        message.refresh_from_db()
        if message.status != MessageStatus.QUEUED:
            break
        time.sleep(0.5)
    if message.status != MessageStatus.SENT:
        jobs_worker(f"message {message.status}: {message.last_error}")
    assert message.attempts == 1

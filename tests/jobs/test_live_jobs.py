"""A real worker on the real broker (Redis in CI) and database (PostgreSQL): the survey job
runs twice and has one effect, and the message it queues is delivered by the worker."""

import os
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from servicedesk.celery import app as celery_app
from servicedesk.outbox.models import MessageStatus, OutboundMessage
from surveys.models import Survey
from surveys.tasks import send_due
from tests.complaints import factories as f

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the worker process needs a database it can share (PostgreSQL)",
    ),
]


def _database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def jobs_worker(transactional_db):
    queue = f"live-jobs-{os.getpid()}"  # its own queue: another test's worker takes nothing
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "servicedesk.settings.test",
        "SERVICEDESK_TEST_VAR_DIR": str(settings.TEST_VAR_DIR),
        "DATABASE_URL": _database_url(),
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "servicedesk", "worker", "--pool=solo",
         "--loglevel=WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat",
         "-Q", queue, "-n", f"{queue}@%h"],
        cwd=settings.BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    saved_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        yield worker
    finally:
        celery_app.conf.task_always_eager = True
        celery_app.conf.task_default_queue = saved_queue
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


def _fail_with_output(worker, what):
    worker.terminate()
    output = worker.communicate(timeout=20)[0].decode(errors="replace")
    pytest.fail(f"{what}; worker said:\n{output}")


def test_the_survey_job_on_a_live_worker_runs_twice_with_one_effect(shop, advisor, jobs_worker):
    client = f.customer(shop, language="en", email="lin@example.invalid", preferred_channel="email")
    order = f.work_order(shop, advisor=advisor, car=f.vehicle(shop, owner=client))
    order.status, order.delivered_at = "delivered", timezone.now() - timedelta(days=3, hours=1)
    order.save()
    try:
        assert send_due.delay().get(timeout=90) == 1
        assert send_due.delay().get(timeout=90) == 0
    except Exception as exc:  # a timeout: show what the worker said
        _fail_with_output(jobs_worker, f"no answer ({exc!r})")
    assert Survey.objects.filter(work_order=order).count() == 1
    message = OutboundMessage.objects.get(kind="survey_invitation")
    for _ in range(180):  # the delivery task follows the job's commit
        message.refresh_from_db()
        if message.status != MessageStatus.QUEUED:
            break
        time.sleep(0.5)
    if message.status != MessageStatus.SENT:
        _fail_with_output(jobs_worker, f"message {message.status}: {message.last_error}")
    assert message.attempts == 1

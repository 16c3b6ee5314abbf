"""The annual-statistics job survives what kills its worker or its broker, with real workers on
a Redis server of the test's own (port 6397, never the shared one). PostgreSQL only: the
workers share the test's database.

- The prefork pool child computing the job is SIGKILLed at 50 %: the worker gives the message
  back and the redelivery takes the job over at once (same task id) and finishes it, instead
  of finding it "running 50 %" and leaving it so until a 16-minute staleness rule.
- The refresh is asked while the broker is down: the job is queued (202, no 500) and, once
  the broker is back, the beat sweep sends it again and a worker computes it."""

import os
import signal
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from reports import services
from reports.models import AnnualSnapshot, JobStatus, ReportJob
from tests.live_workers import Workers, fresh_pool, own_broker, wait_for

pytestmark = [pytest.mark.live, pytest.mark.django_db(transaction=True)]
PORT = int(os.environ.get("REPORT_JOB_REDIS_PORT", "6397"))


@pytest.fixture
def redis():
    with own_broker(PORT) as server:
        yield server


@pytest.fixture
def workers(redis, tmp_path):
    with Workers(
        "reportjob",
        broker=redis.url,
        settings_module="tests.reliability.sigkill_settings",
        SIGKILL_TEST_DIR=str(tmp_path),
    ) as started:
        yield started


def _job_is(job_id: int, status: str) -> bool:
    return ReportJob.objects.filter(pk=job_id, status=status).exists()


def test_a_pool_child_killed_mid_job_is_taken_over_at_once(redis, workers, shop, manager, tmp_path):
    year = timezone.localdate().year
    worker = workers.start(pool="prefork", concurrency=1, SIGKILL_TEST_REPORT_BLOCK="1")
    job = services.annual_refresh_request(shop_pk=shop.pk, year=year, user=manager)
    marker = tmp_path / "blocked"
    if not wait_for(marker.exists, 60):
        pytest.fail(f"the worker never reached the hook; it said:\n{workers.output(worker)}")
    job.refresh_from_db()
    assert (job.status, job.progress) == (JobStatus.RUNNING, 50)
    child = int(marker.read_text())
    assert child in workers.pool_children(worker)

    os.kill(child, signal.SIGKILL)

    # Well inside the lease (REPORT_JOB_LEASE_SECONDS, 120 s): only the redelivery can do it.
    if not wait_for(lambda: _job_is(job.pk, JobStatus.DONE), 60):
        job.refresh_from_db()
        pytest.fail(
            f"the job is {job.status} {job.progress} %; the worker said:\n{workers.output(worker)}"
        )
    assert worker.poll() is None
    assert ReportJob.objects.count() == 1
    assert AnnualSnapshot.objects.filter(shop=shop, year=year).count() == 1
    # A refresh now is a new job, not the dead one returned again.
    again = services.annual_refresh_request(shop_pk=shop.pk, year=year, user=manager)
    assert again.pk != job.pk


def test_a_refresh_asked_while_the_broker_is_down_runs_once_it_is_back(
    redis, workers, shop, manager
):
    year = timezone.localdate().year
    redis.stop()

    api = APIClient()
    api.force_authenticate(manager)
    response = api.post(f"/api/v1/reports/annual-satisfaction/{year}/refresh/?shop={shop.pk}")
    assert response.status_code == 202, response.content
    job = ReportJob.objects.get(pk=response.json()["id"])
    assert job.status == JobStatus.QUEUED

    redis.start()
    fresh_pool()
    worker = workers.start()
    later = timezone.now() + timedelta(seconds=150)
    assert services.report_jobs_requeue_stale(now=later) == 1
    if not wait_for(lambda: _job_is(job.pk, JobStatus.DONE), 60):
        job.refresh_from_db()
        pytest.fail(f"the job is {job.status}; the worker said:\n{workers.output(worker)}")
    assert AnnualSnapshot.objects.filter(shop=shop, year=year).count() == 1

"""The refresh job and the January-1 schedule: ids in, safe to run twice, progress recorded."""

import importlib
from datetime import UTC, datetime

import pytest
import time_machine
from django.apps import apps as django_apps
from django_celery_beat.models import PeriodicTask

from servicedesk.reports import services, tasks
from servicedesk.reports.models import AnnualSnapshot, JobStatus, ReportJob

from .dataset import YEAR

pytestmark = pytest.mark.django_db


def test_running_the_task_twice_computes_one_snapshot(shop, year_of_records):
    job = ReportJob.objects.create(shop=shop, year=YEAR)
    assert tasks.annual_snapshot_compute(job.pk) == "done"
    first = AnnualSnapshot.objects.get(shop=shop, year=YEAR)
    # A redelivered message: the job is done, nothing is computed again.
    assert tasks.annual_snapshot_compute(job.pk) == "done"
    again = AnnualSnapshot.objects.get(shop=shop, year=YEAR)
    assert again.computed_at == first.computed_at
    assert AnnualSnapshot.objects.count() == 1
    job.refresh_from_db()
    assert (job.status, job.progress) == (JobStatus.DONE, 100)
    assert job.started_at and job.finished_at
    assert first.figures["surveys"]["sent"] == 5


def test_a_new_refresh_replaces_the_snapshot(shop, year_of_records):
    for _ in range(2):
        job = ReportJob.objects.create(shop=shop, year=YEAR)
        tasks.annual_snapshot_compute(job.pk)
    assert AnnualSnapshot.objects.filter(shop=shop, year=YEAR).count() == 1
    assert ReportJob.objects.filter(status=JobStatus.DONE).count() == 2


def test_progress_is_recorded_while_computing(shop, monkeypatch):
    seen = []
    real = services._set_progress

    def spy(job_id, percent):
        real(job_id, percent)
        seen.append(ReportJob.objects.get(pk=job_id).progress)

    monkeypatch.setattr(services, "_set_progress", spy)
    job = ReportJob.objects.create(shop=shop, year=YEAR)
    tasks.annual_snapshot_compute(job.pk)
    assert seen == sorted(seen)
    assert len(seen) >= 5
    assert 0 < seen[0] < 100


def test_a_failure_is_recorded_on_the_job(shop, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "compute_annual", boom)
    job = ReportJob.objects.create(shop=shop, year=YEAR)
    assert tasks.annual_snapshot_compute(job.pk) == "failed"
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "database went away" in job.error
    assert not AnnualSnapshot.objects.exists()


def test_a_job_left_running_by_a_dead_worker_is_run_again(shop):
    with time_machine.travel(datetime(2026, 3, 1, 8, 0, tzinfo=UTC), tick=False):
        job = ReportJob.objects.create(shop=shop, year=YEAR)
        services._claim(job.pk)  # a worker took it and died
    with time_machine.travel(datetime(2026, 3, 1, 8, 5, tzinfo=UTC), tick=False):
        assert tasks.annual_snapshot_compute(job.pk) == "running"  # still in time: left alone
        assert not AnnualSnapshot.objects.exists()
    with time_machine.travel(datetime(2026, 3, 1, 9, 0, tzinfo=UTC), tick=False):
        assert tasks.annual_snapshot_compute(job.pk) == "done"
        # and a request now gets a fresh job, not the finished one
    assert AnnualSnapshot.objects.count() == 1


def test_a_stale_active_job_does_not_block_a_new_request(shop, manager):
    with time_machine.travel(datetime(2026, 3, 1, 8, 0, tzinfo=UTC), tick=False):
        stuck = ReportJob.objects.create(shop=shop, year=YEAR)
    with time_machine.travel(datetime(2026, 3, 1, 9, 0, tzinfo=UTC), tick=False):
        job = services.annual_refresh_request(shop=shop, year=YEAR, by=manager)
    stuck.refresh_from_db()
    assert job.pk != stuck.pk
    assert stuck.status == JobStatus.FAILED


def test_the_schedule_is_installed_for_january_the_first():
    # What the data migration installs. Applied again here (it is idempotent) because a
    # transactional test elsewhere in the run may have flushed the rows migrations wrote.
    schedule = importlib.import_module("servicedesk.reports.migrations.0002_annual_schedule")
    schedule.create_schedule(django_apps, None)
    task = PeriodicTask.objects.get(task="reports.annual_snapshots_previous_year")
    assert task.enabled
    crontab = task.crontab
    assert (crontab.minute, crontab.hour, crontab.day_of_month, crontab.month_of_year) == (
        "30",
        "12",
        "1",
        "1",
    )
    assert str(crontab.timezone) == "UTC"


def test_the_scheduled_task_computes_last_year_for_every_shop_once(
    shop, other_shop, year_of_records, django_capture_on_commit_callbacks
):
    with time_machine.travel(datetime(2026, 1, 1, 12, 30, tzinfo=UTC), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            first = tasks.annual_snapshots_previous_year()
        with django_capture_on_commit_callbacks(execute=True):
            second = tasks.annual_snapshots_previous_year()
    assert len(first) == len(second) == 2
    snapshots = AnnualSnapshot.objects.filter(year=2025)
    assert sorted(s.shop_id for s in snapshots) == sorted([shop.pk, other_shop.pk])
    assert snapshots.get(shop=shop).figures["complaints"]["total"] == 5
    assert not ReportJob.objects.exclude(status=JobStatus.DONE).exists()


def test_the_scheduled_task_queues_without_running_until_commit(
    shop, django_capture_on_commit_callbacks
):
    with (
        time_machine.travel(datetime(2026, 1, 1, 12, 30, tzinfo=UTC), tick=False),
        django_capture_on_commit_callbacks(execute=False) as callbacks,
    ):
        ids = tasks.annual_snapshots_previous_year()
        again = tasks.annual_snapshots_previous_year()  # still queued: the same jobs
    assert ids == again
    assert len(callbacks) == 1
    assert ReportJob.objects.get().status == JobStatus.QUEUED

"""The refresh job and the January-1 schedule: ids in, safe to run twice, progress recorded."""

import importlib
from datetime import UTC, datetime

import pytest
import time_machine
from django.apps import apps as django_apps
from django_celery_beat.models import PeriodicTask

from reports import services, tasks
from reports.models import AnnualSnapshot, JobStatus, ReportJob
from servicedesk.errors import NotFound
from tests.live_workers import wait_for

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

    def spy(job_id, percent, *, attempt):
        real(job_id, percent, attempt=attempt)
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


def test_a_job_left_running_by_a_dead_worker_is_run_again_once_its_lease_is_over(shop):
    with time_machine.travel(datetime(2026, 3, 1, 8, 0, tzinfo=UTC), tick=False):
        job = ReportJob.objects.create(shop=shop, year=YEAR)
        services._claim(job.pk, attempt="dead-worker")  # a worker took it and died
    with time_machine.travel(datetime(2026, 3, 1, 8, 1, tzinfo=UTC), tick=False):
        # Another message (a sweep's) while the lease runs: left alone.
        assert tasks.annual_snapshot_compute(job.pk) == "running"
        assert not AnnualSnapshot.objects.exists()
    with time_machine.travel(datetime(2026, 3, 1, 8, 3, tzinfo=UTC), tick=False):
        assert tasks.annual_snapshot_compute(job.pk) == "done"
    assert AnnualSnapshot.objects.count() == 1


def test_a_redelivered_message_takes_its_job_over_at_once(shop):
    """A pool child killed mid-job: the worker gives the message back and runs it again at
    once, with the same task id. Waiting for the lease would leave the job "running" and every
    refresh returning it; the redelivery is the proof that the first attempt is dead."""
    with time_machine.travel(datetime(2026, 3, 1, 8, 0, tzinfo=UTC), tick=False):
        job = ReportJob.objects.create(shop=shop, year=YEAR)
        services._claim(job.pk, attempt="task-1")
        services._set_progress(job.pk, 50, attempt="task-1")
    with time_machine.travel(datetime(2026, 3, 1, 8, 0, 5, tzinfo=UTC), tick=False):
        result = tasks.annual_snapshot_compute.apply(args=[job.pk], task_id="task-1")
    assert result.get() == "done"
    job.refresh_from_db()
    assert (job.status, job.progress, job.attempt) == (JobStatus.DONE, 100, "task-1")
    assert AnnualSnapshot.objects.filter(shop=shop, year=YEAR).count() == 1


def test_an_attempt_that_lost_its_job_writes_nothing(shop, monkeypatch):
    job = ReportJob.objects.create(shop=shop, year=YEAR)

    def taken_over_meanwhile(*args, **kwargs):
        ReportJob.objects.filter(pk=job.pk).update(attempt="the-next-attempt")
        return {"year": YEAR}

    monkeypatch.setattr(services, "compute_annual", taken_over_meanwhile)
    assert tasks.annual_snapshot_compute(job.pk) == "running"
    assert not AnnualSnapshot.objects.exists()


def test_a_refresh_replaces_a_running_job_whose_worker_stopped_beating(shop, manager):
    with time_machine.travel(datetime(2026, 3, 1, 8, 0, tzinfo=UTC), tick=False):
        stuck = ReportJob.objects.create(shop=shop, year=YEAR)
        services._claim(stuck.pk, attempt="dead-worker")
    with time_machine.travel(datetime(2026, 3, 1, 8, 3, tzinfo=UTC), tick=False):
        job = services.annual_refresh_request(shop_pk=shop.pk, year=YEAR, user=manager)
    stuck.refresh_from_db()
    assert job.pk != stuck.pk
    assert stuck.status == JobStatus.FAILED
    assert stuck.error == str(services.JOB_INTERRUPTED)


def test_a_refresh_returns_a_running_job_that_still_beats(shop, manager):
    with time_machine.travel(datetime(2026, 3, 1, 8, 0, tzinfo=UTC), tick=False):
        running = ReportJob.objects.create(shop=shop, year=YEAR)
        services._claim(running.pk, attempt="alive")
    with time_machine.travel(datetime(2026, 3, 1, 8, 10, tzinfo=UTC), tick=False):
        services._set_progress(running.pk, 65, attempt="alive")  # a long job, still beating
    with time_machine.travel(datetime(2026, 3, 1, 8, 11, tzinfo=UTC), tick=False):
        assert services.annual_refresh_request(shop_pk=shop.pk, year=YEAR, user=manager) == running


def test_a_refresh_sends_again_a_job_that_no_worker_took(
    shop, manager, django_capture_on_commit_callbacks
):
    """Asked while the broker was away: the job stayed queued. The next refresh sends it again
    (the same job, not a second one)."""
    with (
        time_machine.travel(datetime(2026, 3, 1, 8, 0, tzinfo=UTC), tick=False),
        django_capture_on_commit_callbacks(execute=False),  # the send that was lost
    ):
        queued = services.annual_refresh_request(shop_pk=shop.pk, year=YEAR, user=manager)
    with (
        time_machine.travel(datetime(2026, 3, 1, 8, 5, tzinfo=UTC), tick=False),
        django_capture_on_commit_callbacks(execute=True) as sent,
    ):
        again = services.annual_refresh_request(shop_pk=shop.pk, year=YEAR, user=manager)
    assert again.pk == queued.pk
    assert len(sent) == 1
    queued.refresh_from_db()
    assert queued.status == JobStatus.DONE
    assert ReportJob.objects.count() == 1


def test_the_sweep_sends_again_lost_jobs_and_leaves_live_ones(
    shop, other_shop, django_capture_on_commit_callbacks
):
    with time_machine.travel(datetime(2026, 3, 1, 8, 0, tzinfo=UTC), tick=False):
        never_sent = ReportJob.objects.create(shop=shop, year=YEAR)
        dead = ReportJob.objects.create(shop=other_shop, year=YEAR)
        services._claim(dead.pk, attempt="dead-worker")
        services._set_progress(dead.pk, 50, attempt="dead-worker")
        done = ReportJob.objects.create(shop=shop, year=YEAR - 1, status=JobStatus.DONE)
    with time_machine.travel(datetime(2026, 3, 1, 8, 3, tzinfo=UTC), tick=False):
        just_asked = ReportJob.objects.create(shop=other_shop, year=YEAR - 1)
        alive = ReportJob.objects.create(shop=shop, year=YEAR - 2)
        services._claim(alive.pk, attempt="alive")
        with django_capture_on_commit_callbacks(execute=True) as sent:
            assert tasks.requeue_stale_jobs() == 2
    assert len(sent) == 2
    statuses = {
        job.pk: job.status
        for job in ReportJob.objects.filter(pk__in=[never_sent.pk, dead.pk, done.pk])
    }
    assert statuses == {never_sent.pk: "done", dead.pk: "done", done.pk: "done"}
    just_asked.refresh_from_db()
    alive.refresh_from_db()
    assert (just_asked.status, alive.status) == (JobStatus.QUEUED, JobStatus.RUNNING)


def test_the_sweep_is_scheduled():
    sweep = importlib.import_module("reports.migrations.0003_job_lease_and_requeue_schedule")
    sweep.create_schedule(django_apps, None)
    task = PeriodicTask.objects.get(task="reports.requeue_stale_jobs")
    assert task.enabled
    assert (task.interval.every, task.interval.period) == (5, "minutes")


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_beats_while_a_long_step_runs(shop, settings, monkeypatch):
    """Between two progress reports a query may run for minutes: the heartbeat thread, not the
    progress, keeps the lease."""
    settings.REPORT_JOB_LEASE_SECONDS = 0.4  # beats every 0.1 s
    job = ReportJob.objects.create(shop=shop, year=YEAR)
    beats = []

    def long_step(*args, **kwargs):
        claimed = ReportJob.objects.get(pk=job.pk)

        def beaten():
            beats.append(ReportJob.objects.get(pk=job.pk).heartbeat_at)
            return beats[-1] > claimed.heartbeat_at

        assert wait_for(beaten, 30)
        return {"year": YEAR}

    monkeypatch.setattr(services, "compute_annual", long_step)
    assert tasks.annual_snapshot_compute(job.pk) == "done"


def test_the_schedule_is_installed_for_january_the_first():
    # What the data migration installs. Applied again here (it is idempotent) because a
    # transactional test elsewhere in the run may have flushed the rows migrations wrote.
    schedule = importlib.import_module("reports.migrations.0002_annual_schedule")
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


def test_a_refresh_of_a_shop_that_does_not_exist_is_not_found(db):
    with pytest.raises(NotFound):
        services.annual_refresh_request(shop_pk=999999, year=YEAR)

"""The schedules: created by a migration in django-celery-beat, each naming a real task, and
read by the database scheduler that `make run`'s worker uses."""

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler

from servicedesk.celery import app as celery_app

JOBS = {
    "surveys.send_due",
    "complaints.escalate_overdue",
    "complaints.remind_follow_ups",
    "vehicles.remind_inspection_work",
    "interactions.remind_next_visits",
    "outbox.requeue_stale",
    "interactions.fetch_mail",
    "reports.send_monthly_reports",
}


def test_every_job_has_an_enabled_schedule(db):
    assert set(PeriodicTask.objects.filter(enabled=True).values_list("task", flat=True)) >= JOBS


def test_every_scheduled_task_is_registered_with_the_worker(db):
    celery_app.loader.import_default_modules()
    for task in PeriodicTask.objects.values_list("task", flat=True):
        assert task in celery_app.tasks, task


def test_beat_uses_the_database_scheduler():
    assert settings.CELERY_BEAT_SCHEDULER == "django_celery_beat.schedulers:DatabaseScheduler"
    script = (Path(settings.BASE_DIR) / "scripts" / "run_local.sh").read_text()
    assert "-B" in script
    assert "django_celery_beat.schedulers:DatabaseScheduler" in script


def test_the_escalation_job_falls_due_every_five_minutes(db, time_machine):
    time_machine.move_to("2026-03-02 10:00:00+08:00", tick=False)
    scheduler = DatabaseScheduler(app=celery_app, lazy=True)
    entry = scheduler.all_as_schedule()["Escalate overdue complaints"]
    entry.last_run_at = timezone.now()
    time_machine.move_to(timezone.now() + timedelta(minutes=4), tick=False)
    assert entry.is_due().is_due is False
    time_machine.move_to(timezone.now() + timedelta(minutes=1, seconds=1), tick=False)
    assert entry.is_due().is_due is True


def test_the_daily_reminders_fall_due_at_their_hour_in_the_shops_time_zone(db, time_machine):
    time_machine.move_to("2026-03-02 09:59:00+08:00", tick=False)
    scheduler = DatabaseScheduler(app=celery_app, lazy=True)
    entry = scheduler.all_as_schedule()["Remind of declined inspection work"]
    entry.last_run_at = timezone.now() - timedelta(hours=23)
    assert entry.is_due().is_due is False
    time_machine.move_to("2026-03-02 10:00:30+08:00", tick=False)
    assert entry.is_due().is_due is True

"""The jobs' schedules in django-celery-beat: created once, then edited in the admin (a later
run of this migration never overwrites them)."""

import json

from django.conf import settings
from django.db import migrations

# name: (task, every N minutes | None, crontab (minute, hour) | None, description)
SCHEDULES = {
    "Send due satisfaction surveys": (
        "surveys.send_due",
        15,
        None,
        "N days after delivery: the survey link to the customer, a check call for the advisor.",
    ),
    "Escalate overdue complaints": (
        "complaints.escalate_overdue",
        5,
        None,
        "Late first responses, resolutions and corrective actions, to the manager on duty.",
    ),
    "Remind of complaint follow-ups": (
        "complaints.remind_follow_ups",
        None,
        ("0", "9"),
        "Complaints in follow-up whose next try is due: a task for the handler.",
    ),
    "Remind of declined inspection work": (
        "vehicles.remind_inspection_work",
        None,
        ("0", "10"),
        "Declined and deferred inspection work, N days on, to customers who agreed.",
    ),
    "Remind of next visits": (
        "interactions.remind_next_visits",
        None,
        ("30", "10"),
        "The next visit agreed at the keep stage, a few days before.",
    ),
    "Re-send lost messages": (
        "outbox.requeue_stale",
        10,
        None,
        "Queued messages whose delivery task was lost are enqueued again.",
    ),
}


def create(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    for name, (task, minutes, crontab, description) in SCHEDULES.items():
        if PeriodicTask.objects.filter(name=name).exists():
            continue
        schedule = {}
        if minutes:
            schedule["interval"], _ = IntervalSchedule.objects.get_or_create(
                every=minutes, period="minutes"
            )
        else:
            minute, hour = crontab
            schedule["crontab"], _ = CrontabSchedule.objects.get_or_create(
                minute=minute,
                hour=hour,
                day_of_week="*",
                day_of_month="*",
                month_of_year="*",
                timezone=settings.CELERY_TIMEZONE,
            )
        PeriodicTask.objects.create(
            name=name,
            task=task,
            description=description,
            args=json.dumps([]),
            kwargs=json.dumps({}),
            enabled=True,
            **schedule,
        )


def remove(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        name__in=list(SCHEDULES)
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("outbox", "0003_remindersettings"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(create, remove)]

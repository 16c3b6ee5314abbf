"""The January-1 recomputation of last year's statistics for every shop, as a django-celery-beat
schedule a manager can edit in admin.

12:30 UTC on 1 January: every time zone (UTC−12 to UTC+14) has entered the new year by then,
so the year just ended is complete in every shop's own time zone."""

from django.db import migrations

TASK_NAME = "Annual satisfaction statistics: last year, every shop"
TASK = "reports.annual_snapshots_previous_year"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="30",
        hour="12",
        day_of_week="*",
        day_of_month="1",
        month_of_year="1",
        timezone="UTC",
    )
    PeriodicTask.objects.get_or_create(
        name=TASK_NAME,
        defaults={
            "task": TASK,
            "crontab": crontab,
            "enabled": True,
            "description": "Recomputes the previous year's annual satisfaction snapshot of "
            "every shop (servicedesk.reports).",
        },
    )


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]

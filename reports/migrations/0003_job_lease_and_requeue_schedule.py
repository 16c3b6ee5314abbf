"""Report jobs get a lease (the attempt holding a running job, its last heartbeat), and a
django-celery-beat schedule that sends again the jobs that never reached a worker or lost it —
as "Re-send lost messages" does for the outbox. Created once, then edited in the admin."""

from django.db import migrations, models

TASK_NAME = "Re-queue lost report jobs"
TASK = "reports.requeue_stale_jobs"


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every, _ = IntervalSchedule.objects.get_or_create(every=5, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=TASK_NAME,
        defaults={
            "task": TASK,
            "interval": every,
            "enabled": True,
            "description": "Annual statistics jobs queued while the broker was away, or whose "
            "worker was killed, are sent to a worker again (servicedesk.reports).",
        },
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_annual_schedule"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.AddField(
            model_name="reportjob",
            name="attempt",
            field=models.CharField(blank=True, max_length=64, verbose_name="attempt"),
        ),
        migrations.AddField(
            model_name="reportjob",
            name="heartbeat_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="last heartbeat"),
        ),
        migrations.RunPython(create_schedule, remove_schedule),
    ]

"""The time a job runs "as of". Normally now; the demo clock (``manage.py demo_advance_clock``)
passes a later time so the due reminders of that day run at once."""

from datetime import datetime

from django.utils import timezone


def job_now(value: str | None = None) -> datetime:
    if not value:
        return timezone.now()
    moment = datetime.fromisoformat(value)
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)

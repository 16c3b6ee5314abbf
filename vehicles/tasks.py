from celery import shared_task

from servicedesk.clock import job_now

from .services import reminders


# The registered name stays the old one: beat schedules stored in the database
# (servicedesk/outbox/migrations/0004_schedules.py) and messages already queued refer to it.
@shared_task(name="vehicles.remind_inspection_work")
def inspection_reminders_send(now: str | None = None) -> int:
    """Declined and deferred inspection work, N days on, to customers who agreed to reminders."""
    return reminders.inspection_reminders_send(now=job_now(now))

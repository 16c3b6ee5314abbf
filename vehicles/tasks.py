from celery import shared_task

from servicedesk.clock import job_now

from .services import reminders


@shared_task(name="vehicles.remind_inspection_work")
def remind_inspection_work(now: str | None = None) -> int:
    """Declined and deferred inspection work, N days on, to customers who agreed to reminders."""
    return reminders.remind_inspection_work(now=job_now(now))

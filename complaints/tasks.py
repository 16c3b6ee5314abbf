from celery import shared_task

from servicedesk.clock import job_now

from . import reminders


@shared_task(name="complaints.remind_follow_ups")
def remind_follow_ups(now: str | None = None) -> int:
    """Complaint follow-up tries that are due: a task for the handler."""
    return reminders.remind_follow_ups(now=job_now(now))


@shared_task(name="complaints.escalate_overdue")
def escalate_overdue(now: str | None = None) -> int:
    """Late first responses, resolutions and corrective actions: to the manager on duty."""
    return reminders.escalate_overdue(now=job_now(now))

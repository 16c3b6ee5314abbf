from celery import shared_task

from servicedesk.clock import job_now

from . import services


@shared_task(name="surveys.send_due")
def send_due(now: str | None = None) -> int:
    """Satisfaction follow-ups due: the survey link to the customer, a check for the advisor."""
    return services.surveys_send_due(now=job_now(now))

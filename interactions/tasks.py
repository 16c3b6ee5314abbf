from celery import shared_task

from servicedesk.clock import job_now

from . import reminders
from .mailbox import mailbox_fetch


@shared_task(name="interactions.remind_next_visits")
def remind_next_visits(now: str | None = None) -> int:
    """The next visit agreed at the keep stage, a few days before, to consenting customers."""
    return reminders.remind_next_visits(now=job_now(now))


@shared_task(name="interactions.fetch_mail")
def fetch_mail() -> int:
    """The shop's IMAP mailbox onto the communication log (nothing when none is set)."""
    return mailbox_fetch().recorded

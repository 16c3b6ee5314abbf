"""History written after the fact (the demo's year) records its messages as sent then; anything
else given a past moment — a job that ran late, or long — still sends."""

from datetime import timedelta

from django.utils import timezone

from servicedesk.dates import writing_history
from servicedesk.notifications import messages
from servicedesk.notifications.services import notification_send
from servicedesk.outbox import services
from servicedesk.outbox.models import MessageStatus

# A message of the tests' own: the title is a parameter shown as given.
SAID = messages.define("tests.history_said", title="%(title)s")


def queue(shop, *, key, at):
    return services.message_queue(
        shop_id=shop.pk,
        key=key,
        kind="next_visit_reminder",
        channel="sms",
        to="+8613800000001",
        language="en",
        subject="Hello",
        body="Your car is due.",
        at=at,
    )


def test_a_late_job_still_sends_what_it_owes(shop, sms_outbox, django_capture_on_commit_callbacks):
    """A job given its start time as ``at`` that runs ten minutes (a backlog) is not history."""
    started = timezone.now() - timedelta(minutes=10)
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(shop, key="late", at=started)
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and message.attempts == 1
    assert sms_outbox == [{"to": "+8613800000001", "body": "Your car is due."}]


def test_history_records_its_messages_as_sent_then(
    shop, sms_outbox, django_capture_on_commit_callbacks
):
    then = timezone.now() - timedelta(days=90)
    with writing_history(), django_capture_on_commit_callbacks(execute=True):
        message = queue(shop, key="then", at=then)
        today = queue(shop, key="today", at=None)
    message.refresh_from_db()
    assert (message.status, message.sent_at, message.attempts) == (MessageStatus.SENT, then, 0)
    today.refresh_from_db()
    assert today.attempts == 1  # written without a moment: sent now, as usual
    assert sms_outbox == [{"to": "+8613800000001", "body": "Your car is due."}]


def test_history_does_not_ring_the_bell_today(shop, advisor):
    then = timezone.now() - timedelta(days=90)
    kwargs = {"recipient": advisor, "shop_id": shop.pk, "kind": "escalation", "message": SAID}
    with writing_history():
        old = notification_send(**kwargs, key="old", params={"title": "Then"}, at=then)
    new = notification_send(**kwargs, key="new", params={"title": "Now"}, at=then)
    assert (old.created_at, old.read_at) == (then, then)
    assert new.read_at is None  # outside history, a past moment still rings

"""The demo shows what comes in (issue 16): a customer's text on her log, a question from
someone not on file waiting in the inbox, a complaint emailed to the complaints address."""

import pytest
from django.core.management import call_command

from complaints.models import Complaint
from interactions.models import CommunicationLog, InboundMessage, InboundStatus
from servicedesk.outbox.models import OutboundMessage

pytestmark = pytest.mark.usefixtures("seeded_demo")


def test_the_demo_inbox_holds_what_came_in_today(db):
    lina_text, question, emily_mail = InboundMessage.objects.order_by("received_at")
    assert lina_text.status == InboundStatus.FILED and lina_text.customer.name == "李娜"
    assert CommunicationLog.objects.filter(pk=lina_text.communication_id, by=None).exists()
    assert (question.status, question.customer) == (InboundStatus.INBOX, None)
    complaint = Complaint.objects.get(pk=emily_mail.claimed_ref)
    assert (complaint.state, complaint.channel, complaint.customer.email) == (
        "received",
        "email",
        "emily@example.invalid",
    )
    assert OutboundMessage.objects.filter(key=f"complaint-ack:{complaint.pk}").exists()


def test_seeding_again_records_nothing_again(db):
    before = (InboundMessage.objects.count(), Complaint.objects.count())
    call_command("seed_demo", "--no-logins")
    assert (InboundMessage.objects.count(), Complaint.objects.count()) == before

"""An email may carry files (the monthly report's workbook): kept beside the message, attached
at every attempt, never on a text message; the admin shows their names, not their bytes."""

from django.core import mail

from servicedesk.outbox import services
from servicedesk.outbox.models import MessageStatus, OutboundAttachment
from tests.factories import UserFactory

WORKBOOK = services.Attachment(
    filename="report.xlsx",
    content=b"PK\x03\x04 not really a workbook",
    content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)


def _queue(shop, *, channel, key, to):
    return services.message_queue(
        shop_id=shop.pk,
        key=key,
        kind="monthly_report",
        channel=channel,
        to=to,
        language="en",
        subject="The report",
        body="See the file.",
        attachments=(WORKBOOK,),
    )


def test_an_email_goes_with_its_attachment(shop, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = _queue(shop, channel="email", key="a1", to="manager@example.invalid")
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    (sent,) = mail.outbox
    assert sent.attachments == [(WORKBOOK.filename, WORKBOOK.content, WORKBOOK.content_type)]


def test_a_failed_attempt_keeps_the_attachment_for_the_next(
    shop, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.outbox.test_attachments.FailOnce"
    FailOnce.failures = 1
    with django_capture_on_commit_callbacks(execute=True):
        message = _queue(shop, channel="email", key="a2", to="manager@example.invalid")
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and message.attempts == 2
    assert FailOnce.sent[-1].attachments[0][0] == WORKBOOK.filename


def test_a_text_message_carries_no_attachment(shop, sms_outbox):
    message = _queue(shop, channel="sms", key="a3", to="+8613800000001")
    assert not OutboundAttachment.objects.filter(message=message).exists()


def test_the_admin_names_the_attachment(shop, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = _queue(shop, channel="email", key="a4", to="manager@example.invalid")
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    page = client.get(f"/admin/outbox/outboundmessage/{message.pk}/change/")
    assert page.status_code == 200
    assert "report.xlsx" in page.content.decode()


class FailOnce:
    """An email backend whose first ``failures`` sends raise."""

    failures = 0
    sent: list = []

    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        if FailOnce.failures:
            FailOnce.failures -= 1
            raise ConnectionError("SMTP away")
        FailOnce.sent.extend(messages)
        return len(messages)

"""The shop's complaints address opens complaints (issue 16): at received, channel email, the
customer's words the body, acknowledged automatically in their language; a reply on its
thread goes onto the same complaint."""

import pytest
from django.test import override_settings

from complaints.models import Complaint, ComplaintHistory, HistoryKind
from interactions.models import InboundAddress, InboundMessage, InboundPurpose
from servicedesk.notifications.models import Notification
from servicedesk.outbox.models import OutboundMessage
from tests.interactions.inbound_mail import SIGNING_KEY, mailgun_post, mime, png_bytes
from tests.vehicles.factories import CustomerFactory

pytestmark = pytest.mark.django_db
ADDRESS = "complaints@north.example"


@pytest.fixture(autouse=True)
def signing_key():
    with override_settings(ANYMAIL={"MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY}):
        yield


@pytest.fixture
def complaints_address(shop):
    return InboundAddress.objects.create(
        shop=shop, address=ADDRESS, purpose=InboundPurpose.COMPLAINTS
    )


@pytest.fixture
def zhou(shop):
    return CustomerFactory(
        shop=shop, name="Mrs Zhou", email="zhou@example.com", preferred_language="zh-hans"
    )


def deliver(client, django_capture_on_commit_callbacks, message):
    with django_capture_on_commit_callbacks(execute=True):
        assert mailgun_post(client, message).status_code == 200


def test_a_mail_to_the_complaints_address_opens_a_complaint_and_acknowledges_it(
    client,
    django_capture_on_commit_callbacks,
    mailoutbox,
    shop,
    manager,
    zhou,
    complaints_address,
):
    message = mime(
        to=ADDRESS,
        subject="Scratched door",
        text="My door came back scratched.",
        attachments=[("door.png", png_bytes(), "image", "png")],
    )
    deliver(client, django_capture_on_commit_callbacks, message)
    complaint = Complaint.objects.get()
    assert (complaint.state, complaint.channel, complaint.source) == ("received", "email", "direct")
    assert (complaint.customer, complaint.customer_words) == (zhou, "My door came back scratched.")
    inbound = InboundMessage.objects.get()
    assert (inbound.claimed_as, inbound.claimed_ref) == ("complaint", complaint.pk)
    assert inbound.attachments.get().content_type == "image/png"
    assert inbound.communication.kind == "concern"
    ack = OutboundMessage.objects.get(key=f"complaint-ack:{complaint.pk}")
    assert (ack.to, ack.language, ack.status) == ("zhou@example.com", "zh-hans", "sent")
    assert complaint.number in ack.subject and "我们已收到您的投诉" in ack.subject
    assert mailoutbox[-1].to == ["zhou@example.com"]
    # The acknowledgement is the intake's word to the customer: no second "progress" message.
    assert list(OutboundMessage.objects.filter(to="zhou@example.com")) == [ack]
    assert Notification.objects.filter(recipient=manager, url__contains=str(complaint.pk)).exists()


def test_a_stranger_s_complaint_is_taken_by_name_and_answered_in_the_shop_language(
    client, django_capture_on_commit_callbacks, shop, manager, complaints_address
):
    message = mime(sender="Li Lei <li@example.net>", to=ADDRESS, text="Rude staff.")
    deliver(client, django_capture_on_commit_callbacks, message)
    complaint = Complaint.objects.get()
    assert (complaint.customer, complaint.customer_name) == (None, "Li Lei")
    ack = OutboundMessage.objects.get()
    assert (ack.to, ack.language) == ("li@example.net", shop.language)
    assert InboundMessage.objects.get().status == "inbox"  # still to be filed to a customer
    assert Notification.objects.filter(recipient=manager, title__contains="Li Lei").exists()


def test_a_reply_on_the_acknowledgement_goes_onto_the_same_complaint(
    client, django_capture_on_commit_callbacks, shop, manager, zhou, complaints_address
):
    deliver(client, django_capture_on_commit_callbacks, mime(to=ADDRESS, text="Scratched."))
    complaint = Complaint.objects.get()
    ack = OutboundMessage.objects.get()
    reply = mime(to=ADDRESS, subject="Re: ack", text="Photos attached.", in_reply_to=ack.message_id)
    deliver(client, django_capture_on_commit_callbacks, reply)
    assert Complaint.objects.count() == 1
    wrote = ComplaintHistory.objects.get(complaint=complaint, kind=HistoryKind.CUSTOMER_WROTE)
    assert (wrote.note, wrote.by) == ("Photos attached.", None)
    assert InboundMessage.objects.filter(claimed_ref=complaint.pk).count() == 2


def test_the_number_in_the_subject_finds_the_complaint(
    client, django_capture_on_commit_callbacks, shop, manager, zhou, complaints_address
):
    deliver(client, django_capture_on_commit_callbacks, mime(to=ADDRESS, text="Scratched."))
    complaint = Complaint.objects.get()
    reply = mime(to=ADDRESS, subject=f"About {complaint.number}: any news?", text="Any news?")
    deliver(client, django_capture_on_commit_callbacks, reply)
    assert Complaint.objects.count() == 1
    assert ComplaintHistory.objects.filter(kind=HistoryKind.CUSTOMER_WROTE).count() == 1


def test_a_duplicate_delivery_opens_one_complaint(
    client, django_capture_on_commit_callbacks, shop, manager, zhou, complaints_address
):
    message = mime(to=ADDRESS, text="Scratched.")
    deliver(client, django_capture_on_commit_callbacks, message)
    deliver(client, django_capture_on_commit_callbacks, message)
    assert Complaint.objects.count() == 1 and OutboundMessage.objects.count() == 1


def test_the_complaint_page_lists_the_customer_s_emails_and_their_files(
    client,
    django_capture_on_commit_callbacks,
    browser_as,
    shop,
    manager,
    zhou,
    complaints_address,
):
    message = mime(
        to=ADDRESS,
        subject="Scratched door",
        attachments=[
            ("door.png", png_bytes(), "image", "png"),
            ("virus.exe", b"MZ\x90\x00", "application", "octet-stream"),
        ],
    )
    deliver(client, django_capture_on_commit_callbacks, message)
    complaint = Complaint.objects.get()
    page = browser_as(manager).get(f"/complaints/{complaint.pk}/")
    assert page.status_code == 200
    assert "Scratched door" in page.text and "door.png" in page.text
    assert "virus.exe" in page.text and "Not a photo, video or PDF" in page.text


def test_a_customer_with_an_open_complaint_who_writes_in_tells_its_handler(
    client, django_capture_on_commit_callbacks, shop, advisor, manager, zhou
):
    from complaints.services import complaint_open

    InboundAddress.objects.create(shop=shop, address="service@north.example")
    complaint_open(
        shop_pk=shop.pk,
        user=advisor,
        customer_pk=zhou.pk,
        customer_words="Noise",
        channel="phone",
    )
    deliver(client, django_capture_on_commit_callbacks, mime(text="Still noisy."))
    assert Notification.objects.filter(recipient=advisor, title__contains="Mrs Zhou").exists()
    assert not Notification.objects.filter(recipient=manager, title__contains="Mrs Zhou").exists()

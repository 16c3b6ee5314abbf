"""Replies by email land on the customer's log (issue 16): through Mailgun's signed inbound
webhook (anymail), matched by the thread or the sender, recorded once."""

import pytest
from django.test import override_settings

from interactions.models import (
    CommunicationLog,
    InboundAddress,
    InboundMessage,
    InboundStatus,
)
from servicedesk.notifications.models import Notification
from servicedesk.outbox.models import Channel, MessageKind, OutboundMessage
from servicedesk.outbox.services import message_queue
from tests.vehicles.factories import CustomerFactory, VehicleFactory

from .factories import InteractionFactory
from .inbound_mail import SIGNING_KEY, mailgun_post, mime, png_bytes

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("signing_key"),
]


@pytest.fixture
def signing_key():
    with override_settings(ANYMAIL={"MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY}):
        yield


@pytest.fixture
def zhou(shop):
    return CustomerFactory(shop=shop, name="Mrs Zhou", email="zhou@example.com")


@pytest.fixture
def service_address(shop):
    return InboundAddress.objects.create(shop=shop, address="service@north.example")


def test_a_reply_lands_on_the_customer_log_and_tells_the_advisor_of_the_open_visit(
    client, shop, advisor, zhou, service_address
):
    car = VehicleFactory(owner=zhou)
    InteractionFactory(customer=zhou, advisor=advisor, vehicle=car)
    answer = mailgun_post(client, mime(text="When will it be ready?"))
    assert answer.status_code == 200
    message = InboundMessage.objects.get()
    assert (message.shop, message.customer, message.status) == (shop, zhou, InboundStatus.FILED)
    entry = message.communication
    assert (entry.direction, entry.channel, entry.by, entry.vehicle) == (
        "inbound",
        "email",
        None,
        car,
    )
    assert "When will it be ready?" in entry.summary
    told = Notification.objects.get(recipient=advisor)
    assert "Mrs Zhou" in told.title


def test_a_bad_signature_is_refused_and_records_nothing(client, zhou, service_address):
    answer = mailgun_post(client, mime(), key="not-the-key")
    assert answer.status_code == 400
    assert not InboundMessage.objects.exists()


@override_settings(ANYMAIL={})
def test_without_a_signing_key_there_is_no_endpoint(client, zhou, service_address):
    assert mailgun_post(client, mime()).status_code == 404


def test_a_second_delivery_is_recorded_once(client, manager, zhou, service_address):
    message = mime()
    assert mailgun_post(client, message, token="a").status_code == 200
    assert mailgun_post(client, message, token="b").status_code == 200
    assert InboundMessage.objects.count() == 1
    assert CommunicationLog.objects.count() == 1
    assert Notification.objects.filter(recipient=manager).count() == 1


def test_a_reply_to_our_email_finds_the_customer_by_its_thread(client, shop, manager):
    """Written from another address than the one on file: the thread says who it is."""
    wang = CustomerFactory(shop=shop, name="Mr Wang", email="wang@example.com")
    car = VehicleFactory(owner=wang)
    sent = message_queue(
        shop_id=shop.pk,
        key="t-1",
        kind=MessageKind.INSPECTION_REMINDER,
        channel=Channel.EMAIL,
        to=wang.email,
        language="en",
        subject="Your brakes",
        body="…",
        customer_ref=wang.pk,
        vehicle_ref=car.pk,
    )
    assert sent.message_id.startswith("<")
    reply = mime(
        sender="W <work@corp.example>", to="noreply@x.example", in_reply_to=sent.message_id
    )
    assert mailgun_post(client, reply).status_code == 200
    message = InboundMessage.objects.get()
    assert (message.shop, message.customer) == (shop, wang)
    assert message.communication.vehicle == car


def test_our_outbound_email_carries_its_message_id(
    shop, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = message_queue(
            shop_id=shop.pk,
            key="t-2",
            kind=MessageKind.INSPECTION_REMINDER,
            channel=Channel.EMAIL,
            to="x@example.com",
            language="en",
            subject="s",
            body="b",
        )
    OutboundMessage.objects.get(pk=sent.pk)
    assert mailoutbox[-1].extra_headers["Message-ID"] == sent.message_id


def test_photos_are_kept_and_other_files_refused_by_their_content(client, zhou, service_address):
    message = mime(
        attachments=[
            ("scratch.png", png_bytes(), "image", "png"),
            ("invoice.pdf", b"%PDF-1.4\n%%EOF\n", "application", "pdf"),
            ("photo.jpg", b"MZ\x90\x00 not a photo", "image", "jpeg"),
        ]
    )
    assert mailgun_post(client, message).status_code == 200
    files = {a.name: a for a in InboundMessage.objects.get().attachments.all()}
    assert files["scratch.png"].content_type == "image/png" and files["scratch.png"].file
    assert files["invoice.pdf"].content_type == "application/pdf"
    assert files["photo.jpg"].refused == "type" and not files["photo.jpg"].file


def test_an_unknown_sender_waits_in_the_shop_inbox(client, shop, service_address):
    assert mailgun_post(client, mime(sender="stranger@example.net")).status_code == 200
    message = InboundMessage.objects.get()
    assert (message.shop, message.customer, message.status) == (shop, None, InboundStatus.INBOX)
    assert not CommunicationLog.objects.exists()


def test_a_sender_known_at_two_shops_writing_to_no_address_of_ours_is_left_unrouted(
    client, shop, other_shop
):
    CustomerFactory(shop=shop, email="family@example.com")
    CustomerFactory(shop=other_shop, email="family@example.com")
    mailgun_post(client, mime(sender="family@example.com", to="someone@else.example"))
    message = InboundMessage.objects.get()
    assert (message.shop, message.customer, message.status) == (None, None, InboundStatus.INBOX)


def test_a_sender_known_at_one_shop_only_is_routed_there(client, shop, manager):
    zhou = CustomerFactory(shop=shop, email="zhou@example.com")
    mailgun_post(client, mime(to="someone@else.example"))
    assert InboundMessage.objects.get().customer == zhou


def test_the_provider_posts_without_a_csrf_token(zhou, service_address):
    from django.test import Client

    assert mailgun_post(Client(enforce_csrf_checks=True), mime()).status_code == 200
    assert InboundMessage.objects.count() == 1


@override_settings(INBOUND_IMAP_URL="")
def test_the_mailbox_job_does_nothing_without_a_mailbox():
    from interactions.tasks import fetch_mail

    assert fetch_mail() == 0


def test_a_mailbox_url_of_another_kind_stops_the_job():
    from django.core.exceptions import ImproperlyConfigured

    from interactions.mailbox import BAD_URL, mailbox_fetch

    with pytest.raises(ImproperlyConfigured) as refused:
        mailbox_fetch(url="pop3://user:pw@mail.example.com/")
    assert str(refused.value) == BAD_URL

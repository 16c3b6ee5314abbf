"""Seed 003 §6 and seed 002: the customer is told a realistic resolution time when the
complaint is logged, and again each time it moves — in their language, once per move, never
for an internal nonconformity."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.utils import formats, timezone, translation

from complaints import services
from complaints.models import Source, State
from complaints.services.progress import complaint_tell_customer, expected_resolution
from servicedesk.outbox.models import OutboundMessage
from tests.complaints.factories import ComplaintFactory
from tests.vehicles.factories import CustomerFactory


def _customer(shop, language, **contact):
    contact = contact or {"email": "li@example.com"}
    return CustomerFactory(
        shop=shop, preferred_language=language, preferred_channel="email", **contact
    )


def _messages(customer):
    return list(
        OutboundMessage.objects.filter(kind="complaint_progress", customer_ref=customer.pk)
        .order_by("pk")
        .values_list("subject", "body", "language")
    )


def test_logged_the_customer_is_told_when_it_will_be_resolved(shop, advisor):
    customer = _customer(shop, "en")
    c = ComplaintFactory(shop=shop, user=advisor, customer=customer)
    [(subject, body, language)] = _messages(customer)
    assert c.number in subject and "Received" in subject and language == "en"
    assert "We expect to have it resolved by" in body


def test_in_chinese_for_a_chinese_speaking_customer(shop, advisor):
    customer = _customer(shop, "zh-hans")
    ComplaintFactory(shop=shop, user=advisor, customer=customer)
    [(subject, body, language)] = _messages(customer)
    with translation.override("zh-hans"):
        received = str(State.RECEIVED.label)
    assert language == "zh-hans" and received in subject and received != "Received"
    assert "我们预计在" in body and "前解决" in body


def test_each_move_tells_again_once(shop, advisor, manager, quality, carry):
    customer = _customer(shop, "en")
    c = carry(ComplaintFactory(shop=shop, user=advisor, customer=customer), State.RESOLVING)
    assert len(_messages(customer)) == 3  # received, investigating, resolving
    c.refresh_from_db()
    assert complaint_tell_customer(c) is False  # the same move: nothing twice
    c = carry(c, State.CUSTOMER_CONFIRMED)
    *_, (subject, body, _language) = _messages(customer)
    assert "Customer confirmed" in subject and "It is resolved" in body


def test_a_late_complaint_is_not_promised_a_time_gone_by(shop, advisor):
    c = ComplaintFactory(shop=shop, user=advisor)
    later = c.resolution_due + timedelta(hours=5)
    assert expected_resolution(c, now=later) == later + timedelta(hours=2)  # normal: 120 min
    assert expected_resolution(c, now=c.received_at) == c.resolution_due


def test_not_for_an_internal_nonconformity(shop, advisor, technician):
    customer = _customer(shop, "en")
    c = services.complaint_open(
        shop_pk=shop.pk,
        user=technician,
        source=Source.INTERNAL,
        customer_words="Wrong oil grade used",
        customer_pk=customer.pk,
    )
    assert complaint_tell_customer(c) is False and _messages(customer) == []


def test_nothing_for_a_customer_not_on_file(shop, advisor):
    c = ComplaintFactory(shop=shop, user=advisor, customer_name="Walk-in Zhang")
    assert complaint_tell_customer(c) is False
    assert not OutboundMessage.objects.filter(kind="complaint_progress").exists()


def test_the_time_is_said_in_the_shops_time_zone(shop, advisor):
    customer = _customer(shop, "en")
    with time_machine.travel(datetime(2026, 3, 2, 1, 0, tzinfo=UTC)):
        c = ComplaintFactory(shop=shop, user=advisor, customer=customer)
    local = timezone.localtime(c.resolution_due, timezone=ZoneInfo(shop.timezone))
    with translation.override("en"):
        said = f"{formats.date_format(local, 'DATE_FORMAT')} {local:%H:%M}"
    [(_subject, body, _language)] = _messages(customer)
    assert f"by {said}. " in body and ".." not in body

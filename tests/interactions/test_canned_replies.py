"""Canned replies: kept by the service manager, placeholders checked at save, rendered in the
customer's language with the one rule ``canned_reply_render``."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from complaints.models import Complaint
from interactions import services
from interactions.services import (
    REPLY_TEXT_REQUIRED,
    REPLY_TITLE_TAKEN,
    UNKNOWN_PLACEHOLDER,
    WRONG_SHOP,
    ReplyContext,
    canned_reply_render,
    reply_context,
)
from servicedesk.errors import Forbidden, Invalid, NotFound
from tests.complaints.factories import ComplaintFactory
from tests.vehicles.factories import CustomerFactory, VehicleFactory, WorkOrderFactory

from .factories import CannedReplyFactory

pytestmark = pytest.mark.django_db

KNOWN = "{customer_name}, {complaint_number}, {work_order_number}, {promised_at}, {shop_name}"


@pytest.fixture
def car(customer):
    return VehicleFactory(owner=customer)


@pytest.fixture
def visit(car, advisor):
    wo = WorkOrderFactory(vehicle=car, advisor=advisor)
    promised = datetime(2026, 12, 5, 16, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    type(wo).objects.filter(pk=wo.pk).update(promised_at=promised)
    wo.refresh_from_db()
    return wo


def test_a_manager_keeps_the_shops_replies(manager, shop):
    reply = services.canned_reply_create(
        user=manager, shop_pk=shop.pk, title=" Ready ", text_en="Your car is ready."
    )
    assert (reply.title, reply.text_zh, reply.active) == ("Ready", "", True)
    services.canned_reply_update(
        user=manager, pk=reply.pk, title="Ready", text_zh="您的车好了。", active=False
    )
    reply.refresh_from_db()
    assert (reply.text_zh, reply.text_en, reply.active) == ("您的车好了。", "", False)


def test_an_advisor_may_not_keep_them(advisor, shop):
    with pytest.raises(Forbidden):
        services.canned_reply_create(user=advisor, shop_pk=shop.pk, title="x", text_en="y")


def test_another_shops_manager_is_told_not_found(shop, other_shop):
    from tests.factories import staff

    theirs = staff("their-manager", other_shop, "manager")
    reply = CannedReplyFactory(shop=shop)
    with pytest.raises(NotFound):
        services.canned_reply_update(user=theirs, pk=reply.pk, title="Mine", text_en="Mine")


def test_it_refuses_an_unknown_placeholder_naming_it(manager, shop):
    with pytest.raises(Invalid) as refused:
        services.canned_reply_create(
            user=manager, shop_pk=shop.pk, title="Typo", text_en="Dear {customer_nmae},"
        )
    assert refused.value.field == "text_en"
    assert "{customer_nmae}" in str(refused.value.message)
    assert str(refused.value.message) == str(UNKNOWN_PLACEHOLDER) % {
        "name": "customer_nmae",
        "known": KNOWN,
    }


def test_every_known_placeholder_is_accepted(manager, shop):
    reply = services.canned_reply_create(user=manager, shop_pk=shop.pk, title="All", text_zh=KNOWN)
    assert reply.text_zh == KNOWN


def test_it_needs_a_text_in_one_language_at_least(manager, shop):
    with pytest.raises(Invalid) as refused:
        services.canned_reply_create(user=manager, shop_pk=shop.pk, title="Empty", text_en="  ")
    assert refused.value.message == REPLY_TEXT_REQUIRED


def test_titles_are_unique_within_a_shop_only(manager, shop, other_shop):
    CannedReplyFactory(shop=shop, title="Ready")
    CannedReplyFactory(shop=other_shop, title="Ready")
    with pytest.raises(Invalid) as refused:
        services.canned_reply_create(user=manager, shop_pk=shop.pk, title="ready", text_en="x")
    assert refused.value.message == REPLY_TITLE_TAKEN


def test_it_fills_in_the_customer_the_work_order_and_the_shop(shop, customer, visit):
    reply = CannedReplyFactory(
        shop=shop, text_en="Dear {customer_name}, {work_order_number} at {shop_name}: {promised_at}"
    )
    customer.preferred_language = "en"
    context = ReplyContext(shop=shop, customer=customer, work_order=visit)
    rendered = canned_reply_render(reply=reply, context=context)
    assert rendered.language == "en"
    assert rendered.text.startswith(f"Dear Mrs Zhou, {visit.number} at North: ")
    assert "Dec. 5, 2026" in rendered.text and "4:30" in rendered.text
    assert rendered.missing == ()


def test_a_sentence_ending_on_the_promised_time_has_one_full_stop(shop, customer, visit):
    """English times end "p.m." — "ready at {promised_at}." must not read "p.m.."."""
    reply = CannedReplyFactory(shop=shop, text_en="Ready at {promised_at}. Thank you.")
    customer.preferred_language = "en"
    context = ReplyContext(shop=shop, customer=customer, work_order=visit)
    rendered = canned_reply_render(reply=reply, context=context).text
    assert rendered.endswith("4:30 p.m. Thank you.")


def test_the_promised_time_reads_in_chinese_for_a_chinese_customer(shop, customer, visit):
    reply = CannedReplyFactory(shop=shop)
    customer.preferred_language = "zh-hans"
    rendered = canned_reply_render(
        reply=reply, context=ReplyContext(shop=shop, customer=customer, work_order=visit)
    )
    assert rendered.language == "zh-hans"
    assert rendered.text.startswith("Mrs Zhou您好，您的车预计2026年12月5日")
    assert "16:30" in rendered.text


def test_it_falls_back_to_the_other_language(shop, customer):
    only_chinese = CannedReplyFactory(shop=shop, text_en="", text_zh="{customer_name}您好")
    only_english = CannedReplyFactory(shop=shop, text_zh="", text_en="Hello {customer_name}")
    customer.preferred_language = "en"
    context = ReplyContext(shop=shop, customer=customer)
    assert canned_reply_render(reply=only_chinese, context=context).text == "Mrs Zhou您好"
    customer.preferred_language = "zh-hans"
    assert canned_reply_render(reply=only_english, context=context).text == "Hello Mrs Zhou"


def test_an_unknown_value_is_left_out_and_named(shop, customer):
    reply = CannedReplyFactory(
        shop=shop, text_en="Complaint {complaint_number}: ready {promised_at}."
    )
    customer.preferred_language = "en"
    rendered = canned_reply_render(reply=reply, context=ReplyContext(shop=shop, customer=customer))
    assert rendered.text == "Complaint : ready ."
    assert rendered.missing == ("complaint_number", "promised_at")
    assert [str(m) for m in rendered.missing_labels] == [
        "the complaint's number",
        "the time the car is promised for",
    ]


def test_without_a_customer_it_speaks_the_shops_language(shop):
    reply = CannedReplyFactory(shop=shop)
    rendered = canned_reply_render(reply=reply, context=ReplyContext(shop=shop))
    assert rendered.language == shop.language
    assert "customer_name" in rendered.missing


def test_a_complaint_brings_its_number_customer_and_work_order(advisor, shop, customer, visit):
    complaint = ComplaintFactory(
        shop=shop, user=advisor, customer=customer, work_order=visit, vehicle=visit.vehicle
    )
    context = reply_context(user=advisor, shop_id=shop.pk, complaint_pk=complaint.pk)
    assert context.complaint_number == complaint.number
    assert (context.customer, context.work_order) == (customer, visit)
    assert isinstance(complaint, Complaint)


def test_another_shops_records_are_not_found(advisor, shop, other_shop):
    theirs = CustomerFactory(shop=other_shop)
    with pytest.raises(NotFound):
        reply_context(user=advisor, shop_id=shop.pk, customer_pk=theirs.pk)
    their_complaint = ComplaintFactory(shop=other_shop)
    with pytest.raises(NotFound):
        reply_context(user=advisor, shop_id=shop.pk, complaint_pk=their_complaint.pk)


def test_a_customer_of_another_of_ones_shops_is_refused(advisor, shop, other_shop):
    from servicedesk.accounts.models import Membership, Role

    Membership.objects.create(user=advisor, shop=other_shop, role=Role.ADVISOR)
    theirs = CustomerFactory(shop=other_shop)
    with pytest.raises(Invalid) as refused:
        reply_context(user=advisor, shop_id=shop.pk, customer_pk=theirs.pk)
    assert refused.value.message == WRONG_SHOP

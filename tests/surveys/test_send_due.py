"""The satisfaction follow-up job: N days after delivery, once."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from servicedesk.notifications.models import Notification
from servicedesk.outbox.models import OutboundMessage, Reminder
from surveys import services
from surveys.models import Survey, SurveySettings
from surveys.tasks import send_due
from tests.vehicles.factories import CustomerFactory, VehicleFactory, WorkOrderFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")
DELIVERED = datetime(2026, 3, 2, 16, 0, tzinfo=SHANGHAI)


@pytest.fixture
def order(shop, advisor):
    client = CustomerFactory(
        shop=shop,
        name="Lin Hua",
        preferred_language="en",
        email="lin@example.invalid",
        preferred_channel="email",
    )
    wo = WorkOrderFactory(vehicle=VehicleFactory(shop=shop, owner=client), advisor=advisor)
    wo.status = "delivered"
    wo.delivered_at = DELIVERED
    wo.save()
    return wo


def at(days: float) -> datetime:
    return DELIVERED + timedelta(days=days)


def test_nothing_is_due_before_the_day(order):
    assert services.work_orders_due_for_survey(now=at(2.9)) == []


def test_it_is_due_three_days_after_delivery_by_default(order):
    assert services.work_orders_due_for_survey(now=at(3)) == [order.pk]


def test_a_shop_sets_its_own_delay(shop, order):
    SurveySettings.objects.create(shop=shop, days_after_delivery=7)
    assert services.work_orders_due_for_survey(now=at(6)) == []
    assert services.work_orders_due_for_survey(now=at(7)) == [order.pk]


def test_a_shop_may_switch_surveys_off(shop, order):
    SurveySettings.objects.create(shop=shop, enabled=False)
    assert services.work_orders_due_for_survey(now=at(3)) == []


def test_deliveries_older_than_a_links_life_are_not_surveyed_late(order):
    assert services.work_orders_due_for_survey(now=at(3 + 14 + 1)) == []


def test_other_shops_delays_do_not_leak(shop, other_shop, order):
    SurveySettings.objects.create(shop=other_shop, days_after_delivery=1)
    assert services.work_orders_due_for_survey(now=at(1)) == []


def test_the_finder_is_one_query(order, django_assert_num_queries):
    with django_assert_num_queries(2):  # the shops' settings, then the due work orders
        services.work_orders_due_for_survey(now=at(3))


def test_the_job_sends_the_link_and_tasks_the_advisor_once(
    order, advisor, time_machine, django_capture_on_commit_callbacks
):
    advisor.email = "li.wei@example.invalid"
    advisor.save()
    time_machine.move_to(at(3), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due.delay().get() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due.delay().get() == 0  # run twice: one effect
    survey = Survey.objects.get()
    assert survey.work_order == order
    assert survey.language == "en"
    assert survey.sent_at == at(3)
    assert survey.expires_at == at(3 + 14)
    to_customer = [m for m in mail.outbox if m.to == ["lin@example.invalid"]]
    assert len(to_customer) == 1
    assert f"/s/{survey.token}/" in to_customer[0].body
    assert to_customer[0].subject.startswith("How was your visit")
    assert Notification.objects.filter(recipient=advisor, kind="survey_check").count() == 1
    assert Reminder.objects.filter(kind="survey").count() == 1
    # The advisor's email links to the survey with the site's full address, not a bare path.
    (to_advisor,) = [m for m in mail.outbox if m.to == ["li.wei@example.invalid"]]
    assert f"http://testserver/surveys/{survey.pk}/" in to_advisor.body


def test_a_chinese_customer_by_text_message(shop, advisor, time_machine, sms_outbox):
    client = CustomerFactory(
        shop=shop, name="周敏", preferred_language="zh-hans", preferred_channel="sms"
    )
    wo = WorkOrderFactory(vehicle=VehicleFactory(shop=shop, owner=client), advisor=advisor)
    wo.status, wo.delivered_at = "delivered", DELIVERED
    wo.save()
    time_machine.move_to(at(3), tick=False)
    from django.db import transaction

    with transaction.atomic():
        services.surveys_send_due()
    message = OutboundMessage.objects.get(kind="survey_invitation")
    assert message.channel == "sms"
    assert message.body.startswith("【North】感谢您的光临")


def test_a_concurrent_second_run_finds_the_key_taken(order, advisor):
    # The work order was found by both runs; the second claims the key after the first.
    assert services.survey_follow_up(work_order_pk=order.pk, now=at(3)) is not None
    assert services.survey_follow_up(work_order_pk=order.pk, now=at(3)) is None
    assert Survey.objects.count() == 1


def test_a_survey_created_after_the_fact_is_dated_then(delivered):
    """History written later (the demo's year) says when: the survey is created and expires
    from that moment, not from the day it was written."""
    then = DELIVERED + timedelta(days=3)
    survey, created = services.survey_create(work_order_pk=delivered.pk, at=then)
    assert created and survey.created_at == then
    expiry = SurveySettings(shop_id=delivered.shop_id).expiry_days
    assert survey.expires_at == then + timedelta(days=expiry)

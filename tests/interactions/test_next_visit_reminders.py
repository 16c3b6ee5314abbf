"""The next visit agreed at keep: a reminder a few days before, once, with consent only."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from interactions import reminders
from interactions.tasks import remind_next_visits
from servicedesk.outbox.models import OutboundMessage, ReminderSettings
from tests.interactions.factories import InteractionFactory
from tests.vehicles.factories import CustomerFactory, VehicleFactory

SH = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def kept(shop, advisor):
    client = CustomerFactory(
        shop=shop, name="周敏", preferred_language="zh-hans", reminder_consent=True
    )
    car = VehicleFactory(shop=shop, owner=client, plate="京A12345")
    return InteractionFactory(
        customer=client,
        vehicle=car,
        channel="walk_in",
        advisor=advisor,
        greet_at=datetime(2026, 3, 1, 10, tzinfo=SH),
        stage="closed",
        next_visit_on=date(2026, 6, 10),
    )


def test_due_three_days_before_by_default(kept):
    assert reminders.next_visits_due(now=datetime(2026, 6, 6, 9, tzinfo=SH)) == []
    assert reminders.next_visits_due(now=datetime(2026, 6, 7, 9, tzinfo=SH)) == [kept.pk]
    assert reminders.next_visits_due(now=datetime(2026, 6, 11, 9, tzinfo=SH)) == []


def test_a_shop_sets_its_own_lead(shop, kept):
    ReminderSettings.objects.create(shop=shop, next_visit_days_before=7)
    assert reminders.next_visits_due(now=datetime(2026, 6, 3, 9, tzinfo=SH)) == [kept.pk]


def test_only_customers_who_agreed(kept):
    kept.customer.reminder_consent = False
    kept.customer.save()
    assert reminders.next_visits_due(now=datetime(2026, 6, 8, 9, tzinfo=SH)) == []


def test_the_finder_is_one_query(kept, django_assert_num_queries):
    with django_assert_num_queries(2):
        reminders.next_visits_due(now=datetime(2026, 6, 8, 9, tzinfo=SH))


def test_run_twice_it_texts_once_in_chinese(
    kept, sms_outbox, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(datetime(2026, 6, 8, 9, tzinfo=SH), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_next_visits.delay().get() == 1
        assert remind_next_visits.delay().get() == 0
    assert len(sms_outbox) == 1
    assert "京A12345" in sms_outbox[0]["body"]
    assert "2026年6月10日" in sms_outbox[0]["body"]
    assert OutboundMessage.objects.get().kind == "next_visit_reminder"


def test_a_moved_visit_is_reminded_again(kept, time_machine):
    time_machine.move_to(datetime(2026, 6, 8, 9, tzinfo=SH), tick=False)
    assert reminders.remind_next_visits() == 1
    kept.next_visit_on = date(2026, 6, 9)
    kept.save()
    assert reminders.remind_next_visits() == 1

"""Declined and deferred inspection work: a reminder N days on, once, with consent only."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from servicedesk.outbox.models import OutboundMessage, ReminderSettings
from tests.vehicles.factories import CustomerFactory, VehicleFactory, WorkOrderFactory
from vehicles.models import Inspection, InspectionItem
from vehicles.services import reminders
from vehicles.tasks import inspection_reminders_send

DECIDED = datetime(2026, 3, 2, 11, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def consenting(shop):
    return CustomerFactory(
        shop=shop,
        name="Lin Hua",
        preferred_language="en",
        email="lin@example.invalid",
        preferred_channel="email",
        reminder_consent=True,
    )


def inspect(shop, advisor, client, *decisions):
    wo = WorkOrderFactory(vehicle=VehicleFactory(shop=shop, owner=client), advisor=advisor)
    inspection = Inspection.objects.create(
        shop=shop, work_order=wo, vehicle=wo.vehicle, inspected_by=advisor
    )
    for n, decision in enumerate(decisions):
        InspectionItem.objects.create(
            inspection=inspection,
            shop=shop,
            name=f"Item {n}",
            condition="yellow",
            recommended_job=f"Job {n}",
            price=Decimal("100"),
            decision=decision,
            decided_at=DECIDED,
        )
    return inspection


def test_due_thirty_days_after_the_decision_by_default(shop, advisor, consenting):
    inspection = inspect(shop, advisor, consenting, "declined", "deferred", "approved")
    assert reminders.inspection_reminders_due(now=DECIDED + timedelta(days=29)) == []
    assert reminders.inspection_reminders_due(now=DECIDED + timedelta(days=30)) == [inspection.pk]


def test_a_shop_sets_its_own_delay(shop, advisor, consenting):
    ReminderSettings.objects.create(shop=shop, inspection_after_days=7)
    inspection = inspect(shop, advisor, consenting, "deferred")
    assert reminders.inspection_reminders_due(now=DECIDED + timedelta(days=7)) == [inspection.pk]


def test_only_customers_who_agreed_are_reminded(shop, advisor):
    inspect(shop, advisor, CustomerFactory(shop=shop, reminder_consent=False), "declined")
    assert reminders.inspection_reminders_due(now=DECIDED + timedelta(days=30)) == []


def test_approved_and_pending_work_is_not_reminded(shop, advisor, consenting):
    inspect(shop, advisor, consenting, "approved", "pending")
    assert reminders.inspection_reminders_due(now=DECIDED + timedelta(days=30)) == []


def test_the_finder_is_one_query(shop, advisor, consenting, django_assert_num_queries):
    inspect(shop, advisor, consenting, "declined")
    with django_assert_num_queries(2):  # the shops' settings, then the due inspections
        reminders.inspection_reminders_due(now=DECIDED + timedelta(days=30))


def test_run_twice_it_writes_once(
    shop, advisor, consenting, time_machine, django_capture_on_commit_callbacks
):
    inspection = inspect(shop, advisor, consenting, "declined", "deferred")
    time_machine.move_to(DECIDED + timedelta(days=30), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert inspection_reminders_send.delay().get() == 1
        assert inspection_reminders_send.delay().get() == 0
    assert len(mail.outbox) == 1
    assert "Job 0; Job 1" in mail.outbox[0].body
    assert not inspection.items.filter(reminded_at__isnull=True).exists()
    assert OutboundMessage.objects.get().responsible == advisor

"""The demo: fourteen months of surveys, and the demo clock sends a delivered order's survey."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from surveys.models import Survey
from tests.vehicles.factories import CustomerFactory, VehicleFactory, WorkOrderFactory


def test_the_demo_seeds_surveys_over_fourteen_months(db):
    call_command("seed_demo")
    surveys = Survey.objects.filter(shop__code="demo")
    assert surveys.count() >= 40
    answered = surveys.filter(answered_at__isnull=False)
    assert 0 < answered.count() < surveys.count()
    assert answered.filter(low_score=True).exists()
    assert {s.csat for s in answered} >= {1, 5} or {s.csat for s in answered} >= {2, 5}
    oldest = surveys.order_by("sent_at").first().sent_at
    assert timezone.now() - oldest > timedelta(days=365)
    call_command("seed_demo")  # idempotent
    assert Survey.objects.filter(shop__code="demo").count() == surveys.count()


def test_the_demo_clock_sends_a_delivered_orders_survey(
    shop, advisor, django_capture_on_commit_callbacks
):
    client = CustomerFactory(
        shop=shop, preferred_language="en", email="lin@example.invalid", preferred_channel="email"
    )
    order = WorkOrderFactory(vehicle=VehicleFactory(shop=shop, owner=client), advisor=advisor)
    order.status, order.delivered_at = "delivered", timezone.now()
    order.save()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo_advance_clock", "--days", "1")
    assert not Survey.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo_advance_clock", "--days", "3")
    assert Survey.objects.get().work_order == order
    assert [m.to for m in mail.outbox if m.to == ["lin@example.invalid"]] == [
        ["lin@example.invalid"]
    ]


def test_the_demo_clock_refuses_outside_demo_settings(settings, db):
    from django.core.management.base import CommandError

    settings.SEED_DEMO_ALLOWED = False
    with pytest.raises(CommandError):
        call_command("demo_advance_clock", "--days", "3")


def test_the_demos_surveyed_visits_are_written_through_the_services(db):
    """Each surveyed routine service was opened, authorized, worked on and delivered (its
    status events and invoice as of that day), and its survey created when it was sent."""
    call_command("seed_demo")
    surveys = Survey.objects.filter(
        shop__code="demo", work_order__lines__description__in=["常规保养", "Routine service"]
    ).select_related("work_order__invoice")
    assert surveys.count() == 48
    for survey in surveys:
        order = survey.work_order
        assert order.events.count() == 5
        assert order.authorizations.exists()
        assert order.invoice.issued_at == order.delivered_at
        assert survey.created_at == survey.sent_at == order.delivered_at + timedelta(days=3)

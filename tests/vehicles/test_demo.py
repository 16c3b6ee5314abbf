import sys
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from vehicles.models import (
    ComebackReview,
    Customer,
    Decision,
    InspectionItem,
    Invoice,
    WorkOrder,
    WorkOrderStatus,
)


@pytest.mark.usefixtures("seeded_demo")
def test_the_demo_has_every_status_an_inspection_an_invoice_and_a_comeback(db):
    call_command("seed_demo")
    statuses = set(WorkOrder.objects.filter(shop__code="demo").values_list("status", flat=True))
    assert statuses == set(WorkOrderStatus.values)
    assert WorkOrder.objects.filter(comeback_of__isnull=False).exists()
    assert Invoice.objects.exists()
    decisions = set(InspectionItem.objects.values_list("decision", flat=True))
    assert {Decision.APPROVED, Decision.DECLINED, Decision.DEFERRED} <= decisions


@pytest.mark.usefixtures("seeded_demo")
def test_the_demo_runs_twice_without_duplicates(db):
    call_command("seed_demo")
    counts = (Customer.objects.count(), WorkOrder.objects.count())
    call_command("seed_demo")
    assert (Customer.objects.count(), WorkOrder.objects.count()) == counts


def test_the_demo_needs_no_dev_dependency(db, monkeypatch):
    """Production images install no dev extras: seeding must not import time-machine & co."""
    for name in ("time_machine", "factory", "faker", "pytest_django", "hypothesis"):
        monkeypatch.setitem(sys.modules, name, None)  # importing it now raises ImportError
    call_command("seed_demo")
    # The demo's comeback; the history's and the survey demo's returning cars under warranty
    # are flagged too, and reviewed as not related.
    comeback = WorkOrder.objects.exclude(comeback_review=ComebackReview.NOT_RELATED).get(
        comeback_of__isnull=False
    )
    earlier = comeback.comeback_of  # the brake job four months back, dated without time-machine
    assert (timezone.now() - earlier.opened_at).days >= 119
    assert earlier.invoice.issued_at < timezone.now() - timedelta(days=119)


@pytest.mark.usefixtures("seeded_demo")
def test_every_delivered_demo_order_has_its_invoice(db):
    call_command("seed_demo")
    delivered = WorkOrder.objects.filter(status="delivered")
    assert delivered.count() > 200
    assert not delivered.filter(invoice__isnull=True).exists()
    customer = delivered.order_by("pk").last().customer
    assert sum(wo.invoice.total for wo in customer.work_orders.filter(status="delivered")) > 0

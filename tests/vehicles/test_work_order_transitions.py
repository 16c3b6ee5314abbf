from decimal import Decimal

import pytest

from servicedesk.errors import Conflict, Invalid
from tests.vehicles.factories import WorkOrderFactory
from vehicles import services
from vehicles.models import WorkOrder
from vehicles.services.errors import (
    CANCEL_REASON_REQUIRED,
    MILEAGE_OUT_LOWER,
    MILEAGE_OUT_REQUIRED,
    WRONG_STATUS,
)

from . import factories as f


def test_it_goes_through_every_step_and_keeps_the_history(shop, advisor, zhou, lavida):
    wo, invoice = f.delivered(shop, advisor, lavida, mileage_in=42100, mileage_out=42110)
    assert wo.status == "delivered" and wo.mileage_out == 42110
    assert [e.to_status for e in wo.events.all()] == [
        "open",
        "authorized",
        "in_progress",
        "ready",
        "delivered",
    ]
    lavida.refresh_from_db()
    assert lavida.mileage == 42110
    assert invoice.total == Decimal("339.00") and invoice.language == zhou.preferred_language
    assert invoice.number.startswith("INV-")


def test_it_refuses_to_start_an_open_order(shop, advisor):
    wo = WorkOrderFactory(shop=shop, advisor=advisor, lines=1)
    with pytest.raises(Conflict) as err:
        services.work_order_start(pk=wo.pk, user=advisor)
    assert "Open" in str(err.value.message)
    wo.refresh_from_db()
    assert wo.status == "open"


@pytest.mark.parametrize(
    ("step", "doing"), [("ready", "marking it ready"), ("deliver", "delivering")]
)
def test_it_refuses_steps_out_of_order(shop, advisor, step, doing):
    wo = WorkOrderFactory(shop=shop, advisor=advisor, lines=1)
    f.authorize(wo, advisor)
    with pytest.raises(Conflict) as refused:
        if step == "ready":
            services.work_order_ready(pk=wo.pk, user=advisor)
        else:
            services.work_order_deliver(pk=wo.pk, user=advisor, mileage_out=1)
    assert refused.value.message == WRONG_STATUS % {"status": "Authorized", "action": doing}


def test_delivery_needs_a_mileage_not_lower_than_in(shop, advisor):
    wo = WorkOrderFactory(shop=shop, advisor=advisor, lines=1, mileage_in=5000)
    f.authorize(wo, advisor)
    services.work_order_start(pk=wo.pk, user=advisor)
    services.work_order_ready(pk=wo.pk, user=advisor)
    with pytest.raises(Invalid) as refused:
        services.work_order_deliver(pk=wo.pk, user=advisor, mileage_out=None)
    assert refused.value.message == MILEAGE_OUT_REQUIRED
    with pytest.raises(Invalid) as refused:
        services.work_order_deliver(pk=wo.pk, user=advisor, mileage_out=4000)
    assert refused.value.message == MILEAGE_OUT_LOWER % {"km": 5000}
    wo.refresh_from_db()
    assert wo.status == "ready" and not hasattr(wo, "invoice")


def test_it_cancels_with_a_reason_and_keeps_the_order(shop, advisor):
    wo = WorkOrderFactory(shop=shop, advisor=advisor, lines=1)
    with pytest.raises(Invalid) as refused:
        services.work_order_cancel(pk=wo.pk, user=advisor, reason=" ")
    assert refused.value.message == CANCEL_REASON_REQUIRED
    services.work_order_cancel(pk=wo.pk, user=advisor, reason="Customer sold the car")
    wo = WorkOrder.objects.get(pk=wo.pk)
    assert wo.status == "cancelled" and wo.cancel_reason == "Customer sold the car"
    assert wo.lines.count() == 1
    with pytest.raises(Conflict) as refused:
        services.work_order_cancel(pk=wo.pk, user=advisor, reason="again")
    assert refused.value.message == WRONG_STATUS % {"status": "Cancelled", "action": "cancelling"}


def test_a_delivered_order_cannot_be_cancelled(shop, advisor):
    wo, _ = f.delivered(shop, advisor)
    with pytest.raises(Conflict) as refused:
        services.work_order_cancel(pk=wo.pk, user=advisor, reason="Oops")
    assert refused.value.message == WRONG_STATUS % {"status": "Delivered", "action": "cancelling"}


def test_invoices_are_numbered_per_shop_and_year(shop, advisor, lavida):
    _, first = f.delivered(shop, advisor, lavida, mileage_in=42000, mileage_out=42001)
    _, second = f.delivered(shop, advisor, lavida, mileage_in=42001, mileage_out=42002)
    assert first.sequence + 1 == second.sequence

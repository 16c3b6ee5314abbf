from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from servicedesk.errors import Conflict
from tests.vehicles.factories import WorkOrderFactory
from vehicles import services

from . import factories as f

WARRANTY = {"warranty_months": 12, "warranty_km": 20000}


def test_a_new_order_within_warranty_is_flagged_and_linked(shop, advisor, lavida):
    with time_machine.travel("2026-01-10 10:00 +08:00"):
        earlier, _ = f.delivered(
            shop, advisor, lavida, mileage_in=42000, mileage_out=42010, line_kw=WARRANTY
        )
    with time_machine.travel("2026-04-10 10:00 +08:00"):
        wo = WorkOrderFactory(vehicle=lavida, advisor=advisor, mileage_in=45000, lines=1)
    assert wo.comeback_of == earlier and wo.comeback_review == "pending"


def test_the_advisor_reviews_the_earlier_work_before_authorizing(shop, advisor, lavida):
    f.delivered(shop, advisor, lavida, line_kw=WARRANTY, mileage_in=42000, mileage_out=42010)
    wo = WorkOrderFactory(vehicle=lavida, advisor=advisor, lines=1)
    with pytest.raises(Conflict) as err:
        f.authorize(wo, advisor)
    assert "comeback" in str(err.value.message)
    services.work_order_review_comeback(pk=wo.pk, user=advisor, related=True, note="Same pads")
    f.authorize(wo, advisor)


def test_no_flag_once_the_warranty_period_is_over(shop, advisor, lavida):
    with time_machine.travel("2025-01-10 10:00 +08:00"):
        f.delivered(shop, advisor, lavida, line_kw=WARRANTY, mileage_in=42000, mileage_out=42010)
    with time_machine.travel("2026-02-10 10:00 +08:00"):
        wo = WorkOrderFactory(vehicle=lavida, advisor=advisor)
    assert wo.comeback_of is None and wo.comeback_review == ""


def test_no_flag_once_the_warranty_distance_is_over(shop, advisor, lavida):
    f.delivered(shop, advisor, lavida, line_kw=WARRANTY, mileage_in=42000, mileage_out=42010)
    wo = WorkOrderFactory(vehicle=lavida, advisor=advisor, mileage_in=62011)
    assert wo.comeback_of is None


def test_no_flag_from_work_delivered_after_the_order_was_opened(shop, advisor, lavida):
    """An order written after the fact (``at`` in the past) is not a comeback of later work."""
    f.delivered(shop, advisor, lavida, line_kw=WARRANTY, mileage_in=42000, mileage_out=42010)
    before = timezone.now() - timedelta(days=30)
    wo = services.work_order_open(vehicle_pk=lavida.pk, user=advisor, concern="Oil", at=before)
    assert wo.comeback_of is None and wo.comeback_review == ""


def test_no_flag_for_work_without_warranty(shop, advisor, lavida):
    f.delivered(shop, advisor, lavida, mileage_in=42000, mileage_out=42010)
    assert WorkOrderFactory(vehicle=lavida, advisor=advisor).comeback_of is None

from datetime import timedelta

import pytest
from django.utils import timezone

from surveys import services
from tests.vehicles.factories import CustomerFactory, VehicleFactory, WorkOrderFactory


@pytest.fixture
def delivered(shop, advisor):
    """A work order delivered to Ms Lin, who reads English and prefers email."""
    client = CustomerFactory(
        shop=shop,
        name="Lin Hua",
        preferred_language="en",
        email="lin@example.invalid",
        preferred_channel="email",
    )
    order = WorkOrderFactory(vehicle=VehicleFactory(shop=shop, owner=client), advisor=advisor)
    # Written directly (kept as it was): delivered three days ago with no lines or invoice; the
    # delivery services stamp the present and need authorized work, which these tests don't read.
    order.status = "delivered"
    order.delivered_at = timezone.now() - timedelta(days=3)
    order.save()
    return order


@pytest.fixture
def survey(delivered):
    return services.survey_create(work_order_pk=delivered.pk)[0]


@pytest.fixture
def survey_zh(shop, advisor):
    client = CustomerFactory(shop=shop, name="周敏", preferred_language="zh-hans")
    order = WorkOrderFactory(vehicle=VehicleFactory(shop=shop, owner=client), advisor=advisor)
    return services.survey_create(work_order_pk=order.pk)[0]

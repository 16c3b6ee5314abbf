from datetime import timedelta

import pytest
from django.utils import timezone

from surveys import services
from tests.complaints import factories as f


@pytest.fixture
def delivered(shop, advisor):
    """A work order delivered to Ms Lin, who reads English and prefers email."""
    client = f.customer(
        shop, name="Lin Hua", language="en", email="lin@example.invalid", preferred_channel="email"
    )
    order = f.work_order(shop, advisor=advisor, car=f.vehicle(shop, owner=client))
    order.status = "delivered"
    order.delivered_at = timezone.now() - timedelta(days=3)
    order.save()
    return order


@pytest.fixture
def survey(delivered):
    return services.survey_create(work_order_pk=delivered.pk)[0]


@pytest.fixture
def survey_zh(shop, advisor):
    client = f.customer(shop, name="周敏", language="zh-hans")
    order = f.work_order(shop, advisor=advisor, car=f.vehicle(shop, owner=client))
    return services.survey_create(work_order_pk=order.pk)[0]

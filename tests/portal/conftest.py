import pytest

from portal import services
from tests.vehicles.factories import CustomerFactory, VehicleFactory, WorkOrderFactory


@pytest.fixture
def client_en(shop):
    """Ms Lin, who reads English and prefers text messages."""
    return CustomerFactory(
        shop=shop,
        name="Lin Hua",
        preferred_language="en",
        email="lin@example.invalid",
        phone="+8613800138000",
        preferred_channel="sms",
    )


@pytest.fixture
def visit(shop, advisor, client_en):
    return WorkOrderFactory(vehicle=VehicleFactory(owner=client_en), advisor=advisor)


@pytest.fixture
def link(visit, advisor):
    return services.customer_link_create(user=advisor, work_order_pk=visit.pk)


@pytest.fixture
def other_visit_link(shop, advisor):
    other = WorkOrderFactory(shop=shop, advisor=advisor)
    return services.customer_link_create(user=advisor, work_order_pk=other.pk)

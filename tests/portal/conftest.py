import pytest

from portal import services
from tests.complaints import factories as f


@pytest.fixture
def client_en(shop):
    """Ms Lin, who reads English and prefers text messages."""
    return f.customer(
        shop,
        name="Lin Hua",
        language="en",
        email="lin@example.invalid",
        phone="+8613800138000",
        preferred_channel="sms",
    )


@pytest.fixture
def visit(shop, advisor, client_en):
    return f.work_order(shop, advisor=advisor, car=f.vehicle(shop, owner=client_en))


@pytest.fixture
def link(visit, advisor):
    return services.customer_link_create(user=advisor, work_order_pk=visit.pk)


@pytest.fixture
def other_visit_link(shop, advisor):
    other = f.work_order(shop, advisor=advisor, car=f.vehicle(shop, owner=f.customer(shop)))
    return services.customer_link_create(user=advisor, work_order_pk=other.pk)

import pytest

from tests.vehicles.factories import CustomerFactory
from vehicles import services
from vehicles.services.errors import DUPLICATE_PHONE, DuplicateCustomer


def test_it_updates_the_customer(zhou):
    services.customer_update(pk=zhou.pk, customer_type="detail_minded", notes="Likes photos")
    zhou.refresh_from_db()
    assert zhou.customer_type == "detail_minded" and zhou.notes == "Likes photos"


def test_it_keeps_its_own_phone_without_calling_it_a_duplicate(zhou):
    services.customer_update(pk=zhou.pk, phone="13800138000", name="Zhou Wei")
    zhou.refresh_from_db()
    assert (zhou.name, zhou.phone) == ("Zhou Wei", "+8613800138000")


def test_it_refuses_another_customers_phone(shop, zhou):
    other = CustomerFactory(shop=shop, name="Ms Li")
    with pytest.raises(DuplicateCustomer) as refused:
        services.customer_update(pk=other.pk, phone="13800138000")
    assert refused.value.message == DUPLICATE_PHONE % {"name": "周先生"}
    other.refresh_from_db()
    assert other.phone != "13800138000"

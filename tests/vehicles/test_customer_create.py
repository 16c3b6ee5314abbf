import pytest

from servicedesk.errors import Invalid
from servicedesk.phones import PHONE_INVALID
from vehicles import services
from vehicles.models import Customer
from vehicles.services.errors import CONTACT_REQUIRED, DUPLICATE_EMAIL, DuplicateCustomer


def test_it_creates_a_customer_with_what_matters_to_them(shop):
    customer = services.customer_create(
        shop_pk=shop.pk,
        name="Ms Chen",
        phone="139-0000-1111",
        main_concern="time",
        customer_type="in_a_hurry",
        wants_loaner=True,
        reminder_consent=True,
    )
    assert customer.phone == "+8613900001111"  # E.164, read in the shop's country (CN)
    assert customer.main_concern == "time" and customer.wants_loaner


def test_it_refuses_a_duplicate_phone_and_names_the_existing_customer(shop, zhou):
    with pytest.raises(DuplicateCustomer) as err:
        services.customer_create(shop_pk=shop.pk, name="Someone", phone="13800138000")
    assert "周先生" in str(err.value.message)
    assert err.value.existing == zhou
    assert err.value.as_data()["existing_customer_url"] == f"/customers/{zhou.pk}/"
    assert Customer.objects.count() == 1


def test_it_refuses_a_duplicate_email_whatever_the_case(shop, zhou):
    with pytest.raises(DuplicateCustomer) as err:
        services.customer_create(shop_pk=shop.pk, name="Someone", email="ZHOU@example.invalid")
    assert err.value.field == "email"
    assert err.value.message == DUPLICATE_EMAIL % {"name": "周先生"}


def test_the_same_phone_is_fine_in_another_shop(shop, other_shop, zhou):
    theirs = services.customer_create(shop_pk=other_shop.pk, name="周先生", phone="13800138000")
    assert theirs.pk != zhou.pk and theirs.shop == other_shop
    assert theirs.phone == zhou.phone == "+8613800138000"
    assert Customer.objects.filter(phone="+8613800138000").count() == 2


def test_it_needs_a_name_and_a_way_to_reach_them(shop):
    with pytest.raises(Invalid) as refused:
        services.customer_create(shop_pk=shop.pk, name=" ", phone="1")
    assert refused.value.message == PHONE_INVALID
    with pytest.raises(Invalid) as err:
        services.customer_create(shop_pk=shop.pk, name="No contact")
    assert err.value.message == CONTACT_REQUIRED
    assert err.value.field == "phone"

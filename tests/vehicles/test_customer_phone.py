"""Phone numbers are checked with libphonenumber's rules for the shop's country and kept in
E.164: "abc-not-a-phone" is refused (it was once kept as "abcnotaphone"), on the page and
through the API alike."""

import pytest

from servicedesk.errors import Invalid
from servicedesk.phones import PHONE_INVALID
from tests.vehicles.factories import CustomerFactory
from vehicles import services
from vehicles.models import Customer
from vehicles.services.errors import DUPLICATE_PHONE

FORM = {
    "name": "Mr Li",
    "preferred_channel": "phone",
    "preferred_language": "en",
    "main_concern": "unknown",
    "customer_type": "regular",
}


@pytest.mark.parametrize("typed", ["abc-not-a-phone", "12345", "138 0013 800"])
def test_a_number_that_is_not_one_is_refused(shop, typed):
    with pytest.raises(Invalid) as err:
        services.customer_create(shop_pk=shop.pk, name="Mr Li", phone=typed)
    assert err.value.message == PHONE_INVALID and err.value.field == "phone"


def test_the_other_phone_is_checked_too(shop):
    with pytest.raises(Invalid) as err:
        services.customer_create(
            shop_pk=shop.pk, name="Mr Li", phone="13800138000", phone_alt="call me"
        )
    assert err.value.message == PHONE_INVALID
    assert err.value.field == "phone_alt"


@pytest.mark.parametrize(
    "typed",
    ["138 0013 8000", "138-0013-8000", "+86 138 0013 8000", "0086 138 0013 8000", "13800138000"],
)
def test_a_local_number_is_kept_in_e164(shop, typed):
    customer = services.customer_create(shop_pk=shop.pk, name="Mr Li", phone=typed)
    assert customer.phone == "+8613800138000"


def test_a_landline_keeps_its_area_code(shop):
    customer = services.customer_create(shop_pk=shop.pk, name="Mr Li", phone="010-5555-0100")
    assert customer.phone == "+861055550100"


def test_local_numbers_are_read_in_the_shops_country(shop):
    shop.country = "DE"
    shop.save(update_fields=["country"])
    customer = services.customer_create(shop_pk=shop.pk, name="Herr Li", phone="030 1234567")
    assert customer.phone == "+49301234567"


def test_the_same_number_typed_twice_differently_is_a_duplicate(shop):
    services.customer_create(shop_pk=shop.pk, name="Mr Li", phone="138 0013 8000")
    with pytest.raises(Invalid) as refused:
        services.customer_create(shop_pk=shop.pk, name="Mrs Li", phone="+86 13800138000")
    assert refused.value.message == DUPLICATE_PHONE % {"name": "Mr Li"}


def test_an_edit_with_a_bad_number_is_refused(shop, zhou):
    with pytest.raises(Invalid) as err:
        services.customer_update(pk=zhou.pk, phone="abc-not-a-phone")
    assert err.value.message == PHONE_INVALID
    zhou.refresh_from_db()
    assert zhou.phone == "+8613800138000"


def test_the_page_shows_the_error_under_the_field_and_keeps_the_typing(browser_as, advisor):
    r = browser_as(advisor).post("/customers/new/", {**FORM, "phone": "abc-not-a-phone"})
    assert r.status_code == 400
    page = r.content.decode()
    assert str(PHONE_INVALID) in page and 'value="abc-not-a-phone"' in page
    assert not Customer.objects.exists()


def test_the_api_answers_400_with_the_field(api_as, advisor, shop):
    res = api_as(advisor).post(
        "/api/v1/customers/", {"name": "Mr Li", "phone": "abc-not-a-phone"}, format="json"
    )
    assert res.status_code == 400
    assert res.json() == {"phone": [str(PHONE_INVALID)]}
    assert not Customer.objects.exists()


def test_the_api_keeps_a_valid_number_in_e164(api_as, advisor, shop):
    res = api_as(advisor).post(
        "/api/v1/customers/", {"name": "Mr Li", "phone": "138 0013 8000"}, format="json"
    )
    assert res.status_code == 201 and res.json()["phone"] == "+8613800138000"


def test_a_customer_is_found_by_the_number_as_typed(api_as, advisor, shop):
    CustomerFactory(shop=shop, name="Mr Li", phone="010-5555-0100")
    CustomerFactory(shop=shop, name="Mr Wang", phone="139 0013 0000")
    for typed in ("010-5555-0100", "5555 0100", "+86 10 5555 0100", "0086 10 5555 0100"):
        found = api_as(advisor).get("/api/v1/customers/", {"q": typed}).json()["results"]
        assert [c["name"] for c in found] == ["Mr Li"], typed


def test_the_customer_page_dials_the_number_on_a_tap(browser_as, advisor, zhou):
    page = browser_as(advisor).get(f"/customers/{zhou.pk}/").content.decode()
    assert '<a class="sd-tel" href="tel:+8613800138000">+86 138 0013 8000</a>' in page


def test_the_edit_form_shows_the_number_as_people_read_it(browser_as, advisor, zhou):
    page = browser_as(advisor).get(f"/customers/{zhou.pk}/edit/").content.decode()
    assert 'value="+86 138 0013 8000"' in page

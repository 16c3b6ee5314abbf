"""Search pickers: no form lists a shop's customers, vehicles, work orders, suppliers or staff
in a <select>; the typeahead's endpoint finds only the user's shops' records."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from servicedesk import pickers
from servicedesk.accounts.models import Role
from tests.complaints.factories import ComplaintFactory
from tests.factories import staff
from tests.interactions.factories import InteractionFactory
from tests.vehicles.factories import (
    CustomerFactory,
    SupplierFactory,
    VehicleFactory,
    WorkOrderFactory,
)

SELECT = re.compile(
    r'<select[^>]*name="(?:[\w]+-)?(customer|owner|vehicle|work_order|supplier|technician|advisor)"'
)


def _ids(response):
    return [int(v) for v in re.findall(r'data-value="(\d+)"', response.content.decode())]


# ---------------------------------------------------------------- the search endpoint


def test_it_finds_a_customer_by_name_phone_or_plate(browser_as, advisor, shop):
    zhou = CustomerFactory(shop=shop, name="周建国", phone="138 0013 8001")
    VehicleFactory(shop=shop, user=advisor, owner=zhou, plate="京A12345")
    CustomerFactory(shop=shop, name="Li Na", phone="139 5555 6666")  # not the factory's 13800000013
    client = browser_as(advisor)
    for q in ("周", "建国", "0013", "京A123"):
        assert _ids(client.get("/pick/customers/", {"q": q})) == [zhou.pk], q


def test_it_hides_other_shops_records(browser_as, advisor, outsider, shop, other_shop):
    theirs = CustomerFactory(shop=other_shop, name="周建国")
    VehicleFactory(shop=other_shop, user=outsider, owner=theirs, plate="京A12345")
    SupplierFactory(shop=other_shop, name="Bosch Parts")
    staff("southtech", other_shop, Role.TECHNICIAN)
    client = browser_as(advisor)
    assert _ids(client.get("/pick/customers/", {"q": "周建国"})) == []
    assert _ids(client.get("/pick/vehicles/", {"q": "京A12345"})) == []
    assert _ids(client.get("/pick/suppliers/", {"q": ""})) == []
    assert _ids(client.get("/pick/staff/", {"q": "southtech"})) == []


def test_a_shop_parameter_narrows_but_never_widens(browser_as, advisor, outsider, shop, other_shop):
    CustomerFactory(shop=other_shop, name="Wang Fang")
    client = browser_as(advisor)
    response = client.get("/pick/customers/", {"q": "Wang", "shop": other_shop.pk})
    assert response.status_code == 200
    assert _ids(response) == []


def test_it_lists_a_customers_vehicles_before_anything_is_typed(browser_as, advisor, shop):
    zhou = CustomerFactory(shop=shop)
    mine = VehicleFactory(shop=shop, user=advisor, owner=zhou)
    VehicleFactory(shop=shop, user=advisor)
    client = browser_as(advisor)
    assert _ids(client.get("/pick/vehicles/", {"q": "", "customer": zhou.pk})) == [mine.pk]
    assert _ids(client.get("/pick/vehicles/", {"q": ""})) == []  # too short, no customer


def test_staff_are_members_of_the_shop_in_the_role(browser_as, advisor, technician, manager, shop):
    client = browser_as(advisor)
    found = _ids(client.get("/pick/staff/", {"q": "", "role": "technician", "shop": shop.pk}))
    assert found == [technician.pk]


def test_it_says_when_more_match_than_it_shows(browser_as, advisor, shop):
    for i in range(pickers.MAX_RESULTS + 1):
        CustomerFactory(shop=shop, name=f"Zhang {i:02d}")
    response = browser_as(advisor).get("/pick/customers/", {"q": "Zhang"})
    assert len(_ids(response)) == pickers.MAX_RESULTS
    assert "type more" in response.content.decode()


def test_it_asks_for_a_login_and_knows_its_kinds(client, browser_as, advisor):
    assert client.get("/pick/customers/", {"q": "zz"}).status_code == 302
    assert browser_as(advisor).get("/pick/nothing/").status_code == 404


def test_a_posted_id_of_another_shop_is_refused_by_the_form(outsider, shop, other_shop):
    from vehicles.forms import OwnerForm

    theirs = CustomerFactory(shop=other_shop)
    form = OwnerForm({"o-owner": theirs.pk}, prefix="o", shop_id=shop.pk)
    assert not form.is_valid()
    assert "owner" in form.errors


# ---------------------------------------------------------------- the forms that use it


def _same_queries_at_two_sizes(client, url, grow):
    """The page's queries, measured, then asserted again after ``grow()`` adds many records."""
    with CaptureQueriesContext(connection) as first:
        response = client.get(url)
    assert response.status_code == 200
    assert not SELECT.search(response.content.decode()), SELECT.search(response.content.decode())
    grow()
    with CaptureQueriesContext(connection) as second:
        response = client.get(url)
    assert response.status_code == 200
    assert len(second) == len(first)
    return response


def _many(shop, user, n):
    def grow():
        for _ in range(n):
            VehicleFactory(shop=shop, user=user)  # a customer and their car
        SupplierFactory(shop=shop, name=f"Supplier {n}")
        staff(f"tech{n}", shop, Role.TECHNICIAN)

    return grow


@pytest.fixture
def seeded(shop, advisor):
    for _ in range(5):
        VehicleFactory(shop=shop, user=advisor)


def test_the_complaint_intake_page(browser_as, advisor, shop, seeded):
    response = _same_queries_at_two_sizes(
        browser_as(advisor), "/complaints/new/", _many(shop, advisor, 45)
    )
    assert response.content.decode().count("data-picker-input") == 3


def test_the_vehicle_page_owner_form(browser_as, advisor, shop, seeded):
    car = VehicleFactory(shop=shop, user=advisor)
    _same_queries_at_two_sizes(
        browser_as(advisor), f"/vehicles/{car.pk}/", _many(shop, advisor, 45)
    )


def test_the_work_order_line_form(browser_as, advisor, shop, seeded):
    wo = WorkOrderFactory(shop=shop, advisor=advisor)
    response = _same_queries_at_two_sizes(
        browser_as(advisor), f"/work-orders/{wo.pk}/", _many(shop, advisor, 45)
    )
    assert 'name="l-technician"' in response.content.decode()


def test_the_interaction_page(browser_as, advisor, shop, seeded):
    interaction = InteractionFactory(customer=CustomerFactory(shop=shop), advisor=advisor)
    response = _same_queries_at_two_sizes(
        browser_as(advisor), f"/interactions/{interaction.pk}/", _many(shop, advisor, 45)
    )
    assert 'name="customer"' in response.content.decode()


def test_the_complaint_page_and_list(browser_as, advisor, manager, shop, seeded):
    complaint = ComplaintFactory(shop=shop, user=advisor)
    client = browser_as(manager)
    _same_queries_at_two_sizes(client, f"/complaints/{complaint.pk}/", _many(shop, advisor, 20))
    _same_queries_at_two_sizes(client, "/complaints/", _many(shop, advisor, 21))


def test_the_communication_entry_page(browser_as, advisor, shop, seeded):
    zhou = CustomerFactory(shop=shop)

    def grow():
        for _ in range(30):
            VehicleFactory(shop=shop, user=advisor, owner=zhou)  # a fleet

    _same_queries_at_two_sizes(
        browser_as(advisor), f"/interactions/communications/new/?customer={zhou.pk}", grow
    )


def test_the_label_of_a_chosen_record_is_shown(browser_as, advisor, shop):
    car = VehicleFactory(shop=shop, user=advisor, plate="京B77777")
    wo = WorkOrderFactory(vehicle=car, advisor=advisor)
    response = browser_as(advisor).get(f"/complaints/new/?work_order={wo.pk}")
    html = response.content.decode()
    assert f'name="vehicle" value="{car.pk}"' in html
    assert "京B77777" in html


def test_a_refused_choice_shows_its_error(browser_as, advisor, shop):
    """Bootstrap shows the field's error only after an .is-invalid sibling: the picker's box."""
    car = VehicleFactory(shop=shop, user=advisor)
    response = browser_as(advisor).post(f"/vehicles/{car.pk}/", {"form": "owner", "o-owner": ""})
    html = response.content.decode()
    # The picker's box is .is-invalid, and the error follows it as its sibling.
    assert re.search(
        r'<div class="sd-picker[^"]* is-invalid" data-picker>.*?'
        r'role="listbox"[^>]*></div>\s*</div>\s*'
        r'<div id="id_o-owner_error" class="invalid-feedback">',
        html,
        re.S,
    )


def test_a_choice_the_service_refuses_is_said_under_the_picker(browser_as, advisor, shop):
    """The car's own owner chosen again: the refusal names the owner field, so it stands under
    the picker (not at the top of the form, away from what to change)."""
    from vehicles.services.errors import SAME_OWNER

    car = VehicleFactory(shop=shop, user=advisor)
    response = browser_as(advisor).post(
        f"/vehicles/{car.pk}/", {"form": "owner", "o-owner": car.owner_id}
    )
    html = response.content.decode()
    error = re.search(
        r'<div id="id_o-owner_error" class="invalid-feedback">(.*?)</div>', html, re.S
    )
    assert error and str(SAME_OWNER) in error.group(1)

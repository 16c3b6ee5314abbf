"""From a customer's or a vehicle's page: start an interaction, log a communication, open a
complaint — prefilled, offered to the roles that may do it, scoped to the user's shops."""

import ast
import re
from pathlib import Path

import pytest

from interactions.models import Interaction
from tests.vehicles.factories import VehicleFactory, WorkOrderFactory

ACTIONS = ("Start an interaction", "Log a communication", "Open a complaint")


@pytest.fixture
def car(shop, advisor):
    return VehicleFactory(shop=shop, user=advisor, plate="京A12345")


def _actions(response):
    return [a for a in ACTIONS if a in response.content.decode()]


@pytest.mark.parametrize("page", ["customer", "vehicle"])
def test_an_advisor_has_all_three_on_both_pages(browser_as, advisor, car, page):
    url = f"/customers/{car.owner_id}/" if page == "customer" else f"/vehicles/{car.pk}/"
    response = browser_as(advisor).get(url)
    assert _actions(response) == list(ACTIONS)
    html = response.content.decode()
    query = f"customer={car.owner_id}" + (f"&amp;vehicle={car.pk}" if page == "vehicle" else "")
    assert f"/interactions/communications/new/?{query}" in html
    assert f"/complaints/new/?{query}" in html


def test_each_role_sees_what_it_may_do(browser_as, technician, quality, cashier, car):
    assert _actions(browser_as(technician).get(f"/vehicles/{car.pk}/")) == []
    assert _actions(browser_as(cashier).get(f"/vehicles/{car.pk}/")) == []
    assert _actions(browser_as(quality).get(f"/vehicles/{car.pk}/")) == ["Log a communication"]


def test_starting_from_the_vehicle_opens_an_interaction_with_customer_and_car(
    browser_as, advisor, car
):
    response = browser_as(advisor).post(
        "/interactions/start/", {"channel": "phone", "vehicle": car.pk}
    )
    interaction = Interaction.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/interactions/{interaction.pk}/"
    assert (interaction.customer_id, interaction.vehicle_id) == (car.owner_id, car.pk)
    assert interaction.channel == "phone"


def test_it_refuses_another_shops_customer_or_car(browser_as, outsider, advisor, car):
    client = browser_as(outsider)
    assert (
        client.post("/interactions/start/", {"channel": "walk_in", "vehicle": car.pk}).status_code
        == 404
    )
    assert (
        client.post(
            "/interactions/start/", {"channel": "walk_in", "customer": car.owner_id}
        ).status_code
        == 404
    )
    assert client.get(f"/complaints/new/?vehicle={car.pk}").status_code == 404
    assert (
        client.get(f"/interactions/communications/new/?customer={car.owner_id}").status_code == 404
    )
    assert not Interaction.objects.exists()


def test_the_complaint_form_comes_prefilled(browser_as, advisor, car):
    html = browser_as(advisor).get(f"/complaints/new/?vehicle={car.pk}").content.decode()
    assert f'name="customer" value="{car.owner_id}"' in html
    assert f'name="vehicle" value="{car.pk}"' in html
    assert "京A12345" in html


def test_the_communication_form_comes_prefilled(browser_as, advisor, car):
    url = f"/interactions/communications/new/?customer={car.owner_id}&vehicle={car.pk}"
    html = browser_as(advisor).get(url).content.decode()
    assert re.search(rf'name="vehicle" value="{car.pk}"', html)


def test_vehicles_imports_neither_interactions_nor_complaints():
    """The layer order: the actions come in through the registry, not imports."""
    root = Path(__file__).resolve().parents[2] / "vehicles"
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in ("interactions", "complaints", "surveys"), path


def test_a_work_order_page_offers_them_with_the_order(browser_as, advisor, shop, car):
    from interactions.models import CommunicationLog

    wo = WorkOrderFactory(vehicle=car, advisor=advisor)
    client = browser_as(advisor)
    html = client.get(f"/work-orders/{wo.pk}/").content.decode()
    assert (
        f"/complaints/new/?customer={car.owner_id}&amp;vehicle={car.pk}&amp;work_order={wo.pk}"
        in html
    )
    prefilled = client.get(f"/complaints/new/?work_order={wo.pk}").content.decode()
    assert f'name="work_order" value="{wo.pk}"' in prefilled
    url = f"/interactions/communications/new/?customer={car.owner_id}&work_order={wo.pk}"
    response = client.post(
        url,
        {"direction": "inbound", "channel": "phone", "kind": "inquiry", "summary": "When ready?"},
    )
    assert response.status_code == 302
    assert CommunicationLog.objects.get().work_order_id == wo.pk


def test_another_customers_work_order_is_not_found(browser_as, advisor, shop, car):
    wo = WorkOrderFactory(shop=shop, advisor=advisor)  # someone else's car
    url = f"/interactions/communications/new/?customer={car.owner_id}&work_order={wo.pk}"
    assert browser_as(advisor).get(url).status_code == 404

import pytest

from interactions.timeline import entries_for_customer, entries_for_vehicle
from tests.vehicles.factories import VehicleFactory

from .factories import CommunicationFactory, InteractionFactory


def test_the_customer_timeline_has_interactions_and_communications(advisor, customer):
    car = VehicleFactory(owner=customer)
    interaction = InteractionFactory(customer=customer, vehicle=car, advisor=advisor)
    CommunicationFactory(customer=customer, vehicle=car, by=advisor, summary="Car is ready")
    CommunicationFactory(customer=customer, by=advisor, summary="Asked about tyres")
    entries = entries_for_customer(customer)
    assert {e.kind for e in entries} == {"interaction", "communication"}
    assert len(entries) == 3 and all(e.when and e.title and e.url for e in entries)
    assert f"/interactions/{interaction.pk}/" in {e.url for e in entries}
    by_car = entries_for_vehicle(car)
    assert len(by_car) == 2 and not any("tyres" in e.detail for e in by_car)


def test_the_vehicle_history_page_and_api_show_interactions(browser_as, api_as, advisor, customer):
    car = VehicleFactory(owner=customer)
    interaction = InteractionFactory(customer=customer, vehicle=car, advisor=advisor)
    CommunicationFactory(customer=customer, vehicle=car, by=advisor, summary="Car is ready")
    page = browser_as(advisor).get(f"/vehicles/{car.pk}/").content.decode()
    assert f"/interactions/{interaction.pk}/" in page and "Car is ready" in page
    history = api_as(advisor).get(f"/api/v1/vehicles/{car.pk}/history/").json()
    kinds = {e["kind"] for e in history.get("results", history)}
    assert {"interaction", "communication"} <= kinds


@pytest.mark.parametrize("rows", [3, 20])
def test_a_timeline_costs_three_queries(advisor, customer, django_assert_max_num_queries, rows):
    """Interactions, logged communications, and the messages the system sent (the outbox)."""
    for _ in range(rows):
        InteractionFactory(customer=customer, advisor=advisor)
        CommunicationFactory(customer=customer, by=advisor)
    with django_assert_max_num_queries(3):
        entries_for_customer(customer)


def test_a_closed_interaction_says_its_outcome_once_in_the_vehicle_history(
    browser_as, advisor, customer
):
    car = VehicleFactory(owner=customer)
    InteractionFactory(
        customer=customer, vehicle=car, advisor=advisor, stage="closed", outcome="completed"
    )
    page = browser_as(advisor).get(f"/vehicles/{car.pk}/").content.decode()
    assert page.count("Completed the cycle") == 1
    (entry,) = entries_for_vehicle(car)
    assert entry.badge == "Completed the cycle" and "Completed" not in entry.title

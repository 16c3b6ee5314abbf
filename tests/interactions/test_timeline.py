import pytest

from interactions.timeline import entries_for_customer, entries_for_vehicle

from .factories import CommunicationFactory, InteractionFactory, VehicleFactory


def test_the_customer_timeline_has_interactions_and_communications(advisor, customer):
    car = VehicleFactory(owner=customer)
    interaction = InteractionFactory(customer=customer, vehicle=car, advisor=advisor)
    CommunicationFactory(customer=customer, vehicle=car, by=advisor, summary="Car is ready")
    CommunicationFactory(customer=customer, by=advisor, summary="Asked about tyres")
    entries = entries_for_customer(customer)
    assert {e["kind"] for e in entries} == {"interaction", "communication"}
    assert len(entries) == 3 and all({"at", "kind", "title", "url"} <= set(e) for e in entries)
    assert f"/interactions/{interaction.pk}/" in {e["url"] for e in entries}
    by_car = entries_for_vehicle(car)
    assert len(by_car) == 2 and not any("tyres" in e["title"] for e in by_car)


@pytest.mark.parametrize("rows", [3, 20])
def test_a_timeline_costs_two_queries(advisor, customer, django_assert_max_num_queries, rows):
    for _ in range(rows):
        InteractionFactory(customer=customer, advisor=advisor)
        CommunicationFactory(customer=customer, by=advisor)
    with django_assert_max_num_queries(2):
        entries_for_customer(customer)

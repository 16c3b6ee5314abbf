import pytest

from tests.vehicles.factories import CustomerFactory, VehicleFactory

from .factories import CommunicationFactory

URL = "/api/v1/communications/"


def test_it_logs_a_contact_and_learns_about_the_customer(api_as, advisor, customer):
    car = VehicleFactory(owner=customer)
    answer = api_as(advisor).post(
        URL,
        {
            "customer": customer.pk,
            "vehicle": car.pk,
            "direction": "outbound",
            "channel": "phone",
            "kind": "information",
            "summary": "Told them the car is ready",
            "learned": {"customer_type": "in_a_hurry"},
        },
        format="json",
    )
    assert answer.status_code == 201, answer.json()
    assert answer.json()["by"] == advisor.pk
    customer.refresh_from_db()
    assert customer.customer_type == "in_a_hurry"


def test_an_empty_summary_is_400(api_as, advisor, customer):
    answer = api_as(advisor).post(
        URL,
        {
            "customer": customer.pk,
            "direction": "inbound",
            "channel": "sms",
            "kind": "concern",
            "summary": "",
        },
        format="json",
    )
    assert answer.status_code == 400 and "summary" in answer.json()


def test_another_shops_customer_is_refused(api_as, advisor, other_shop):
    theirs = CustomerFactory(shop=other_shop)
    answer = api_as(advisor).post(
        URL,
        {
            "customer": theirs.pk,
            "direction": "inbound",
            "channel": "sms",
            "kind": "concern",
            "summary": "x",
        },
        format="json",
    )
    assert answer.status_code == 400 and "customer" in answer.json()


def test_the_list_filters_by_customer_and_vehicle_and_hides_other_shops(
    api_as, advisor, customer, other_shop, outsider
):
    car = VehicleFactory(owner=customer)
    mine = CommunicationFactory(customer=customer, vehicle=car, by=advisor)
    CommunicationFactory(customer=customer, by=advisor)
    theirs = CommunicationFactory(customer=CustomerFactory(shop=other_shop), by=outsider)
    api = api_as(advisor)
    ids = [row["id"] for row in api.get(URL).json()["results"]]
    assert theirs.pk not in ids and len(ids) == 2
    by_car = api.get(f"{URL}?vehicle={car.pk}").json()["results"]
    assert [row["id"] for row in by_car] == [mine.pk]
    assert api.get(f"{URL}?customer={customer.pk}").json()["count"] == 2


@pytest.mark.parametrize("rows", [5, 30])
def test_the_list_query_count_does_not_grow(
    api_as, advisor, customer, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        CommunicationFactory(customer=customer, by=advisor)
    with django_assert_max_num_queries(5):
        assert api_as(advisor).get(URL).status_code == 200

import pytest
from django.urls import reverse

from interactions.models import CommunicationLog
from tests.vehicles.factories import CustomerFactory, VehicleFactory, WorkOrderFactory

from .factories import CommunicationFactory

URL = reverse("interactions:communication-new")


def test_the_customer_scoped_form_logs_and_learns(browser_as, advisor, customer):
    car = VehicleFactory(owner=customer)
    client = browser_as(advisor)
    assert client.get(f"{URL}?customer={customer.pk}").status_code == 200
    answer = client.post(
        f"{URL}?customer={customer.pk}",
        {
            "direction": "inbound",
            "channel": "wechat",
            "kind": "concern",
            "summary": "Worried about the price of the rotors",
            "vehicle": car.pk,
            "main_concern": "expense",
        },
    )
    assert answer.status_code == 302
    entry = CommunicationLog.objects.get()
    assert (entry.customer, entry.vehicle, entry.by) == (customer, car, advisor)
    customer.refresh_from_db()
    assert customer.main_concern == "expense"


def test_an_empty_summary_is_refused(browser_as, advisor, customer):
    answer = browser_as(advisor).post(
        f"{URL}?customer={customer.pk}",
        {"direction": "inbound", "channel": "phone", "kind": "inquiry", "summary": ""},
    )
    assert answer.status_code == 400 and not CommunicationLog.objects.exists()


def test_another_shops_customer_is_not_found(browser_as, advisor, other_shop):
    theirs = CustomerFactory(shop=other_shop)
    client = browser_as(advisor)
    assert client.get(f"{URL}?customer={theirs.pk}").status_code == 404
    assert (
        client.get(f"{reverse('interactions:communications')}?customer={theirs.pk}").status_code
        == 404
    )


@pytest.mark.parametrize("rows", [5, 30])
def test_the_log_query_count_does_not_grow(
    browser_as, advisor, customer, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        CommunicationFactory(customer=customer, by=advisor, vehicle=VehicleFactory(owner=customer))
    client = browser_as(advisor)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("interactions:communications")).status_code == 200


def test_logging_on_a_work_order_comes_back_to_the_same_work_order(browser_as, advisor, customer):
    order = WorkOrderFactory(customer=customer, vehicle=VehicleFactory(owner=customer))
    answer = browser_as(advisor).post(
        f"{URL}?customer={customer.pk}&work_order={order.pk}",
        {"direction": "outbound", "channel": "phone", "kind": "information", "summary": "Ready"},
    )
    assert answer.status_code == 302
    assert answer["Location"] == f"{URL}?customer={customer.pk}&work_order={order.pk}"
    assert CommunicationLog.objects.get().work_order == order

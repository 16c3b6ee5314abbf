"""The counter search: the customers found show their visits, last visit and spend, like the
customer list, at a cost that does not grow with the rows found."""

from decimal import Decimal

import pytest
from django.utils import timezone

from tests.vehicles.factories import CustomerFactory, VehicleFactory

from . import factories as f


def test_a_customer_found_shows_visits_last_visit_and_spend(browser_as, advisor, shop, lavida):
    wo, invoice = f.delivered(shop, advisor, lavida, mileage_in=42010, mileage_out=42020)
    page = browser_as(advisor).get("/customers/", {"q": "周"}).content.decode()
    row = page.split("周先生", 1)[1].split("</tr>", 1)[0]
    assert ">1</td>" in row  # one visit
    # The page shows the local day (at 00:30 in Shanghai, UTC is still on the day before).
    assert timezone.localtime(wo.delivered_at).strftime("%Y-%m-%d") in row
    assert f"{invoice.total:.2f}" in row and invoice.total > Decimal("0")


def test_a_customer_found_by_their_cars_plate_shows_their_figures(
    browser_as, advisor, shop, lavida
):
    f.delivered(shop, advisor, lavida, mileage_in=42010, mileage_out=42020)
    page = browser_as(advisor).get("/customers/", {"q": "京A12345"}).content.decode()
    customers = page.split("<tbody>", 1)[1]
    row = customers.split("周先生", 1)[1].split("</tr>", 1)[0]
    assert ">1</td>" in row


@pytest.mark.parametrize("rows", [3, 20])
def test_the_counter_search_costs_the_same_queries_at_any_size(
    browser_as, advisor, shop, rows, django_assert_max_num_queries
):
    for _ in range(rows):
        car = VehicleFactory(
            shop=shop, user=advisor, owner=CustomerFactory(shop=shop, name="王先生")
        )
        f.delivered(shop, advisor, car)
    client = browser_as(advisor)
    with django_assert_max_num_queries(10):
        page = client.get("/customers/", {"q": "王"}).content.decode()
    assert page.count("王先生") == rows

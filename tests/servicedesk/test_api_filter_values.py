"""A list's filters take the values their schema states, or answer 400 naming the parameter
(issue 13.8): django-filter alone skips a filter it cannot read and answers the whole list, as if
the caller had not asked — ``?year=99999``, ``?comeback=yes``, ``?received_from=``."""

import pytest

from tests.vehicles.factories import VehicleFactory, WorkOrderFactory

REFUSED = [
    ("/api/v1/work-orders/?year=99999", "year"),
    ("/api/v1/work-orders/?year=1999", "year"),
    ("/api/v1/invoices/?year=99999", "year"),
    ("/api/v1/invoices/?year=0.5", "year"),
    ("/api/v1/work-orders/?comeback=yes", "comeback"),
    ("/api/v1/work-orders/?comeback=null", "comeback"),
    ("/api/v1/work-orders/?opened_after=", "opened_after"),
    ("/api/v1/complaints/?received_from=", "received_from"),
    ("/api/v1/complaints/?mine=true&mine=false", "mine"),
    ("/api/v1/customers/?reminder_consent=1", "reminder_consent"),
    ("/api/v1/messages/?channel=", "channel"),
]


@pytest.mark.parametrize(("url", "name"), REFUSED, ids=[u for u, _n in REFUSED])
def test_a_value_the_schema_does_not_take_is_a_400_on_its_parameter(api_as, manager, url, name):
    response = api_as(manager).get(url)
    assert response.status_code == 400, response.content
    assert list(response.json()) == [name]


def test_the_values_the_schema_states_still_filter(api_as, shop, advisor):
    car = VehicleFactory(shop=shop, user=advisor)
    order = WorkOrderFactory(vehicle=car, advisor=advisor)
    api = api_as(advisor)
    found = api.get(f"/api/v1/work-orders/?year={order.year}&comeback=false&q=").json()
    assert [row["id"] for row in found["results"]] == [order.pk]
    assert api.get(f"/api/v1/work-orders/?year={order.year}&comeback=true").json()["count"] == 0
    assert api.get("/api/v1/customers/?q=").status_code == 200

import pytest

from tests.vehicles.factories import VehicleFactory, WorkOrderFactory


def test_a_work_order_through_the_api(api_as, advisor, lavida):
    client = api_as(advisor)
    res = client.post(
        "/api/v1/work-orders/",
        {"vehicle": lavida.pk, "concern": "Brake noise", "mileage_in": 42100},
        format="json",
    )
    assert res.status_code == 201, res.json()
    pk = res.json()["id"]
    base = f"/api/v1/work-orders/{pk}"
    assert client.post(f"{base}/start/", {}, format="json").status_code == 409
    line = client.post(
        f"{base}/lines/",
        {"kind": "part", "description": "Pads", "unit_price": "300.00"},
        format="json",
    )
    assert line.status_code == 201
    bad = client.post(
        f"{base}/lines/", {"kind": "part", "description": "Pads", "unit_price": "-1"}, format="json"
    )
    assert bad.status_code == 400 and "unit_price" in bad.json()
    auth = client.post(
        f"{base}/authorize/", {"method": "phone", "authorized_by_name": "Mr Zhou"}, format="json"
    )
    assert auth.status_code == 200 and auth.json()["status"] == "authorized"
    assert client.post(f"{base}/start/", {}, format="json").json()["status"] == "in_progress"
    assert client.post(f"{base}/ready/", {}, format="json").status_code == 200
    done = client.post(f"{base}/deliver/", {"mileage_out": 42110}, format="json")
    assert done.status_code == 200 and done.json()["invoice"]
    again = client.post(f"{base}/cancel/", {"reason": "no"}, format="json")
    assert again.status_code == 409 and "Delivered" in again.json()["detail"]


def test_a_stale_version_answers_409(api_as, advisor, shop):
    wo = WorkOrderFactory(shop=shop, advisor=advisor, lines=1)
    res = api_as(advisor).patch(
        f"/api/v1/work-orders/{wo.pk}/",
        {"cause": "Worn pads", "version": wo.version - 1},
        format="json",
    )
    assert res.status_code == 409


def test_another_shops_work_order_is_not_found(api_as, outsider, advisor, shop):
    wo = WorkOrderFactory(shop=shop, advisor=advisor, lines=1)
    client = api_as(outsider)
    assert client.get(f"/api/v1/work-orders/{wo.pk}/").status_code == 404
    for step in ("authorize", "start", "ready", "deliver", "cancel", "lines"):
        assert (
            client.post(f"/api/v1/work-orders/{wo.pk}/{step}/", {}, format="json").status_code
            == 404
        )
    assert client.get("/api/v1/work-orders/").json()["count"] == 0


@pytest.mark.parametrize("rows", [5, 50])
def test_the_list_costs_the_same_queries_at_any_size(
    api_as, advisor, shop, rows, django_assert_max_num_queries
):
    car = VehicleFactory(shop=shop, user=advisor)
    for _ in range(rows):
        WorkOrderFactory(vehicle=car, advisor=advisor)
    client = api_as(advisor)
    with django_assert_max_num_queries(5):
        assert client.get("/api/v1/work-orders/?page_size=100&status=open").status_code == 200

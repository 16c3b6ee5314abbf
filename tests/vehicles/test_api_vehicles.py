import pytest

from tests.vehicles.factories import VehicleFactory

from . import factories as f


def test_it_registers_a_vehicle_and_refuses_a_bad_vin(api_as, advisor, zhou):
    client = api_as(advisor)
    ok = client.post(
        "/api/v1/vehicles/",
        {"owner": zhou.pk, "vin": f.valid_vin(), "make": "BYD", "model": "Han"},
        format="json",
    )
    assert ok.status_code == 201, ok.json()
    bad = client.post(
        "/api/v1/vehicles/",
        {"owner": zhou.pk, "vin": "1HGCM82634A004352", "make": "H", "model": "A"},
        format="json",
    )
    assert bad.status_code == 400 and "vin" in bad.json()


def test_it_finds_a_car_by_the_last_six_of_its_vin(api_as, advisor, lavida):
    res = api_as(advisor).get("/api/v1/vehicles/", {"q": lavida.vin[-6:]})
    assert [v["id"] for v in res.json()["results"]] == [lavida.pk]


def test_a_lower_mileage_answers_400_and_changes_nothing(api_as, advisor, lavida):
    res = api_as(advisor).post(f"/api/v1/vehicles/{lavida.pk}/mileage/", {"km": 10}, format="json")
    assert res.status_code == 400
    lavida.refresh_from_db()
    assert lavida.mileage == 42000


def test_an_odometer_typo_with_extra_digits_answers_400(api_as, advisor, lavida):
    # Found by the fuzzer on PostgreSQL: beyond the integer column's range it was a 500.
    url = f"/api/v1/vehicles/{lavida.pk}/mileage/"
    res = api_as(advisor).post(url, {"km": 6_279_348_035}, format="json")
    assert res.status_code == 400 and "km" in res.json()
    lavida.refresh_from_db()
    assert lavida.mileage == 42000


def test_the_history_lists_work_orders_and_invoices(api_as, advisor, shop, lavida):
    f.delivered(shop, advisor, lavida, mileage_in=42000, mileage_out=42010)
    res = api_as(advisor).get(f"/api/v1/vehicles/{lavida.pk}/history/")
    kinds = {e["kind"] for e in res.json()["results"]}
    assert {"work_order", "invoice", "mileage"} <= kinds


def test_another_shops_vehicle_is_not_found(api_as, outsider, lavida):
    client = api_as(outsider)
    assert client.get(f"/api/v1/vehicles/{lavida.pk}/").status_code == 404
    assert client.get(f"/api/v1/vehicles/{lavida.pk}/history/").status_code == 404
    assert (
        client.post(
            f"/api/v1/vehicles/{lavida.pk}/mileage/", {"km": 50000}, format="json"
        ).status_code
        == 404
    )


@pytest.mark.parametrize("rows", [5, 50])
def test_the_list_costs_the_same_queries_at_any_size(
    api_as, advisor, shop, rows, django_assert_max_num_queries
):
    for _ in range(rows):
        VehicleFactory(shop=shop, user=advisor)
    client = api_as(advisor)
    with django_assert_max_num_queries(5):
        assert client.get("/api/v1/vehicles/?page_size=100").status_code == 200

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.vehicles.factories import SupplierFactory, VehicleFactory, WorkOrderFactory


@pytest.fixture
def wo(shop, advisor):
    return WorkOrderFactory(shop=shop, advisor=advisor, lines=1)


def test_items_and_decisions_through_the_api(api_as, advisor, wo):
    client = api_as(advisor)
    res = client.post("/api/v1/inspections/", {"work_order": wo.pk}, format="json")
    assert res.status_code == 201
    pk = res.json()["id"]
    item = client.post(
        f"/api/v1/inspections/{pk}/items/",
        {"name": "Tyres", "condition": "red", "recommended_job": "Two tyres", "price": "900.00"},
        format="json",
    )
    item_id = item.json()["items"][0]["id"]
    ok = client.post(
        f"/api/v1/inspections/{pk}/items/{item_id}/decision/",
        {"decision": "approved"},
        format="json",
    )
    assert ok.status_code == 200 and ok.json()["items"][0]["line"]
    twice = client.post(
        f"/api/v1/inspections/{pk}/items/{item_id}/decision/",
        {"decision": "declined"},
        format="json",
    )
    assert twice.status_code == 409


def test_a_non_image_photo_answers_400(api_as, advisor, technician, wo):
    from vehicles import services

    insp = services.inspection_create(work_order_pk=wo.pk, user=technician)
    item = services.inspection_item_add(
        inspection_pk=insp.pk, user=technician, name="Brakes", condition="yellow"
    )
    upload = SimpleUploadedFile("x.png", b"not a png", content_type="image/png")
    res = api_as(advisor).post(
        f"/api/v1/inspections/{insp.pk}/items/{item.pk}/photos/",
        {"image": upload},
        format="multipart",
    )
    assert res.status_code == 400 and "image" in res.json()


def test_another_shops_inspection_is_not_found(api_as, outsider, technician, wo):
    from vehicles import services

    insp = services.inspection_create(work_order_pk=wo.pk, user=technician)
    client = api_as(outsider)
    assert client.get(f"/api/v1/inspections/{insp.pk}/").status_code == 404
    assert (
        client.post("/api/v1/inspections/", {"work_order": wo.pk}, format="json").status_code == 404
    )


@pytest.mark.parametrize("rows", [5, 50])
def test_the_list_costs_the_same_queries_at_any_size(
    api_as, advisor, technician, shop, rows, django_assert_max_num_queries
):
    from vehicles import services

    car = VehicleFactory(shop=shop, user=advisor)
    for _ in range(rows):
        # one inspection per visit: a work order each
        wo = WorkOrderFactory(vehicle=car, advisor=advisor)
        insp = services.inspection_create(work_order_pk=wo.pk, user=technician)
        services.inspection_item_add(
            inspection_pk=insp.pk, user=technician, name="Wipers", condition="green"
        )
    client = api_as(advisor)
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/inspections/?page_size=100").status_code == 200


def test_suppliers_are_scoped(api_as, advisor, outsider, shop):
    sup = SupplierFactory(shop=shop)
    assert api_as(advisor).get("/api/v1/suppliers/").json()["count"] == 1
    assert api_as(outsider).get(f"/api/v1/suppliers/{sup.pk}/").status_code == 404

"""What the pages offer around the courtesy inspection, as the actions functions say: a photo
can still be added once the customer has decided on an item, and a work order with an
inspection offers to open it, not to start another."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from servicedesk.errors import Conflict
from tests.vehicles.factories import WorkOrderFactory
from vehicles import services
from vehicles.services import errors as E


@pytest.fixture
def wo(shop, advisor):
    return WorkOrderFactory(shop=shop, advisor=advisor, lines=1)


@pytest.fixture
def inspection(wo, technician):
    return services.inspection_create(work_order_pk=wo.pk, user=technician)


@pytest.fixture
def decided(inspection, technician, advisor):
    item = services.inspection_item_add(
        inspection_pk=inspection.pk,
        user=technician,
        name="Wipers",
        condition="yellow",
        recommended_job="Replace wiper blades",
        price=Decimal("120"),
    )
    services.inspection_item_decide(pk=item.pk, user=advisor, decision="approved")
    item.refresh_from_db()
    return item


def _jpeg() -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), "gray").save(buf, format="JPEG")
    return SimpleUploadedFile("wipers.jpg", buf.getvalue(), content_type="image/jpeg")


def test_a_decided_item_still_offers_add_photo(browser_as, technician, inspection, decided):
    assert services.inspection_item_actions(decided, technician) == {"photo"}
    page = browser_as(technician).get(f"/inspections/{inspection.pk}/").content.decode()
    assert "Approved" in page and "Add photo" in page


def test_a_photo_added_after_the_decision_is_kept(browser_as, technician, inspection, decided):
    r = browser_as(technician).post(
        f"/inspections/{inspection.pk}/",
        {"form": "photo", "item": decided.pk, "image": _jpeg()},
    )
    assert r.status_code == 302
    assert decided.photos.count() == 1


def test_the_decision_buttons_go_once_decided(browser_as, advisor, inspection, decided):
    page = browser_as(advisor).get(f"/inspections/{inspection.pk}/").content.decode()
    assert 'value="approved"' not in page


def test_a_work_order_with_an_inspection_offers_to_open_it(browser_as, advisor, wo, inspection):
    assert "inspect" not in services.work_order_actions(wo, advisor)
    page = browser_as(advisor).get(f"/work-orders/{wo.pk}/").content.decode()
    assert "Start an inspection" not in page
    assert "Open the inspection" in page and f"/inspections/{inspection.pk}/" in page


def test_a_work_order_without_one_offers_to_start_it(browser_as, advisor, wo):
    assert "inspect" in services.work_order_actions(wo, advisor)
    page = browser_as(advisor).get(f"/work-orders/{wo.pk}/").content.decode()
    assert "Start an inspection" in page and "Open the inspection" not in page


def test_a_cashier_is_not_offered_to_start_one(browser_as, cashier, wo):
    assert "inspect" not in services.work_order_actions(wo, cashier)
    assert (
        "Start an inspection"
        not in browser_as(cashier).get(f"/work-orders/{wo.pk}/").content.decode()
    )


def test_a_second_inspection_is_refused(wo, technician, inspection):
    with pytest.raises(Conflict) as err:
        services.inspection_create(work_order_pk=wo.pk, user=technician)
    assert err.value.message == E.INSPECTION_EXISTS


def test_the_api_refuses_a_second_inspection_with_409(api_as, technician, wo, inspection):
    res = api_as(technician).post("/api/v1/inspections/", {"work_order": wo.pk}, format="json")
    assert res.status_code == 409
    assert res.json()["detail"] == str(E.INSPECTION_EXISTS)


def test_the_api_adds_a_photo_to_a_decided_item(api_as, technician, inspection, decided):
    res = api_as(technician).post(
        f"/api/v1/inspections/{inspection.pk}/items/{decided.pk}/photos/",
        {"image": _jpeg()},
        format="multipart",
    )
    assert res.status_code == 201

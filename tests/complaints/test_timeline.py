import pytest

from complaints import services
from tests.vehicles.factories import VehicleFactory


@pytest.fixture
def car(shop):
    return VehicleFactory(shop=shop)


def test_a_complaint_shows_on_the_vehicle_history_page_and_api(
    browser_as, api_as, advisor, shop, car
):
    complaint = services.complaint_open(
        shop_pk=shop.pk,
        customer_words="Noise after the brake job",
        channel="in_person",
        user=advisor,
        customer_pk=car.owner.pk,
        vehicle_pk=car.pk,
    )
    page = browser_as(advisor).get(f"/vehicles/{car.pk}/").content.decode()
    assert f"/complaints/{complaint.pk}/" in page and "Noise after the brake job" in page
    body = api_as(advisor).get(f"/api/v1/vehicles/{car.pk}/history/").json()
    entries = body.get("results", body)
    assert "complaint" in {e["kind"] for e in entries}


def test_the_customer_page_shows_the_complaint(browser_as, advisor, shop, car):
    complaint = services.complaint_open(
        shop_pk=shop.pk,
        customer_words="Rude on the phone",
        channel="phone",
        user=advisor,
        customer_pk=car.owner.pk,
    )
    page = browser_as(advisor).get(f"/customers/{car.owner.pk}/").content.decode()
    assert f"/complaints/{complaint.pk}/" in page

"""From an interaction at confirm or help: open the work order it agreed on, prefilled from it,
linked to it — on the page and over the API, only for the shop's writers."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from interactions import services
from interactions.models import Interaction, Stage
from servicedesk.errors import Conflict, Invalid
from tests.vehicles.factories import VehicleFactory
from vehicles.models import WorkOrder
from vehicles.services.errors import NEGATIVE_ESTIMATE

from .factories import InteractionFactory


@pytest.fixture
def car(shop, advisor):
    return VehicleFactory(shop=shop, user=advisor, plate="京A12345", mileage=42000)


@pytest.fixture
def at_help(advisor, car):
    """Mr Zhou and his car, agreed at confirm, now at help."""
    return InteractionFactory(
        customer=car.owner,
        vehicle=car,
        advisor=advisor,
        stage=Stage.HELP,
        need_in_customer_words="Squeak when braking",
        agreed_work="Replace the front brake pads",
        customer_agreed=True,
        promised_at=timezone.now() + timedelta(hours=3),
    )


def url(interaction):
    return f"/api/v1/interactions/{interaction.pk}/work-order/"


# ---------------------------------------------------------------- the service and the API


def test_it_opens_a_work_order_prefilled_from_the_interaction(api_as, advisor, at_help, car):
    response = api_as(advisor).post(url(at_help), {"mileage_in": 42100}, format="json")
    assert response.status_code == 201, response.content
    order = WorkOrder.objects.get()
    assert response.json()["number"] == order.number
    assert (order.customer_id, order.vehicle_id, order.advisor_id) == (
        car.owner_id,
        car.pk,
        advisor.pk,
    )
    assert order.concern == "Squeak when braking\nReplace the front brake pads"
    assert order.promised_at == at_help.promised_at
    assert order.mileage_in == 42100
    at_help.refresh_from_db()
    assert at_help.work_order_id == order.pk
    assert at_help.version == 2


def test_the_caller_may_word_the_concern(api_as, advisor, at_help):
    response = api_as(advisor).post(url(at_help), {"concern": "Brakes squeal"}, format="json")
    assert response.status_code == 201
    assert WorkOrder.objects.get().concern == "Brakes squeal"


def test_it_refuses_a_second_work_order(api_as, advisor, at_help):
    client = api_as(advisor)
    assert client.post(url(at_help), {}, format="json").status_code == 201
    response = client.post(url(at_help), {}, format="json")
    assert response.status_code == 409
    assert "already linked" in response.json()["detail"]
    assert WorkOrder.objects.count() == 1


@pytest.mark.parametrize("stage", [Stage.GREET, Stage.KNOW_NEED, Stage.KEEP, Stage.CLOSED])
def test_it_refuses_outside_confirm_and_help(api_as, advisor, at_help, stage):
    at_help.stage = stage
    at_help.save(update_fields=["stage"])
    assert api_as(advisor).post(url(at_help), {}, format="json").status_code == 409
    assert not WorkOrder.objects.exists()


def test_it_opens_from_confirm_too(advisor, at_help):
    at_help.stage = Stage.CONFIRM
    at_help.save(update_fields=["stage"])
    order = services.interaction_open_work_order(user=advisor, pk=at_help.pk)
    assert order.pk


def test_it_needs_the_vehicle(api_as, advisor, at_help):
    at_help.vehicle = None
    at_help.save(update_fields=["vehicle"])
    response = api_as(advisor).post(url(at_help), {}, format="json")
    assert response.status_code == 409
    assert "vehicle" in response.json()["detail"]


def test_it_needs_a_concern(advisor, at_help):
    at_help.need_in_customer_words = at_help.agreed_work = ""
    at_help.save(update_fields=["need_in_customer_words", "agreed_work"])
    with pytest.raises(Invalid) as caught:
        services.interaction_open_work_order(user=advisor, pk=at_help.pk)
    assert caught.value.message == services.WORK_ORDER_NEEDS_CONCERN
    assert caught.value.field == "concern"
    assert not WorkOrder.objects.exists()


def test_a_lower_mileage_without_reason_changes_nothing(api_as, advisor, at_help):
    response = api_as(advisor).post(url(at_help), {"mileage_in": 100}, format="json")
    assert response.status_code == 400
    assert not WorkOrder.objects.exists()
    at_help.refresh_from_db()
    assert at_help.work_order_id is None


def test_a_stale_copy_is_refused(advisor, at_help):
    with pytest.raises(Conflict) as refused:
        services.interaction_open_work_order(user=advisor, pk=at_help.pk, version=99)
    assert refused.value.message == services.STALE_COPY


def test_another_shops_interaction_is_not_found(api_as, outsider, at_help):
    assert api_as(outsider).post(url(at_help), {}, format="json").status_code == 404
    assert not WorkOrder.objects.exists()


def test_a_technician_may_not(api_as, technician, at_help):
    assert api_as(technician).post(url(at_help), {}, format="json").status_code == 403
    assert not WorkOrder.objects.exists()


def test_the_schema_documents_it(api_as, advisor):
    schema = api_as(advisor).get("/api/schema/", {"format": "json"}).json()
    post = schema["paths"]["/api/v1/interactions/{id}/work-order/"]["post"]
    assert {"201", "400", "403", "404", "409"} <= set(post["responses"])


# ---------------------------------------------------------------- the page


def test_the_page_offers_the_form_prefilled(browser_as, advisor, at_help):
    html = browser_as(advisor).get(f"/interactions/{at_help.pk}/").content.decode()
    assert "Open the work order" in html
    assert "Squeak when braking" in html
    assert 'value="42000"' in html  # the car's last mileage as mileage in


def test_the_button_opens_it_and_the_page_links_it(browser_as, advisor, at_help):
    client = browser_as(advisor)
    response = client.post(
        f"/interactions/{at_help.pk}/work-order/",
        {"concern": "Squeak when braking", "mileage_in": "42000", "version": at_help.version},
    )
    assert response.status_code == 302
    order = WorkOrder.objects.get()
    html = client.get(f"/interactions/{at_help.pk}/").content.decode()
    assert f'href="/work-orders/{order.pk}/"' in html
    assert "Open the work order" not in html


def test_the_page_shows_why_it_refuses(browser_as, advisor, at_help):
    response = browser_as(advisor).post(
        f"/interactions/{at_help.pk}/work-order/", {"concern": "", "version": at_help.version}
    )
    assert response.status_code == 400
    assert "Write down the customer&#x27;s concern" in response.content.decode()
    assert not WorkOrder.objects.exists()


def test_the_page_is_not_found_for_another_shop(browser_as, outsider, at_help):
    response = browser_as(outsider).post(
        f"/interactions/{at_help.pk}/work-order/", {"version": at_help.version}
    )
    assert response.status_code == 404


# ---------------------------------------------------------------- the estimate agreed at confirm


def test_the_estimate_agreed_at_confirm_is_carried_into_the_work_order(
    browser_as, advisor, at_help
):
    Interaction.objects.filter(pk=at_help.pk).update(estimate=Decimal("480.00"))
    client = browser_as(advisor)
    page = client.get(f"/interactions/{at_help.pk}/").content.decode()
    assert 'name="estimate" value="480.00"' in page  # offered, prefilled, in the open form
    response = client.post(
        f"/interactions/{at_help.pk}/work-order/",
        {"concern": "Squeak when braking", "estimate": "480.00", "version": at_help.version},
    )
    assert response.status_code == 302
    order = WorkOrder.objects.get()
    assert order.estimate == Decimal("480.00")
    shown = client.get(f"/work-orders/{order.pk}/").content.decode()
    assert re.search(r'id="estimate">480\.00 CNY', shown)


def test_the_service_and_the_api_default_to_the_agreed_estimate(api_as, advisor, at_help):
    Interaction.objects.filter(pk=at_help.pk).update(estimate=Decimal("275.50"))
    response = api_as(advisor).post(url(at_help), {}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["estimate"] == "275.50"
    assert WorkOrder.objects.get().estimate == Decimal("275.50")


def test_a_negative_estimate_is_refused_on_the_work_order(advisor, at_help):
    with pytest.raises(Invalid) as refused:
        services.interaction_open_work_order(user=advisor, pk=at_help.pk, estimate=Decimal("-1"))
    assert refused.value.message == NEGATIVE_ESTIMATE and refused.value.field == "estimate"
    assert not WorkOrder.objects.exists()


@pytest.mark.parametrize("stage", [s for s in Stage.values if s != Stage.CLOSED])
@pytest.mark.parametrize("missing", ["nothing", "vehicle", "linked"])
def test_the_button_is_offered_exactly_when_the_service_opens_the_work_order(
    stage, missing, advisor, at_help, car
):
    """The page's ``interaction_may_open_work_order`` and the service ask one guard."""
    if missing == "linked":  # opened at help, then the interaction moves on
        services.interaction_open_work_order(user=advisor, pk=at_help.pk, mileage_in=42100)
    if missing == "vehicle":
        Interaction.objects.filter(pk=at_help.pk).update(vehicle=None)
    Interaction.objects.filter(pk=at_help.pk).update(stage=stage)
    at_help.refresh_from_db()
    offered = services.interaction_may_open_work_order(at_help)
    try:
        services.interaction_open_work_order(user=advisor, pk=at_help.pk, mileage_in=42200)
        accepted = True
    except Conflict:
        accepted = False
    assert offered == accepted
    assert offered == (stage in services.WORK_ORDER_STAGES and missing == "nothing")

"""A walk-in without a customer on file (issue 12.9): "New walk-in" records nothing until the
advisor submits, and a customer (and car) not on file is added without leaving the
interaction."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from interactions.models import Interaction
from interactions.services import OUTCOME_REQUIRED
from tests.vehicles.factories import CustomerFactory, valid_vin
from vehicles.models import Customer, Vehicle
from vehicles.services.errors import DUPLICATE_PHONE

from .factories import InteractionFactory

NEW = "interactions:new"


def draft(**fields):
    """What the new-walk-in page posts: its hidden fields, the greet fields, what was pressed."""
    return {"channel": "walk_in", "wait_seconds": "0", "then": "save", **fields}


def test_the_first_submit_records_the_walk_in_greeted_when_it_was_tapped(
    browser_as, advisor, time_machine
):
    tapped = timezone.now().replace(microsecond=0) - timedelta(minutes=3)
    time_machine.move_to(tapped + timedelta(minutes=3), tick=False)
    answer = browser_as(advisor).post(
        reverse(NEW),
        draft(
            greet_at=tapped.isoformat(),
            walk_in_name="Mr Sun",
            wait_seconds="40",
            greet_notes="Keys in hand",
            then="advance",
        ),
    )
    interaction = Interaction.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == reverse("interactions:detail", args=[interaction.pk])
    assert (interaction.stage, interaction.walk_in_name, interaction.wait_seconds) == (
        "know_need",
        "Mr Sun",
        40,
    )
    assert interaction.greet_at == tapped and interaction.advisor == advisor


def test_a_greeting_time_from_the_future_or_long_ago_is_not_believed(browser_as, advisor):
    client = browser_as(advisor)
    for claimed in (timezone.now() + timedelta(hours=1), timezone.now() - timedelta(days=2)):
        client.post(reverse(NEW), draft(greet_at=claimed.isoformat()))
    for interaction in Interaction.objects.all():
        assert abs(interaction.greet_at - timezone.now()) < timedelta(minutes=1)


def test_a_call_answered_at_once_closes_early_from_the_new_page(browser_as, advisor):
    client = browser_as(advisor)
    answer = client.post(reverse(NEW), draft(channel="phone", then="close", outcome="answered"))
    assert answer.status_code == 302
    interaction = Interaction.objects.get()
    assert (interaction.channel, interaction.stage, interaction.outcome) == (
        "phone",
        "closed",
        "answered",
    )


def test_a_refused_first_submit_records_nothing_and_keeps_the_typing(browser_as, advisor):
    answer = browser_as(advisor).post(
        reverse(NEW), draft(then="close", outcome="", greet_notes="Looks upset")
    )
    body = answer.content.decode()
    assert answer.status_code == 400
    assert escape(str(OUTCOME_REQUIRED)) in body
    assert 'value="Looks upset"' in body
    assert not Interaction.objects.exists()


def test_a_new_customer_and_car_are_added_from_the_new_page(browser_as, advisor, shop):
    vin = valid_vin()
    answer = browser_as(advisor).post(
        reverse(NEW),
        draft(
            then="new_customer",
            greet_notes="First visit",
            **{
                "new-name": "Ms Lin",
                "new-phone": "13912345678",
                "new-vin": vin,
                "new-make": "BYD",
                "new-model": "Qin",
                "new-plate": "沪B 12345",
            },
        ),
    )
    assert answer.status_code == 302, answer.content.decode()[:3000]
    interaction = Interaction.objects.get()
    assert interaction.customer.name == "Ms Lin" and interaction.customer.shop == shop
    assert interaction.vehicle.vin == vin and interaction.vehicle.owner == interaction.customer
    assert interaction.greet_notes == "First visit"


def test_the_interaction_page_adds_a_customer_not_on_file_and_returns_to_it(
    browser_as, advisor, shop
):
    walk_in = InteractionFactory(customer=None, shop=shop, advisor=advisor)
    client = browser_as(advisor)
    page = client.get(reverse("interactions:detail", args=[walk_in.pk])).content.decode()
    assert "New customer (and vehicle)" in page
    answer = client.post(
        reverse("interactions:customer-new", args=[walk_in.pk]),
        {"version": walk_in.version, "new-name": "Mr Qian", "new-phone": "13700001111"},
    )
    assert answer.status_code == 302
    assert answer["Location"] == reverse("interactions:detail", args=[walk_in.pk])
    walk_in.refresh_from_db()
    assert walk_in.customer.name == "Mr Qian" and walk_in.vehicle is None
    page = client.get(answer["Location"]).content.decode()
    assert "Customer added to this interaction." in page and "Mr Qian" in page


def test_a_duplicate_phone_names_the_customer_on_file_and_adds_nothing(browser_as, advisor, shop):
    CustomerFactory(shop=shop, name="Mrs Zhou", phone="+8613700001111")
    walk_in = InteractionFactory(customer=None, shop=shop, advisor=advisor)
    answer = browser_as(advisor).post(
        reverse("interactions:customer-new", args=[walk_in.pk]),
        {
            "version": walk_in.version,
            "new-name": "Mr Qian",
            "new-phone": "137 0000 1111",
            "new-vin": valid_vin(),
            "new-make": "BYD",
            "new-model": "Qin",
        },
    )
    body = answer.content.decode()
    assert answer.status_code == 400
    assert escape(str(DUPLICATE_PHONE % {"name": "Mrs Zhou"})) in body
    assert 'value="Mr Qian"' in body and '<details class="mt-3" id="new-customer" open>' in body
    assert Customer.objects.count() == 1 and not Vehicle.objects.exists()
    walk_in.refresh_from_db()
    assert walk_in.customer is None and walk_in.version == 1


def test_a_car_needs_its_vin_make_and_model(browser_as, advisor, shop):
    walk_in = InteractionFactory(customer=None, shop=shop, advisor=advisor)
    answer = browser_as(advisor).post(
        reverse("interactions:customer-new", args=[walk_in.pk]),
        {"version": 1, "new-name": "Mr Qian", "new-phone": "13700001111", "new-plate": "京A1"},
    )
    assert answer.status_code == 400 and not Customer.objects.exists()


def test_another_shops_interaction_is_not_found(browser_as, outsider, walk_in):
    answer = browser_as(outsider).post(
        reverse("interactions:customer-new", args=[walk_in.pk]),
        {"version": 1, "new-name": "Mr Qian", "new-phone": "13700001111"},
    )
    assert answer.status_code == 404 and Customer.objects.count() == 1


@pytest.mark.parametrize("page", ["detail", "new"])
def test_the_customer_search_offers_to_add_one_when_nothing_matches(
    browser_as, advisor, shop, page
):
    client = browser_as(advisor)
    if page == "detail":
        walk_in = InteractionFactory(customer=None, shop=shop, advisor=advisor)
        html = client.get(reverse("interactions:detail", args=[walk_in.pk])).content.decode()
    else:
        html = client.get(reverse(NEW)).content.decode()
    assert "&quot;add&quot;: &quot;new-customer&quot;" in html and 'id="new-customer"' in html
    found = client.get(
        reverse("picker", args=["customers"]), {"q": "Nobody here", "add": "new-customer"}
    ).content.decode()
    assert "Nothing matches." in found
    assert 'data-picker-add="new-customer"' in found and "New customer (and vehicle)" in found

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from interactions.models import Interaction
from interactions.services import interaction_escalate
from tests.vehicles.factories import CustomerFactory

from .factories import InteractionFactory


def test_one_tap_opens_the_new_walk_in_page_and_records_nothing_yet(browser_as, advisor):
    client = browser_as(advisor)
    answer = client.post(reverse("interactions:start"), {"channel": "walk_in"})
    assert answer.status_code == 302
    assert answer["Location"] == reverse("interactions:new") + "?channel=walk_in"
    page = client.get(answer["Location"])
    assert page.status_code == 200 and "Walk-in, not yet known" in page.content.decode()
    assert not Interaction.objects.exists()


def test_a_technician_cannot_start_one(browser_as, technician):
    client = browser_as(technician)
    answer = client.post(reverse("interactions:start"), {"channel": "phone"})
    assert answer.status_code == 403 and not Interaction.objects.exists()
    assert client.get(reverse("interactions:new")).status_code == 403


def test_the_desk_shows_todays_interactions_by_stage_and_open_escalations(
    browser_as, advisor, manager, walk_in, theirs
):
    interaction_escalate(user=advisor, pk=walk_in.pk, reason="Wants a loaner car today")
    body = browser_as(advisor).get(reverse("interactions:desk")).content.decode()
    assert "Mrs Zhou" in body and "Wants a loaner car today" in body
    assert theirs.customer.name not in body
    assert "New walk-in" in body


@pytest.mark.parametrize("rows", [5, 30])
def test_the_desk_query_count_does_not_grow(
    browser_as, advisor, shop, django_assert_max_num_queries, rows
):
    for i in range(rows):
        InteractionFactory(
            customer=CustomerFactory(shop=shop), advisor=advisor, stage=["greet", "keep"][i % 2]
        )
    client = browser_as(advisor)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("interactions:desk")).status_code == 200


def test_the_team_view_shows_every_advisor_and_the_queue(
    browser_as, advisor, manager, walk_in, shop
):
    from tests.factories import staff

    other = staff("second-advisor", shop, "advisor")
    InteractionFactory(customer=CustomerFactory(shop=shop, name="Mr Sun"), advisor=other)
    interaction_escalate(user=advisor, pk=walk_in.pk, reason="Wants a discount")
    body = browser_as(manager).get(reverse("interactions:team")).content.decode()
    assert "Mrs Zhou" in body and "Mr Sun" in body and "Wants a discount" in body


def test_an_advisor_has_no_team_view(browser_as, advisor):
    assert browser_as(advisor).get(reverse("interactions:team")).status_code == 403


@pytest.mark.parametrize("rows", [5, 30])
def test_the_team_view_query_count_does_not_grow(
    browser_as, manager, advisor, shop, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        interaction = InteractionFactory(customer=CustomerFactory(shop=shop), advisor=advisor)
        interaction_escalate(user=advisor, pk=interaction.pk, reason="x")
    client = browser_as(manager)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("interactions:team")).status_code == 200


@pytest.mark.parametrize("rows", [5, 30])
def test_the_list_query_count_does_not_grow(
    browser_as, advisor, shop, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        InteractionFactory(customer=CustomerFactory(shop=shop), advisor=advisor)
    client = browser_as(advisor)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("interactions:list")).status_code == 200


def test_the_list_hides_other_shops(browser_as, advisor, walk_in, theirs):
    body = browser_as(advisor).get(reverse("interactions:list")).content.decode()
    assert "Mrs Zhou" in body and theirs.customer.name not in body


def test_stage_timers_read_as_durations_with_the_stage_named(
    browser_as, advisor, customer, time_machine
):
    """Not "G 4:06 K 11:06", which reads as clock times: the stage and the time spent there."""
    now = timezone.make_aware(datetime(2026, 6, 8, 10, 30))
    time_machine.move_to(now, tick=False)
    InteractionFactory(
        customer=customer,
        advisor=advisor,
        stage="know_need",
        greet_at=now - timedelta(minutes=5, seconds=13),
        know_need_at=now - timedelta(seconds=67),
    )
    client = browser_as(advisor)
    desk = client.get(reverse("interactions:desk")).content.decode()
    assert "Greet 4 min 6 s" in desk and "Know the need 1 min 7 s" in desk
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    desk = client.get(reverse("interactions:desk")).content.decode()
    assert "迎接 4分6秒" in desk and "1分7秒" in desk
    translation.activate("en")

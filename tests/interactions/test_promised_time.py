"""At confirm the advisor promises a time: one already gone, or in an implausible year, is
refused with the message on the field, by the service, the API and the page alike (12.11, 13.9)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from interactions.models import Interaction
from interactions.services import interaction_advance, interaction_update
from servicedesk.dates import PROMISE_PASSED
from servicedesk.errors import Invalid

NEED = {"need_in_customer_words": "It squeals when I brake"}


@pytest.fixture
def at_confirm(advisor, walk_in):
    interaction_advance(user=advisor, pk=walk_in.pk, stage="know_need", fields=NEED)
    return interaction_advance(user=advisor, pk=walk_in.pk, stage="confirm", fields={})


def test_the_service_refuses_a_promise_already_gone(advisor, at_confirm):
    with pytest.raises(Invalid) as err:
        interaction_update(
            user=advisor,
            pk=at_confirm.pk,
            fields={"promised_at": timezone.now() - timedelta(hours=2)},
            version=at_confirm.version,
        )
    assert err.value.field == "promised_at" and err.value.message == PROMISE_PASSED
    assert Interaction.objects.get(pk=at_confirm.pk).promised_at is None


def test_a_promise_made_earlier_may_be_kept_after_it_passed(advisor, at_confirm, time_machine):
    promised = timezone.now() + timedelta(hours=1)
    done = interaction_update(
        user=advisor, pk=at_confirm.pk, fields={"promised_at": promised}, version=at_confirm.version
    )
    time_machine.move_to(promised + timedelta(hours=1), tick=False)
    again = interaction_update(
        user=advisor,
        pk=at_confirm.pk,
        fields={"promised_at": promised, "agreed_work": "Pads"},
        version=done.version,
    )
    assert again.promised_at == promised and again.agreed_work == "Pads"


@pytest.mark.parametrize("typed", ["2020-05-01T09:00:00+08:00", "0001-01-01T00:00:00"])
def test_the_api_refuses_a_promise_in_the_past_or_out_of_range(api_as, advisor, walk_in, typed):
    api = api_as(advisor)
    url = f"/api/v1/interactions/{walk_in.pk}/advance/"
    assert api.post(url, {"stage": "know_need", **NEED}, format="json").status_code == 200
    r = api.post(url, {"stage": "confirm", "promised_at": typed}, format="json")
    assert r.status_code == 400 and list(r.json()) == ["promised_at"]
    walk_in.refresh_from_db()
    assert walk_in.stage == "know_need" and walk_in.promised_at is None


def test_the_page_names_the_problem_and_keeps_what_was_typed(browser_as, advisor, at_confirm):
    r = browser_as(advisor).post(
        reverse("interactions:stage", args=[at_confirm.pk]),
        {
            "agreed_work": "Pads",
            "promised_at": "2020-05-01T09:00",
            "version": at_confirm.version,
            "then": "save",
        },
        HTTP_HX_REQUEST="true",
    )
    page = r.content.decode()
    assert r.status_code == 400
    assert escape(str(PROMISE_PASSED)) in page and 'value="2020-05-01T09:00"' in page
    assert Interaction.objects.get(pk=at_confirm.pk).promised_at is None

"""A refused submit on the interaction page says why, keeps what was typed and carries the
record's current version, so the corrected submit goes through (issue 12.1)."""

import json
import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from interactions.models import Interaction
from interactions.services import STALE_COPY
from interactions.stages import NEED_IN_WORDS_REQUIRED, SATISFACTION_REQUIRED

NEGATIVE_ESTIMATE = "The estimate cannot be negative."


def htmx_post(client, name, interaction, data):
    return client.post(reverse(name, args=[interaction.pk]), data, HTTP_HX_REQUEST="true")


def field_error(body: str, field: str) -> str:
    """The message shown under a field of the stage form (crispy's invalid-feedback)."""
    match = re.search(rf'id="error_1_id_{field}"[^>]*>\s*<strong>(.*?)</strong>', body, re.S)
    return match.group(1) if match else ""


def version_in_form(body: str) -> int:
    (value,) = re.findall(r'name="version" value="(\d+)" id="id_version"', body)
    return int(value)


def at(interaction, stage, **fields):
    Interaction.objects.filter(pk=interaction.pk).update(stage=stage, **fields)
    interaction.refresh_from_db()
    return interaction


def test_going_on_without_the_need_says_so_under_the_field_and_keeps_the_typing(
    browser_as, advisor, walk_in
):
    at(walk_in, "know_need")
    answer = htmx_post(
        browser_as(advisor),
        "interactions:stage",
        walk_in,
        {
            "restatement": "A squeal when braking",
            "main_concern": "unknown",
            "version": 1,
            "then": "advance",
        },
    )
    body = answer.content.decode()
    assert answer.status_code == 400
    assert field_error(body, "need_in_customer_words") == escape(str(NEED_IN_WORDS_REQUIRED))
    assert "A squeal when braking</textarea>" in body
    assert 'role="status">Saved.' not in body  # no stale "Saved." beside the refusal
    walk_in.refresh_from_db()
    assert (walk_in.stage, walk_in.restatement, walk_in.version) == ("know_need", "", 1)


def test_a_negative_estimate_is_refused_under_the_estimate_and_the_fix_goes_through(
    browser_as, advisor, walk_in
):
    at(walk_in, "confirm")
    client = browser_as(advisor)
    typed = {"agreed_work": "Front pads", "customer_agreed": "on", "then": "advance"}
    answer = htmx_post(
        client, "interactions:stage", walk_in, {**typed, "estimate": "-5", "version": 1}
    )
    body = answer.content.decode()
    assert answer.status_code == 400
    assert field_error(body, "estimate") == NEGATIVE_ESTIMATE
    assert "Front pads</textarea>" in body and 'value="-5"' in body
    corrected = htmx_post(
        client,
        "interactions:stage",
        walk_in,
        {**typed, "estimate": "480", "version": version_in_form(body)},
    )
    assert corrected.status_code == 200
    walk_in.refresh_from_db()
    assert walk_in.stage == "help" and walk_in.estimate == 480


def test_closing_at_keep_without_a_score_asks_for_it_under_the_score(browser_as, advisor, walk_in):
    at(walk_in, "keep")
    client = browser_as(advisor)
    page = client.get(reverse("interactions:detail", args=[walk_in.pk])).content.decode()
    # "Close: cycle completed" belongs to the keep form: what is typed there is sent with it.
    assert re.search(r'name="then" value="advance"[^>]*>\s*&#10003; Close: cycle completed', page)
    words = {"satisfaction_words": "Fine I suppose", "thanked": "on", "then": "advance"}
    answer = htmx_post(client, "interactions:stage", walk_in, {**words, "version": 1})
    body = answer.content.decode()
    assert answer.status_code == 400
    assert field_error(body, "satisfaction") == escape(str(SATISFACTION_REQUIRED))
    assert "Fine I suppose</textarea>" in body
    closed = htmx_post(
        client,
        "interactions:stage",
        walk_in,
        {**words, "satisfaction": "4", "version": version_in_form(body)},
    )
    assert closed.status_code == 200 and closed.headers["HX-Refresh"] == "true"
    walk_in.refresh_from_db()
    assert (walk_in.stage, walk_in.outcome, walk_in.satisfaction) == ("closed", "completed", 4)
    assert walk_in.satisfaction_words == "Fine I suppose"


def test_a_stale_copy_says_so_keeps_the_typing_and_carries_the_current_version(
    browser_as, advisor, walk_in
):
    Interaction.objects.filter(pk=walk_in.pk).update(version=3)  # someone saved meanwhile
    client = browser_as(advisor)
    typed = {"greet_notes": "Keys in hand", "wait_seconds": "30", "then": "save"}
    answer = htmx_post(client, "interactions:stage", walk_in, {**typed, "version": 1})
    body = answer.content.decode()
    assert answer.status_code == 409
    assert escape(str(STALE_COPY)) in body
    assert 'value="Keys in hand"' in body
    assert version_in_form(body) == 3
    again = htmx_post(client, "interactions:stage", walk_in, {**typed, "version": 3})
    assert again.status_code == 200
    walk_in.refresh_from_db()
    assert walk_in.greet_notes == "Keys in hand" and walk_in.wait_seconds == 30


def test_a_refused_early_close_says_why_beside_the_close_form(browser_as, advisor, walk_in):
    Interaction.objects.filter(pk=walk_in.pk).update(version=2)
    client = browser_as(advisor)
    answer = htmx_post(client, "interactions:close", walk_in, {"outcome": "booked", "version": 1})
    body = answer.content.decode()
    assert answer.status_code == 409
    assert re.search(r'id="close-errors">[^<]*' + re.escape(escape(str(STALE_COPY))), body)
    assert '<option value="booked" selected>' in body
    (version,) = set(re.findall(r'name="version" value="(\d+)">', body))
    assert version == "2"
    closed = htmx_post(
        client, "interactions:close", walk_in, {"outcome": "booked", "version": version}
    )
    assert closed.status_code == 200
    walk_in.refresh_from_db()
    assert walk_in.outcome == "booked"


def test_a_refused_escalation_keeps_the_kind_and_says_why(browser_as, advisor, walk_in):
    answer = browser_as(advisor).post(
        reverse("interactions:escalate", args=[walk_in.pk]),
        {"kind": "not_satisfied", "reason": "Unhappy with the wait"},
    )
    body = answer.content.decode()
    assert answer.status_code == 409  # not satisfied is raised at keep, not at greet
    assert escape("A customer is marked not satisfied at the keep stage.") in body
    assert "Unhappy with the wait</textarea>" in body


@pytest.mark.parametrize("status", ["400", "409"])
def test_every_page_lets_htmx_show_a_refused_form(browser_as, advisor, status):
    """htmx swaps no 4xx answer by default: the base layout's htmx-config makes it swap the
    re-rendered form of a refused submit, and forms.js reports any other failure."""
    body = browser_as(advisor).get(reverse("interactions:desk")).content.decode()
    (config,) = re.findall(r'<meta name="htmx-config" content=\'([^\']+)\'>', body)

    rules = json.loads(config)["responseHandling"]
    first = next(rule for rule in rules if re.search(rule["code"], status))
    assert first["swap"] is True
    assert "js/forms.js" in body

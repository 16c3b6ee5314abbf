import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from interactions.forms import NOTHING_LEARNED
from interactions.models import CoachingTip, Escalation, Interaction
from interactions.stages import AGREEMENT_REQUIRED

STAGE_URL = "interactions:stage"


def post(client, name, interaction, data, htmx=True):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(reverse(name, args=[interaction.pk]), data, **headers)


def test_an_advisor_runs_a_walk_in_from_greet_to_closed_in_the_browser(
    browser_as, advisor, walk_in
):
    client = browser_as(advisor)
    page = client.get(reverse("interactions:detail", args=[walk_in.pk])).content.decode()
    assert 'id="cycle"' in page and 'id="coaching"' in page
    steps = [
        {"wait_seconds": "20", "cue_in_a_hurry": "on"},
        {"need_in_customer_words": "It squeals", "restatement": "Squeal", "main_concern": "time"},
        {"agreed_work": "Pads", "estimate": "480", "customer_agreed": "on"},
        {"delivered_summary": "Pads replaced", "information_given": "Rotors fine"},
    ]
    for fields in steps:
        walk_in.refresh_from_db()
        answer = post(
            client, STAGE_URL, walk_in, {**fields, "version": walk_in.version, "then": "advance"}
        )
        assert answer.status_code == 200, answer.content.decode()[:2000]
        assert answer.content.decode().lstrip().startswith('<div id="cycle"')
    walk_in.refresh_from_db()
    assert walk_in.stage == "keep" and walk_in.customer_agreed and walk_in.cue_in_a_hurry
    post(
        client,
        STAGE_URL,
        walk_in,
        {"satisfaction": "5", "thanked": "on", "version": walk_in.version, "then": "save"},
    )
    walk_in.refresh_from_db()
    answer = post(
        client, "interactions:close", walk_in, {"outcome": "completed", "version": walk_in.version}
    )
    walk_in.refresh_from_db()
    assert answer.status_code == 200 and walk_in.stage == "closed"
    assert walk_in.outcome == "completed" and walk_in.satisfaction == 5


def test_leaving_confirm_without_agreement_shows_the_message_and_stays(
    browser_as, advisor, walk_in
):
    Interaction.objects.filter(pk=walk_in.pk).update(stage="confirm")
    answer = post(
        browser_as(advisor),
        STAGE_URL,
        walk_in,
        {"agreed_work": "Pads", "version": 1, "then": "advance"},
    )
    assert answer.status_code == 400
    body = answer.content.decode()
    assert escape(str(AGREEMENT_REQUIRED)) in body
    assert "Pads</textarea>" in body  # what was typed is still there
    walk_in.refresh_from_db()  # refused, "save and go on" saved nothing either
    assert walk_in.stage == "confirm" and walk_in.agreed_work == "" and walk_in.version == 1


def test_a_stale_form_is_refused(browser_as, advisor, walk_in):
    Interaction.objects.filter(pk=walk_in.pk).update(version=3)
    answer = post(
        browser_as(advisor),
        STAGE_URL,
        walk_in,
        {"greet_notes": "x", "wait_seconds": "0", "version": 1},
    )
    assert answer.status_code == 409
    walk_in.refresh_from_db()
    assert walk_in.greet_notes == ""


def test_an_early_close_needs_an_outcome(browser_as, advisor, walk_in):
    client = browser_as(advisor)
    assert post(client, "interactions:close", walk_in, {"version": 1}).status_code == 400
    answer = post(client, "interactions:close", walk_in, {"outcome": "booked", "version": 1})
    walk_in.refresh_from_db()
    assert answer.status_code == 200 and walk_in.outcome == "booked"


def test_the_coaching_follows_the_stage_and_language(browser_as, advisor, walk_in):
    client = browser_as(advisor)
    Interaction.objects.filter(pk=walk_in.pk).update(stage="know_need")
    body = client.get(reverse("interactions:detail", args=[walk_in.pk])).content.decode()
    assert "is it the time or the expense" in body.lower()
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    body = client.get(reverse("interactions:detail", args=[walk_in.pk])).content.decode()
    assert "您最在意的是时间还是费用" in body
    translation.activate("en")


def test_a_customer_in_a_hurry_gets_the_short_version(browser_as, advisor, walk_in):
    long_text = CoachingTip.objects.get(
        stage="greet", customer_type="any", language="en", kind="do", when="always"
    ).long_text
    client = browser_as(advisor)
    url = reverse("interactions:detail", args=[walk_in.pk])
    assert long_text in client.get(url).content.decode()
    Interaction.objects.filter(pk=walk_in.pk).update(cue_in_a_hurry=True)
    body = client.get(url).content.decode()
    assert long_text not in body and "In a hurry: skip the small talk" in body


def test_a_manager_edits_the_coaching_as_data(browser_as, advisor, walk_in):
    tip = CoachingTip.objects.get(
        stage="greet", customer_type="any", language="en", kind="say", when="always"
    )
    tip.short_text = "Say hello like you mean it."
    tip.save()
    body = browser_as(advisor).get(reverse("interactions:detail", args=[walk_in.pk]))
    assert "Say hello like you mean it." in body.content.decode()


def test_escalating_from_the_page(browser_as, advisor, manager, walk_in):
    client = browser_as(advisor)
    empty = client.post(
        reverse("interactions:escalate", args=[walk_in.pk]),
        {"kind": "unexpected_demand", "reason": ""},
    )
    assert empty.status_code == 400 and not Escalation.objects.exists()
    client.post(
        reverse("interactions:escalate", args=[walk_in.pk]),
        {"kind": "unexpected_demand", "reason": "Wants a loaner"},
    )
    assert Escalation.objects.get().assigned_to == manager


@pytest.mark.parametrize("name", ["detail", "stage", "close", "escalate", "identify", "learned"])
def test_another_shops_interaction_is_not_found(browser_as, advisor, theirs, name):
    client = browser_as(advisor)
    url = reverse(f"interactions:{name}", args=[theirs.pk])
    answer = client.get(url) if name == "detail" else client.post(url, {"version": 1})
    assert answer.status_code == 404
    theirs.refresh_from_db()
    assert theirs.version == 1


def test_the_learned_form_updates_the_profile(browser_as, advisor, walk_in, customer):
    browser_as(advisor).post(
        reverse("interactions:learned", args=[walk_in.pk]),
        {"customer_type": "detail_minded", "wants_loaner": "on"},
    )
    customer.refresh_from_db()
    assert customer.customer_type == "detail_minded" and customer.wants_loaner


def test_the_learned_form_with_nothing_chosen_says_so(browser_as, advisor, walk_in, customer):
    answer = browser_as(advisor).post(reverse("interactions:learned", args=[walk_in.pk]), {})
    assert answer.status_code == 400
    assert escape(str(NOTHING_LEARNED)) in answer.content.decode()
    assert not customer.history.filter(history_type="~").exists()


def test_a_refused_learned_form_is_shown_with_what_was_chosen(
    browser_as, advisor, walk_in, customer
):
    """It used to redirect: the refusal was not shown, and the ticks were lost."""
    answer = browser_as(advisor).post(
        reverse("interactions:learned", args=[walk_in.pk]),
        {"customer_type": "vip", "wants_loaner": "on"},
    )
    html = answer.content.decode()
    assert answer.status_code == 400
    assert "Select a valid choice." in html
    assert re.search(r'<input[^>]*name="wants_loaner"[^>]*checked', html)
    customer.refresh_from_db()
    assert not customer.wants_loaner


def test_who_the_customer_is_still_saves_after_the_cycle_moved_on(
    browser_as, advisor, walk_in, customer
):
    """The htmx answer carries the new version to the "who" form, which is outside the swap."""
    client = browser_as(advisor)
    client.get(reverse("interactions:detail", args=[walk_in.pk]))
    answer = post(
        client, STAGE_URL, walk_in, {"wait_seconds": "0", "version": 1, "then": "advance"}
    )
    walk_in.refresh_from_db()
    assert walk_in.version > 1
    assert (
        f'id="interaction-version" value="{walk_in.version}" hx-swap-oob="true"'
        in answer.content.decode()
    )
    saved = client.post(
        reverse("interactions:identify", args=[walk_in.pk]),
        {"customer": customer.pk, "version": walk_in.version},
    )
    assert saved.status_code == 302


def test_a_save_in_place_says_saved_there_not_on_the_next_page(browser_as, advisor, walk_in):
    client = browser_as(advisor)
    answer = post(client, STAGE_URL, walk_in, {"wait_seconds": "5", "version": 1, "then": "save"})
    assert 'role="status">Saved.</div>' in answer.content.decode()
    later = client.get(reverse("interactions:desk")).content.decode()
    assert "Saved." not in later


def test_closing_in_place_reloads_the_page_without_its_forms(browser_as, advisor, walk_in):
    client = browser_as(advisor)
    answer = post(client, "interactions:close", walk_in, {"outcome": "booked", "version": 1})
    assert answer.status_code == 200 and answer.headers["HX-Refresh"] == "true"
    page = client.get(reverse("interactions:detail", args=[walk_in.pk])).content.decode()
    assert "A closed interaction can no longer be changed" in page
    assert "Escalate to the manager on duty" not in page  # not even an empty card
    assert reverse("interactions:escalate", args=[walk_in.pk]) not in page
    assert reverse("interactions:identify", args=[walk_in.pk]) not in page


def test_the_header_follows_a_save_in_place(browser_as, advisor, walk_in):
    """The cycle card is swapped in place; the header above it (stage, time, the customer's
    main concern, the work order) comes along out of band instead of going stale."""
    Interaction.objects.filter(pk=walk_in.pk).update(stage="know_need")
    answer = post(
        browser_as(advisor),
        STAGE_URL,
        walk_in,
        {
            "need_in_customer_words": "It squeals",
            "main_concern": "expense",
            "version": 1,
            "then": "advance",
        },
    )
    body = answer.content.decode()
    header = body[body.index('<header id="interaction-header" hx-swap-oob="true">') :]
    header = header[: header.index("</header>")]
    assert "At Confirm" in header
    assert "What concerns them most: Expense" in " ".join(header.split())
    assert "Time with the customer" in header

"""The interaction page's refusals, as an advisor meets them on the counter tablet or a phone:
a refused "Save and go on" says why where the problem is, keeps what was typed, and the
corrected submit goes through without a reload (issue 12.1) — in English and in Chinese."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from interactions.models import Interaction, Stage
from interactions.stages import NEED_IN_WORDS_REQUIRED, SATISFACTION_REQUIRED
from tests.interactions.factories import InteractionFactory
from tests.vehicles.factories import CustomerFactory

from .conftest import PHONE, TABLET, fits_the_screen, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = {
    "tablet-en": (TABLET, "en"),
    "tablet-zh": (TABLET, "zh-hans"),
    "phone-en": (PHONE, "en"),
    "phone-zh": (PHONE, "zh-hans"),
}


def switch_language(page, language: str) -> None:
    """The top bar's switcher, as a person uses it (the login page is in English)."""
    if language != "en":
        page.get_by_label("Language").select_option(language)
    expect(page.locator("html")).to_have_attribute("lang", language)


def said(message, language: str) -> str:
    with translation.override(language):
        return str(message)


def go_on(page):
    page.locator("#stage-form button[name=then][value=advance]").click()


def stage_is(page, stage: str):
    expect(page.locator("#interaction-header #interaction-status")).to_contain_text(stage)


@pytest.mark.parametrize("screen", list(SCREENS))
def test_a_refused_submit_says_why_keeps_the_typing_and_the_fix_goes_through(
    open_as, advisor, shop, screen
):
    viewport, language = SCREENS[screen]
    interaction = InteractionFactory(
        customer=CustomerFactory(shop=shop, name="Mrs Zhou"), advisor=advisor, stage="know_need"
    )
    page = open_as(advisor, viewport=viewport)
    page.goto(f"/interactions/{interaction.pk}/")
    switch_language(page, language)
    page.evaluate("window.sdNoReload = true")  # gone if the page reloads

    # Know the need: the restatement typed, the need left empty.
    page.locator("#id_restatement").fill("A squeal from the brakes when stopping")
    go_on(page)
    error = page.locator("#error_1_id_need_in_customer_words")
    expect(error).to_have_text(said(NEED_IN_WORDS_REQUIRED, language))
    expect(error).to_be_visible()
    expect(page.locator("#id_restatement")).to_have_value("A squeal from the brakes when stopping")
    expect(page.locator("#cycle [role=status]")).to_have_count(0)  # no stale "Saved."
    fits_the_screen(page)
    screenshot(page, f"interaction-refused-{screen}")

    # Corrected, the same page goes on: the form carried the current version.
    page.locator("#id_need_in_customer_words").fill("The brakes squeal at lights")
    go_on(page)
    with translation.override(language):
        stage_is(page, str(Stage.CONFIRM.label))

    # Confirm: a negative estimate is refused under the estimate; the agreed work stays.
    page.locator("#id_agreed_work").fill("Inspect and clean the front brakes")
    page.locator("#id_estimate").fill("-5")
    page.locator("#id_customer_agreed").check()
    go_on(page)
    expect(page.locator("#error_1_id_estimate")).to_be_visible()
    expect(page.locator("#id_agreed_work")).to_have_value("Inspect and clean the front brakes")
    page.locator("#id_estimate").fill("280")
    go_on(page)
    with translation.override(language):
        stage_is(page, str(Stage.HELP.label))
    go_on(page)
    with translation.override(language):
        stage_is(page, str(Stage.KEEP.label))

    # Keep: closing without a score asks for it under the score; the words stay.
    page.locator("#id_satisfaction_words").fill("Quick and clear")
    go_on(page)
    expect(page.locator("#error_1_id_satisfaction")).to_have_text(
        said(SATISFACTION_REQUIRED, language)
    )
    expect(page.locator("#id_satisfaction_words")).to_have_value("Quick and clear")
    page.locator("#id_satisfaction_4").check()
    assert page.evaluate("window.sdNoReload") is True  # every step so far without a reload
    go_on(page)
    expect(page.locator("#interaction-status")).to_contain_text(said(Stage.CLOSED.label, language))

    interaction.refresh_from_db()
    assert (interaction.stage, interaction.outcome, interaction.satisfaction) == (
        "closed",
        "completed",
        4,
    )
    assert interaction.estimate == 280
    assert interaction.restatement == "A squeal from the brakes when stopping"


def test_a_stale_page_says_so_and_the_next_submit_goes_through(open_as, advisor, shop):
    interaction = InteractionFactory(
        customer=CustomerFactory(shop=shop, name="Mrs Zhou"), advisor=advisor
    )
    page = open_as(advisor, viewport=TABLET)
    page.goto(f"/interactions/{interaction.pk}/")
    Interaction.objects.filter(pk=interaction.pk).update(version=5)  # saved on another tablet
    page.locator("#id_greet_notes").fill("Keys in hand")
    page.locator("#stage-form button[name=then][value=save]").click()
    expect(page.locator("#stage-form .alert-danger")).to_contain_text("Someone else changed")
    expect(page.locator("#id_greet_notes")).to_have_value("Keys in hand")
    page.locator("#stage-form button[name=then][value=save]").click()
    expect(page.locator("#cycle [role=status]")).to_have_text("Saved.")
    interaction.refresh_from_db()
    assert interaction.greet_notes == "Keys in hand" and interaction.version == 6

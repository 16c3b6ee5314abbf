"""Nothing the advisor typed on the interaction page is lost (issue 12): escalating, choosing
who the customer is and adding a new customer are done in place, so what was typed in the
stage form and not yet saved stays as typed — through their refusals too, which say why and
keep what was typed in both forms — and the stage form's save then goes through, its version
refreshed. A full page load (the other cards' forms, the language switcher, a reload) puts
back what was typed (static/js/draft.js). On the counter tablet and a phone, in English and
in Chinese."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from interactions.forms import VEHICLE_NEEDS
from interactions.models import Escalation, Interaction
from interactions.services import NOT_SATISFIED_ONLY_AT_KEEP, STALE_COPY
from tests.interactions.factories import InteractionFactory
from tests.vehicles.factories import CustomerFactory, VehicleFactory, valid_vin

from .conftest import PHONE, TABLET, fits_the_screen, pick, screenshot
from .test_interaction_errors import switch_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = {
    "tablet-en": (TABLET, "en"),
    "tablet-zh": (TABLET, "zh-hans"),
    "phone-en": (PHONE, "en"),
    "phone-zh": (PHONE, "zh-hans"),
}
RESTATEMENT = "A squeal from the front brakes when stopping at lights"
NEED = "刹车的时候前轮吱吱响"


def t(message, language: str) -> str:
    with translation.override(language):
        return str(translation.gettext(message) if isinstance(message, str) else message)


def walk_in(shop, advisor) -> Interaction:
    """At "know the need", nobody chosen yet."""
    return InteractionFactory(customer=None, shop=shop, advisor=advisor, stage="know_need")


def open_page(open_as, advisor, interaction, screen):
    viewport, language = SCREENS[screen]
    page = open_as(advisor, viewport=viewport)
    page.goto(f"/interactions/{interaction.pk}/")
    switch_language(page, language)
    page.evaluate("window.sdNoReload = true")  # gone if the page reloads
    return page, language


def type_the_need(page) -> None:
    page.locator("#id_restatement").fill(RESTATEMENT)
    page.locator("#id_need_in_customer_words").fill(NEED)


def still_typed(page) -> None:
    expect(page.locator("#id_restatement")).to_have_value(RESTATEMENT)
    expect(page.locator("#id_need_in_customer_words")).to_have_value(NEED)
    assert page.evaluate("window.sdNoReload") is True, "the page reloaded"


def save_goes_through(page, interaction, language) -> Interaction:
    page.locator("#stage-form button[name=then][value=save]").click()
    expect(page.locator("#cycle [role=status]")).to_have_text(t("Saved.", language))
    interaction.refresh_from_db()
    assert interaction.restatement == RESTATEMENT
    assert interaction.need_in_customer_words == NEED
    return interaction


@pytest.mark.parametrize("screen", list(SCREENS))
def test_escalating_and_choosing_the_customer_keep_the_stage_form_typing(
    open_as, advisor, shop, screen
):
    owner = CustomerFactory(shop=shop, name="Mrs Zhou")
    VehicleFactory(shop=shop, user=advisor, owner=owner, plate="京A54321")
    interaction = walk_in(shop, advisor)
    page, language = open_page(open_as, advisor, interaction, screen)
    type_the_need(page)

    # Escalate, refused: "not satisfied" is for the keep stage. Why is said in the card; the
    # reason typed and the stage form's typing stay.
    escalate = page.locator("#escalate-form")
    escalate.locator("[name=kind]").select_option("not_satisfied")
    escalate.locator("[name=reason]").fill("Wants a loaner for the week")
    escalate.get_by_role("button").click()
    expect(page.locator("#escalation-card")).to_contain_text(
        t(NOT_SATISFIED_ONLY_AT_KEEP, language)
    )
    expect(page.locator("#escalate-form [name=reason]")).to_have_value(
        "Wants a loaner for the week"
    )
    still_typed(page)
    assert not Escalation.objects.exists()
    screenshot(page, f"in-place-escalate-refused-{screen}")

    # Corrected, it escalates in place.
    page.locator("#escalate-form [name=kind]").select_option("unexpected_demand")
    page.locator("#escalate-form").get_by_role("button").click()
    expect(page.locator("#escalation-card [role=status]")).to_have_text(
        t("Escalated. The manager on duty has been notified.", language)
    )
    expect(page.locator("#escalation-card")).to_contain_text("Wants a loaner for the week")
    expect(page.locator("#escalate-form [name=reason]")).to_have_value("")
    still_typed(page)
    assert Escalation.objects.get().reason == "Wants a loaner for the week"

    # Who the customer is, refused: saved on another screen meanwhile. Why is said, the
    # choice stays, the stage form's typing too.
    Interaction.objects.filter(pk=interaction.pk).update(version=7)
    pick(page, page.locator("#identify_customer_search"), "Zhou", "Mrs Zhou")
    page.locator("#identify-form").get_by_role("button").click()
    expect(page.locator("#identity-card .alert-danger")).to_contain_text(t(STALE_COPY, language))
    expect(page.locator("#identify_customer_search")).to_have_value("Mrs Zhou")
    still_typed(page)

    # Again (the form now carries the current version): in place, the header follows.
    expect(page.locator("#identify_version")).to_have_value("7")
    pick(page, page.locator("#identify_vehicle_search"), "54321", "京A54321 · Volkswagen Lavida")
    page.locator("#identify-form").get_by_role("button").click()
    expect(page.locator("#identity-card [role=status]")).to_have_text(t("Saved.", language))
    expect(page.locator("#interaction-header h1")).to_contain_text("Mrs Zhou")
    expect(page.locator("#interaction-header")).to_contain_text("京A54321")
    expect(page.locator("#customer-cards")).to_contain_text(t("Log a contact", language))
    still_typed(page)
    fits_the_screen(page)
    screenshot(page, f"in-place-identified-{screen}")

    # The stage form saves: its version was refreshed in place, as every other form's.
    expect(page.locator("#interaction-version")).to_have_value("8")
    for form in ("#stage-form", "#identify-form"):
        expect(page.locator(f"{form} [name=version]")).to_have_value("8")
    interaction = save_goes_through(page, interaction, language)
    assert interaction.customer == owner and interaction.version == 9
    still_typed(page)


@pytest.mark.parametrize("screen", list(SCREENS))
def test_adding_a_new_customer_keeps_the_stage_form_typing(open_as, advisor, shop, screen):
    interaction = walk_in(shop, advisor)
    page, language = open_page(open_as, advisor, interaction, screen)
    type_the_need(page)

    # A car half given is refused: why is said, the new customer's fields and the stage
    # form's typing stay.
    page.locator("#new-customer summary").click()
    page.locator("#id_new-name").fill("Lin Xiaoyu")
    page.locator("#id_new-phone").fill("13912345678")
    page.locator("#id_new-make").fill("BYD")
    add = page.get_by_role("button", name=t("Add the customer to this interaction", language))
    add.click()
    expect(page.locator("#identity-card")).to_contain_text(t(VEHICLE_NEEDS, language))
    expect(page.locator("#id_new-name")).to_have_value("Lin Xiaoyu")
    expect(page.locator("#id_new-make")).to_have_value("BYD")
    still_typed(page)
    screenshot(page, f"in-place-new-customer-refused-{screen}")

    page.locator("#id_new-vin").fill(valid_vin())
    page.locator("#id_new-model").fill("Qin")
    page.locator("#id_new-plate").fill("沪B12345")
    add.click()
    expect(page.locator("#identity-card [role=status]")).to_have_text(
        t("Customer added to this interaction.", language)
    )
    expect(page.locator("#interaction-header h1")).to_contain_text("Lin Xiaoyu")
    expect(page.locator("#interaction-header")).to_contain_text("沪B12345")
    expect(page.locator("#new-customer")).to_have_count(0)
    still_typed(page)
    fits_the_screen(page)
    screenshot(page, f"in-place-new-customer-{screen}")

    interaction = save_goes_through(page, interaction, language)
    assert interaction.customer.name == "Lin Xiaoyu" and interaction.vehicle.make == "BYD"


@pytest.mark.parametrize("screen", ["tablet-en", "phone-zh"])
def test_a_full_page_load_puts_back_what_was_typed_until_it_is_saved(
    open_as, advisor, shop, screen
):
    owner = CustomerFactory(shop=shop, name="Mrs Zhou")
    interaction = InteractionFactory(customer=owner, advisor=advisor, stage="know_need")
    page, language = open_page(open_as, advisor, interaction, screen)
    type_the_need(page)

    # "Update the profile" posts the whole page and comes back to it (with something learned:
    # nothing chosen is refused).
    learned = page.locator("form[action$='/learned/']")
    learned.locator("[name=main_concern]").select_option("expense")
    learned.locator("button").click()
    expect(page.get_by_text(t("The customer's profile is updated.", language))).to_be_visible()
    assert page.evaluate("window.sdNoReload") is None  # a new page indeed
    expect(page.locator("#id_restatement")).to_have_value(RESTATEMENT)
    expect(page.locator("#id_need_in_customer_words")).to_have_value(NEED)
    expect(page.locator("#draft-kept")).to_have_count(0)
    screenshot(page, f"draft-restored-{screen}")

    # Saved, the draft is gone: the next load shows what was saved, nothing put back over it.
    page.evaluate("window.sdNoReload = true")
    save_goes_through(page, interaction, language)
    Interaction.objects.filter(pk=interaction.pk).update(restatement="Changed elsewhere")
    page.reload()
    expect(page.locator("#id_restatement")).to_have_value("Changed elsewhere")

    # Typed over a value another screen then changes: the other screen's value stays, what
    # was typed is shown above the form.
    page.locator("#id_restatement").fill("Squeal, and a pull to the left")
    Interaction.objects.filter(pk=interaction.pk).update(restatement="Changed once more")
    page.reload()
    expect(page.locator("#id_restatement")).to_have_value("Changed once more")
    expect(page.locator("#draft-kept")).to_contain_text("Squeal, and a pull to the left")
    fits_the_screen(page)
    screenshot(page, f"draft-kept-aside-{screen}")

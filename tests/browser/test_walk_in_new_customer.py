"""A walk-in not on file (issue 12.9), as the advisor meets it at the counter: "New walk-in"
records nothing until the first submit; the customer search finds nobody and offers "New
customer (and vehicle)" right there; the interaction comes back with them attached."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from interactions.models import Interaction
from tests.vehicles.factories import valid_vin

from .conftest import PHONE, TABLET, fits_the_screen, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = {
    "tablet-en": (TABLET, "en"),
    "tablet-zh": (TABLET, "zh-hans"),
    "phone-en": (PHONE, "en"),
    "phone-zh": (PHONE, "zh-hans"),
}


def t(msgid: str, language: str) -> str:
    with translation.override(language):
        return translation.gettext(msgid)


@pytest.mark.parametrize("screen", list(SCREENS))
def test_a_walk_in_not_on_file_is_added_without_leaving_the_interaction(
    open_as, advisor, shop, screen
):
    viewport, language = SCREENS[screen]
    page = open_as(advisor, viewport=viewport)
    page.goto("/desk/")
    if language != "en":
        page.get_by_label("Language").select_option(language)
    expect(page.locator("html")).to_have_attribute("lang", language)

    page.get_by_role("button", name=t("New walk-in", language)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        t("Walk-in, not yet known", language)
    )
    assert not Interaction.objects.exists()  # an untouched page records nothing

    # The search finds nobody: the offer to add them is right there, with what was typed.
    page.locator("#id_customer_search").fill("Lin Xiaoyu")
    page.get_by_role("button", name=t("New customer (and vehicle)", language)).first.click()
    expect(page.locator("#id_new-name")).to_have_value("Lin Xiaoyu")
    page.locator("#id_new-phone").fill("13912345678")
    page.locator("#id_new-vin").fill(valid_vin())
    page.locator("#id_new-make").fill("BYD")
    page.locator("#id_new-model").fill("Qin")
    page.locator("#id_new-plate").fill("沪B12345")
    page.locator("#id_greet_notes").fill("First visit, looks unsure")
    fits_the_screen(page)
    screenshot(page, f"walk-in-new-customer-form-{screen}")
    page.get_by_role("button", name=t("Add the customer to this interaction", language)).click()

    # Back in the interaction, with her and her car.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lin Xiaoyu")
    expect(page.locator("#interaction-header")).to_contain_text("沪B12345")
    expect(page.get_by_text(t("Customer added to this interaction.", language))).to_be_visible()
    fits_the_screen(page)
    screenshot(page, f"walk-in-new-customer-{screen}")
    interaction = Interaction.objects.get()
    assert interaction.customer.name == "Lin Xiaoyu" and interaction.vehicle.make == "BYD"
    assert interaction.greet_notes == "First visit, looks unsure"
    assert interaction.stage == "greet"

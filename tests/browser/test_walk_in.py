"""Journey 1: an advisor runs a walk-in from greet to keep at the counter tablet."""

import re

import pytest
from playwright.sync_api import expect

from interactions.models import Interaction, Stage
from tests.vehicles.factories import CustomerFactory

from .conftest import TABLET, fits_the_screen, menu, pick, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def go_on(page, to_stage: str):
    page.get_by_role("button", name="Save and go on").click()
    expect(page.locator("#cycle [aria-current=step]")).to_contain_text(to_stage)
    fits_the_screen(page)


def test_an_advisor_runs_a_walk_in_from_greet_to_keep(open_as, advisor, shop):
    CustomerFactory(shop=shop, name="Mrs Zhou")
    page = open_as(advisor, viewport=TABLET)

    # The advisor lands on their desk; at tablet width it stays in the top bar, no menu button.
    expect(page).to_have_url(re.compile("/desk/$"))
    expect(page.get_by_role("button", name="Toggle navigation")).to_be_hidden()
    menu(page, "My desk")
    fits_the_screen(page)
    page.get_by_role("button", name="New walk-in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Walk-in, not yet known")

    # Greet: the customer looks in a hurry; coaching turns short.
    expect(page.locator("#cycle [aria-current=step]")).to_contain_text("Greet")
    page.get_by_label("Wait before greeting (seconds)").fill("20")
    page.get_by_label("In a hurry").check()
    page.get_by_label("First impressions").fill("Keys in hand, checking the time")
    go_on(page, "Know the need")

    # Who the customer is, completed while the cycle runs.
    pick(page, page.get_by_label("Customer", exact=True), "Zhou", "Mrs Zhou")
    page.get_by_role("button", name="Save", exact=True).last.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mrs Zhou")

    # Know the need: in her words, restated.
    page.get_by_label("The need, in the customer's words").fill(
        "The brakes squeal when I stop at lights"
    )
    page.get_by_label("The advisor's restatement").fill(
        "A squeal from the brakes when stopping; you need the car back today"
    )
    go_on(page, "Confirm")

    # Confirm: the agreed work, an estimate, her agreement.
    page.get_by_label("Agreed work").fill("Inspect and clean the front brakes")
    page.get_by_label("What we cannot do").fill("Replace pads today without her approval")
    page.get_by_label("Estimate").fill("280")
    page.get_by_label("Customer agreed").check()
    go_on(page, "Help")

    # Help: what was delivered and said.
    page.get_by_label("What was delivered").fill("Cleaned the calipers, pads have 6 mm left")
    page.get_by_label("Information given").fill("Pads will need replacing in about 8,000 km")
    go_on(page, "Keep")

    # Keep: satisfied, thanked, invited back; the cycle closes completed.
    page.get_by_label("5", exact=True).check()
    page.get_by_label("In the customer's words").fill("Quick and clear, thank you")
    page.get_by_label("Thanked the customer").check()
    page.get_by_label("Invited them back").check()
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator("#cycle").get_by_role("status")).to_have_text("Saved.")
    page.get_by_role("button", name="Close: cycle completed").click()
    expect(page.locator("#cycle")).to_contain_text("A closed interaction can no longer be changed")
    expect(page.locator("#cycle")).to_contain_text("5/5")
    # The page reloaded: nothing left to fill in for a closed interaction.
    expect(page.get_by_role("button", name="Escalate")).to_have_count(0)
    expect(page.get_by_text("Who the customer is")).to_have_count(0)
    screenshot(page, "walk-in")

    interaction = Interaction.objects.get()
    assert interaction.stage == Stage.CLOSED
    assert interaction.outcome == "completed"
    assert interaction.customer.name == "Mrs Zhou"
    assert interaction.satisfaction == 5
    assert interaction.customer_agreed
    assert all(
        getattr(interaction, f)
        for f in ("greet_at", "know_need_at", "confirm_at", "help_at", "keep_at", "closed_at")
    )

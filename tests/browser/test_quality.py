"""The quality page and the group dashboard as people use them, on the counter tablet and a
phone, in English and Chinese: from the top bar to the charts, a refused period that says why
and keeps what was typed, the corrected one, and a bar opened to the complaints behind it; the
group manager from the comparison of the shops into one shop's quality page."""

import re

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from reports.forms import FROM_AFTER_TO
from servicedesk.accounts.models import GroupMembership, GroupRole, ShopGroup
from tests.factories import UserFactory
from tests.reliability import scenario

from .conftest import PHONE, TABLET, fits_the_screen, menu, screenshot
from .test_complaint import switch_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = {"tablet": TABLET, "phone": PHONE}


def _t(msgid: str, language: str) -> str:
    with translation.override(language):
        return str(translation.gettext(msgid))


@pytest.fixture
def world(shop):
    people = scenario.people(shop, "qa")
    return people, scenario.build(shop, people)


def _refuse_then_correct(page, language: str, refusal: str, button: str) -> None:
    """The end before the start: refused, the reason under the field, both dates kept; then
    the year so far, which goes through."""
    today = timezone.localdate()
    start, late = f"{today.year}-01-01", f"{today.year}-01-31"
    page.locator("#id_from").fill(late)
    page.locator("#id_to").fill(start)
    page.get_by_role("button", name=_t(button, language), exact=True).click()
    expect(page.locator(".invalid-feedback").first).to_contain_text(_t(refusal, language))
    expect(page.locator("#id_from")).to_have_value(late)
    expect(page.locator("#id_to")).to_have_value(start)
    page.locator("#id_from").fill(start)
    page.locator("#id_to").fill(today.isoformat())
    page.get_by_role("button", name=_t(button, language), exact=True).click()
    expect(page.locator(".invalid-feedback")).to_have_count(0)


@pytest.mark.parametrize(("screen", "language"), [("tablet", "en"), ("phone", "zh-hans")])
def test_the_quality_page_from_the_top_bar_to_the_complaints_behind_a_bar(
    open_as, world, screen, language
):
    people, ids = world
    page = open_as(people["manager"], viewport=SCREENS[screen])
    switch_language(page, language)
    menu(page, _t("Quality", language))
    expect(page.locator("svg.pareto").first).to_be_visible()
    fits_the_screen(page)

    _refuse_then_correct(page, language, FROM_AFTER_TO, "Show")
    expect(page.locator("svg.pareto").first).to_be_visible()
    screenshot(page, f"quality-{language}-{screen}")
    fits_the_screen(page)

    # The first bar of the first Pareto opens its complaints, each a link to its page.
    with page.expect_navigation():
        page.locator("svg.pareto a").first.click()
    rows = page.locator("table tbody tr")
    expect(rows.first).to_be_visible()
    assert "/reports/quality/complaints/" in page.url
    expect(rows.first.get_by_role("link").first).to_have_attribute(
        "href", re.compile(r"^/complaints/\d+/$")
    )
    fits_the_screen(page)


@pytest.mark.parametrize(("screen", "language"), [("tablet", "zh-hans"), ("phone", "en")])
def test_the_group_manager_compares_the_shops_and_opens_one(
    open_as, world, shop, other_shop, screen, language
):
    people, ids = world
    dealer = ShopGroup.objects.create(name="Dealer", code="dealer")
    dealer.shops.set([shop, other_shop])
    boss = UserFactory(username="dealer-boss")
    GroupMembership.objects.create(user=boss, group=dealer, role=GroupRole.GROUP_MANAGER)

    page = open_as(boss, viewport=SCREENS[screen])
    switch_language(page, language)
    page.goto(f"/reports/group/{dealer.pk}/")
    table = page.locator(".sd-group-table table")
    expect(table).to_be_visible()
    expect(table).to_contain_text(_t("Corrective actions on time (%)", language))
    fits_the_screen(page)

    _refuse_then_correct(page, language, FROM_AFTER_TO, "Show")
    expect(table).to_be_visible()
    screenshot(page, f"group-{language}-{screen}")
    fits_the_screen(page)

    # Into one shop: its quality page for the same period, read-only (no complaint links).
    with page.expect_navigation():
        table.get_by_role("link", name=_t("Quality", language), exact=True).first.click()
    expect(page.locator("svg.pareto").first).to_be_visible()
    fits_the_screen(page)
    with page.expect_navigation():
        page.locator("svg.pareto a").first.click()
    expect(page.locator("table tbody tr").first).to_be_visible()
    expect(page.locator("table tbody a[href^='/complaints/']")).to_have_count(0)

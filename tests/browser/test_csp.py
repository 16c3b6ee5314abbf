"""The Content-Security-Policy allows no inline script: every key page loads without the browser
refusing anything, and what the pages' scripts do still works — the top bar's language switch,
the print buttons, a search picker, the signature pads, the report's charts, Swagger UI and the
admin. Any refusal fails the test through ``open_as`` (tests/browser/conftest.py)."""

import pytest
from playwright.sync_api import expect

from servicedesk.accounts.services import api_token_create
from tests.factories import UserFactory
from tests.reliability import scenario

from .conftest import PHONE, TABLET, fits_the_screen, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(shop):
    people = scenario.people(shop, "csp")
    return people, scenario.build(shop, people)


def _key_pages(ids: dict) -> list[str]:
    return [
        "/",
        "/account/",
        "/customers/",
        f"/customers/{ids['customer']}/",
        f"/vehicles/{ids['vehicle']}/",
        "/work-orders/",
        f"/work-orders/{ids['wo_open']}/",
        f"/inspections/{ids['inspection']}/",
        f"/invoices/{ids['invoice']}/",
        "/desk/",
        f"/interactions/{ids['interaction']}/",
        "/complaints/",
        "/complaints/new/",
        f"/complaints/{ids['complaint']}/",
        f"/complaints/{ids['complaint_agreed']}/confirm/",
        f"/complaints/{ids['complaint']}/report/",
        "/complaints/approvals/",
        "/reports/",
        f"/reports/annual-satisfaction/{ids['year']}/?shop={ids['shop']}",
        "/notifications/",
    ]


def test_the_key_pages_run_under_the_policy(open_as, world):
    people, ids = world
    manager = people["manager"]
    api_token_create(user=manager, name="Power BI")
    page = open_as(manager)
    response = page.goto("/")
    directives = dict(
        part.strip().split(" ", 1)
        for part in response.headers["content-security-policy"].split(";")
    )
    assert directives["script-src"] == "'self'"
    for path in _key_pages(ids):
        response = page.goto(path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")

    # The report's charts are drawn by Chart.js from a static file.
    page.goto(f"/reports/annual-satisfaction/{ids['year']}/?shop={ids['shop']}")
    # The print buttons are wired by static/js/servicedesk.js (no onclick attribute).
    page.evaluate("window.print = () => { window.printed = true }")
    page.locator("[data-print]").first.click()
    assert page.evaluate("window.printed") is True

    # A search picker sends its query (htmx:configRequest in picker.js, not hx-vals="js:…").
    page.goto("/complaints/new/")
    box = page.locator("[data-picker-input]").first
    box.fill("Customer")
    expect(page.locator(".sd-picker-option").first).to_be_visible()

    # The account page lists the token and revokes it.
    page.goto("/account/")
    expect(page.locator("#token-list")).to_contain_text("Power BI")
    screenshot(page, "account-tokens-en")
    page.locator("#token-list li", has_text="Power BI").get_by_role("button").click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("#token-list")).not_to_contain_text("Power BI")

    # The language switcher submits itself on change (data-autosubmit).
    page.get_by_label("Language", exact=True).select_option("zh-hans")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")


def test_swagger_ui_and_the_admin_run_under_the_policy(open_as, db):
    admin = UserFactory(username="csp-admin", is_staff=True, is_superuser=True)
    page = open_as(admin)
    page.goto("/api/docs/")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    page.goto("/admin/")
    expect(page.locator("#content")).to_be_visible()
    page.goto("/admin/accounts/apitoken/")
    expect(page.locator("#content")).to_be_visible()


@pytest.mark.parametrize("viewport", [TABLET, PHONE], ids=["tablet", "phone"])
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_account_page_on_a_tablet_and_a_phone(open_as, reporting, viewport, language):
    api_token_create(user=reporting, name="Power BI")
    api_token_create(user=reporting, name="nightly export")
    page = open_as(reporting, viewport=viewport)
    if language != "en":
        page.get_by_label("Language").select_option(language)
        expect(page.locator("html")).to_have_attribute("lang", language)
    page.goto("/account/")
    expect(page.locator("#token-list li")).to_have_count(2)
    screenshot(page, f"account-{language}-{viewport['width']}")
    fits_the_screen(page)

"""An advisor who reads English, in a Chinese shop, on the shop's counter tablet and on a phone:
the site is English once they log in, whatever the browser asks for; they switch to Chinese, and
the choice is theirs, so it is Chinese again at their next log-in although the login page was
turned to English in between (the next person at the counter)."""

import pytest
from playwright.sync_api import expect

from servicedesk.accounts.models import Profile
from servicedesk.accounts.services import user_set_language

from .conftest import PHONE, TABLET, TIMEOUT_MS, fits_the_screen, open_the_bar, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, user, button: str) -> None:
    page.goto("/login/")
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill("pw")
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_url(lambda url: "/login/" not in url)


def log_out(page, button: str) -> None:
    open_the_bar(page)
    page.locator("#mainnav").get_by_role("button", name=button, exact=True).click()
    page.wait_for_url("**/login/")


def switch_to(page, language: str) -> None:
    page.locator("#language-select").select_option(language)
    expect(page.locator("html")).to_have_attribute("lang", language)


def stored(user) -> str:
    return Profile.objects.filter(user=user).values_list("language", flat=True).first() or ""


@pytest.mark.parametrize("viewport", [TABLET, PHONE], ids=["tablet", "phone"])
def test_the_advisors_own_language_follows_them_to_every_log_in(
    browser, live_server, shop, advisor, viewport
):
    assert shop.language == "zh-hans"
    user_set_language(user=advisor, language="en")
    name = "tablet" if viewport == TABLET else "phone"
    # The shop's tablet: a Chinese browser.
    context = browser.new_context(viewport=viewport, locale="zh-CN", base_url=live_server.url)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        page.goto("/login/")
        expect(page.locator("html")).to_have_attribute("lang", "zh-hans")

        log_in(page, advisor, "登录")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.locator("#language-select")).to_have_value("en")
        fits_the_screen(page)
        screenshot(page, f"user-language-{name}-1-english-after-log-in")

        switch_to(page, "zh-hans")
        assert stored(advisor) == "zh-hans"
        page.goto("/account/")
        expect(page.get_by_label("您的语言")).to_have_value("zh-hans")
        fits_the_screen(page)
        screenshot(page, f"user-language-{name}-2-chinese-account-page")

        log_out(page, "退出")
        switch_to(page, "en")  # the next person at the counter reads English
        expect(page.get_by_role("button", name="Log in", exact=True)).to_be_visible()
        assert stored(advisor) == "zh-hans"  # nobody was logged in: nothing stored

        log_in(page, advisor, "Log in")
        expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
        expect(page.locator("#language-select")).to_have_value("zh-hans")
        fits_the_screen(page)
        screenshot(page, f"user-language-{name}-3-chinese-at-next-log-in")
    except Exception:
        screenshot(page, f"FAILED-user-language-{name}")
        raise
    finally:
        context.close()

"""Canned replies in the browser, on the counter's tablet and on a phone, in English and in
Chinese: an advisor picks one on the communication log, sees it filled in for the customer in
the customer's language, edits it and saves it; a manager's reply with a placeholder that does
not exist is refused, says why, keeps what was typed, and goes through once corrected."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from interactions import services
from interactions.models import CannedReply, CommunicationLog
from interactions.services.canned_replies import PLACEHOLDERS
from tests.vehicles.factories import CustomerFactory, VehicleFactory, WorkOrderFactory

from .conftest import PHONE, TABLET, fits_the_screen, menu, screenshot
from .test_complaint import Labels, switch_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = {"tablet": TABLET, "phone": PHONE}
# The customer speaks the journey's language: the reply comes in it.
GREETING = {
    "en": "Dear Li Wei, your car ({number}) will be ready at ",
    "zh-hans": "Li Wei您好，您的车（{number}）预计",
}


@pytest.fixture
def reply(shop, manager):
    return services.canned_reply_create(
        user=manager,
        shop_pk=shop.pk,
        title="Car ready",
        text_zh="{customer_name}您好，您的车（{work_order_number}）预计{promised_at}完工。投诉编号：{complaint_number}",
        text_en=(
            "Dear {customer_name}, your car ({work_order_number}) will be ready at "
            "{promised_at}. Complaint: {complaint_number}"
        ),
    )


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_an_advisor_inserts_a_canned_reply_edits_it_and_logs_it(
    open_as, advisor, shop, reply, language, screen
):
    t = Labels(language)
    customer = CustomerFactory(shop=shop, name="Li Wei", preferred_language=language)
    wo = WorkOrderFactory(
        vehicle=VehicleFactory(owner=customer),
        advisor=advisor,
        promised_at=timezone.now() + timedelta(hours=3),
    )
    page = open_as(advisor, viewport=SCREENS[screen])
    switch_language(page, language)
    page.goto(f"/interactions/communications/new/?customer={customer.pk}&work_order={wo.pk}")
    fits_the_screen(page)

    page.get_by_label(t("Insert a canned reply")).select_option(label="Car ready")
    box = page.locator("textarea[name=summary]")
    expect(box).to_have_value(
        re.compile("^" + re.escape(GREETING[language].format(number=wo.number)))
    )
    # No complaint here: its number is left out, and the page says so.
    with translation.override(language):
        left_out = str(PLACEHOLDERS["complaint_number"])
    expect(page.locator("[data-canned-missing]")).to_contain_text(left_out)
    assert "{" not in box.input_value()

    box.press("End")
    box.type(" OK?")
    page.get_by_label(t("Direction")).select_option("outbound")
    screenshot(page, f"canned-reply-{language}-{screen}-1-inserted")
    page.get_by_role("button", name=t("Log"), exact=True).click()
    expect(page.get_by_text(t("Logged."))).to_be_visible()
    screenshot(page, f"canned-reply-{language}-{screen}-2-logged")

    entry = CommunicationLog.objects.get()
    assert entry.summary.startswith(GREETING[language].format(number=wo.number))
    assert entry.summary.endswith(" OK?")
    assert (entry.work_order, entry.direction) == (wo, "outbound")


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_manager_is_told_of_an_unknown_placeholder_and_keeps_the_text(
    open_as, manager, shop, language, screen
):
    t = Labels(language)
    page = open_as(manager, viewport=SCREENS[screen])
    switch_language(page, language)
    menu(page, t("Canned replies"))
    fits_the_screen(page)

    typed = "{客户}您好，您的车已完工。"
    page.locator("[name=title]").fill("Pick-up")
    page.locator("[name=text_zh]").fill(typed)
    page.get_by_role("button", name=t("Save the reply")).click()
    with translation.override(language):
        known = ", ".join(f"{{{n}}}" for n in PLACEHOLDERS)
        said = str(services.UNKNOWN_PLACEHOLDER) % {"name": "客户", "known": known}
    expect(page.get_by_text(said)).to_be_visible()
    expect(page.locator("[name=text_zh]")).to_have_value(typed)
    expect(page.locator("[name=title]")).to_have_value("Pick-up")
    assert not CannedReply.objects.exists()
    fits_the_screen(page)
    screenshot(page, f"canned-reply-{language}-{screen}-3-refused")

    page.locator("[name=text_zh]").fill("{customer_name}您好，您的车已完工。")
    page.get_by_role("button", name=t("Save the reply")).click()
    expect(page.locator("#canned-replies")).to_contain_text("Pick-up")
    screenshot(page, f"canned-reply-{language}-{screen}-4-saved")
    assert CannedReply.objects.get().text_zh == "{customer_name}您好，您的车已完工。"

"""Issue 15: the advisor sends the customer's link from the work order's page; the customer
opens it on a phone (390 × 844), sees where the car is and writes to the advisor, in their own
language; the advisor then sees when it was opened and what they wrote."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from interactions.models import CommunicationLog
from servicedesk.outbox.models import OutboundMessage
from tests.vehicles.factories import CustomerFactory, VehicleFactory, WorkOrderFactory

from .conftest import PHONE, TABLET, fits_the_screen, screenshot
from .test_complaint import switch_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "en": {
        "name": "Lin Hua",
        "progress": "Your car's progress",
        "current": "In progress",
        "message": "Write to your service advisor",
        "send": "Send message",
        "thanks": "your message was sent",
        "text": "Can you also check the wipers?",
    },
    "zh-hans": {
        "name": "周敏",
        "progress": "您的车辆进度",
        "current": "维修中",
        "message": "给您的服务顾问留言",
        "send": "发送留言",
        "thanks": "您的留言已发送给门店",
        "text": "请顺便检查一下雨刮器。",
    },
}


def _t(msgid: str, language: str) -> str:
    with translation.override(language):
        return gettext(msgid)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_advisor_sends_the_link_and_the_customer_follows_the_visit(
    open_as, shop, advisor, language
):
    words = WORDS[language]
    advisor.first_name, advisor.last_name = "Wei", "Zhang"
    advisor.save()
    customer = CustomerFactory(
        shop=shop, name=words["name"], preferred_language=language, phone="+8613800138000"
    )
    customer.preferred_channel = "sms"
    customer.save()
    visit = WorkOrderFactory(vehicle=VehicleFactory(owner=customer), advisor=advisor)
    visit.status = "in_progress"
    visit.promised_at = timezone.now() + timedelta(hours=4)
    visit.save()

    # The advisor reads the customer's language too: at the counter's tablet in English, on
    # their own phone in Chinese.
    desk = open_as(advisor, viewport=TABLET if language == "en" else PHONE)
    switch_language(desk, language)
    desk.goto(f"/work-orders/{visit.pk}/")
    panel = desk.locator("#customer-link")
    panel.get_by_label(_t("Channel", language)).select_option("sms")
    panel.get_by_role("button", name=_t("Send the link", language)).click()
    # The message up to the channels it names.
    sent = _t("The link was sent to the customer (%(channels)s).", language).split("%(")[0]
    expect(desk.get_by_role("status").or_(desk.locator(".alert-success")).first).to_contain_text(
        sent.rstrip(" (（")
    )
    expect(panel.locator("#customer-link-opened")).to_contain_text(_t("not opened yet", language))
    fits_the_screen(desk)
    url = panel.locator("#customer-link-url").input_value()
    path = re.search(r"/c/[\w-]+/", url).group(0)
    message = OutboundMessage.objects.get(kind="customer_link")
    assert message.channel == "sms" and path in message.body

    phone = open_as(None, viewport=PHONE, language=language)
    phone.goto(path)
    expect(phone.locator("html")).to_have_attribute("lang", language)
    expect(phone.locator("#portal-progress")).to_contain_text(words["progress"])
    expect(phone.locator('[aria-current="step"]')).to_contain_text(words["current"])
    expect(phone.locator("#portal-promised")).to_be_visible()
    expect(phone.locator("body")).not_to_contain_text("Zhang")
    fits_the_screen(phone)
    screenshot(phone, f"customer-link-status-{language}")

    phone.get_by_label(words["message"]).fill(words["text"])
    phone.get_by_role("button", name=words["send"]).click()
    expect(phone.locator("#portal-main")).to_contain_text(words["thanks"])
    fits_the_screen(phone)
    screenshot(phone, f"customer-link-message-{language}")
    assert CommunicationLog.objects.get().summary == words["text"]

    desk.reload()
    expect(panel.locator("#customer-link-opened")).not_to_contain_text(
        _t("not opened yet", language)
    )
    history = desk.locator("#work-order-history")
    expect(history).to_contain_text(_t("Link opened by the customer", language))
    expect(history).to_contain_text(words["text"])
    screenshot(desk, f"customer-link-advisor-{language}")

"""The bell and the notification list, as an advisor reads them on a counter tablet and on a
phone: what a job or a colleague working in the other language wrote reads in the advisor's
language."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from complaints import services
from complaints.tasks import escalate_overdue
from tests.complaints.factories import ComplaintFactory

from .conftest import PHONE, TABLET, fits_the_screen, open_the_bar, screenshot
from .test_complaint import switch_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAYS = {
    "en": ["Remedy approved: {number}", "Overdue: first response of complaint {number}"],
    "zh-hans": ["处理措施已批准：{number}", "已超时：投诉{number}的首次响应"],
}


@pytest.fixture
def told(advisor, manager, shop, time_machine):
    """A manager working in Chinese approves the advisor's discount; the overdue job, writing
    as the (Chinese) shop, tells the advisor the first response is late."""
    with translation.override("zh-hans"):
        complaint = ComplaintFactory(shop=shop, user=advisor, severity="critical")
        remedy = services.remedy_propose(
            complaint_pk=complaint.pk, user=advisor, kind="discount", amount="150"
        )
        services.remedy_decide(pk=remedy.pk, user=manager, approve=True)
    time_machine.move_to(complaint.first_response_due + timedelta(minutes=1), tick=True)
    assert escalate_overdue.delay().get() == 1
    time_machine.move_to(timezone.now() - timedelta(minutes=1), tick=True)
    return complaint


@pytest.mark.parametrize("viewport", [TABLET, PHONE], ids=["tablet", "phone"])
@pytest.mark.parametrize("language", list(SAYS))
def test_the_bell_leads_to_notifications_in_the_readers_language(
    open_as, advisor, told, language, viewport
):
    page = open_as(advisor, viewport=viewport)
    switch_language(page, language)
    open_the_bar(page)
    expect(page.locator("#bell-count")).to_have_text("2")
    page.locator("#bell").click()
    for words in SAYS[language]:
        expect(page.get_by_text(words.format(number=told.number))).to_be_visible()
    fits_the_screen(page)
    screenshot(page, f"notifications-{language}-{viewport['width']}")

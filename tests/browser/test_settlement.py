"""The cashier's journey: money approved on a complaint appears on the cashier's tablet, is
marked paid once, and the work order's invoice shows it — in English and in Chinese, on the
counter tablet and on a phone."""

import pytest
from playwright.sync_api import expect

from complaints import services
from complaints.models import CustomerSettlement
from tests.complaints.factories import ComplaintFactory
from tests.vehicles import factories as vf
from vehicles.models import Invoice

from .conftest import PHONE, TABLET, fits_the_screen, menu, screenshot
from .test_complaint import Labels, switch_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def approved_discount(shop, advisor, manager):
    order, invoice = vf.delivered(shop, advisor)
    complaint = ComplaintFactory(shop=shop, user=advisor, work_order=order)
    remedy = services.remedy_propose(
        complaint_pk=complaint.pk, user=advisor, kind="discount", amount="120"
    )
    services.remedy_decide(pk=remedy.pk, user=manager, approve=True, note="OK")
    return CustomerSettlement.objects.get(remedy=remedy), invoice


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_cashier_pays_the_approved_discount_once(open_as, cashier, approved_discount, language):
    line, invoice = approved_discount
    Invoice.objects.filter(pk=invoice.pk).update(language=language)
    t = Labels(language)
    till = open_as(cashier, viewport=TABLET)
    switch_language(till, language)
    menu(till, t("To pay customers"))
    card = till.locator(f'[data-settlement="{line.pk}"]')
    expect(card).to_contain_text(line.complaint.number)
    expect(card).to_contain_text("120.00")
    fits_the_screen(till)
    card.get_by_label(t("Settlement reference")).fill("POS-0042")
    card.get_by_role("button", name=t("Mark paid")).click()
    paid = till.locator(f'[data-settlement="{line.pk}"]')
    expect(paid).to_contain_text(t("Paid"))
    expect(paid).to_contain_text("POS-0042")
    expect(paid.get_by_role("button", name=t("Mark paid"))).to_have_count(0)
    fits_the_screen(till)
    screenshot(till, f"settlement-paid-{language}")
    line.refresh_from_db()
    assert (line.settled_by_id, line.settlement_reference) == (cashier.pk, "POS-0042")

    till.goto(f"/invoices/{invoice.pk}/")
    expect(till.locator("table.adjustments")).to_contain_text(line.complaint.number)
    expect(till.locator("body")).to_contain_text(t("Total after adjustments"))
    expect(till.locator("body")).to_contain_text("219.00")  # 339.00 less 120.00
    screenshot(till, f"settlement-invoice-{language}")


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_list_reads_on_a_phone(open_as, cashier, approved_discount, language):
    line, _invoice = approved_discount
    t = Labels(language)
    phone = open_as(cashier, viewport=PHONE)
    switch_language(phone, language)
    phone.goto("/complaints/settlements/")
    card = phone.locator(f'[data-settlement="{line.pk}"]')
    expect(card.get_by_role("button", name=t("Mark paid"))).to_be_visible()
    fits_the_screen(phone)
    screenshot(phone, f"settlement-phone-{language}")

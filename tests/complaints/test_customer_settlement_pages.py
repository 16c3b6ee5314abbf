"""The cashier's page of money to pay customers, and the work order's invoice (page and PDF)
showing the money approved on a complaint about it."""

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from pypdf import PdfReader

from complaints import services
from complaints.models import CustomerSettlement
from complaints.services import errors as service_errors
from servicedesk.accounts.models import Role
from tests.complaints.factories import ComplaintFactory
from tests.factories import staff
from tests.vehicles import factories as vf
from vehicles.models import Invoice


def _approved_money(shop, *, advisor, manager, kind="discount", amount="200", **links):
    c = ComplaintFactory(shop=shop, user=advisor, **links)
    remedy = services.remedy_propose(complaint_pk=c.pk, user=advisor, kind=kind, amount=amount)
    services.remedy_decide(pk=remedy.pk, user=manager, approve=True)
    return CustomerSettlement.objects.get(remedy=remedy)


@pytest.fixture
def line(shop, advisor, manager):
    return _approved_money(shop, advisor=advisor, manager=manager)


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


# --- the cashier's page ------------------------------------------------------------------------


def test_the_cashier_sees_the_line_and_marks_it_paid(browser_as, cashier, line):
    browser = browser_as(cashier)
    page = browser.get("/complaints/settlements/").content.decode()
    assert line.complaint.number in page and "200.00" in page and "Mark paid" in page
    response = browser.post(
        f"/complaints/settlements/{line.pk}/settle/", {"reference": "POS-3"}, follow=True
    )
    assert response.status_code == 200
    line.refresh_from_db()
    assert (line.settled_by, line.settlement_reference) == (cashier, "POS-3")
    shown = response.content.decode()
    assert "marked paid to the customer" in shown and "POS-3" in shown
    assert "Mark paid" not in shown


def test_a_second_settle_on_the_page_says_why_and_changes_nothing(browser_as, cashier, line):
    browser = browser_as(cashier)
    browser.post(f"/complaints/settlements/{line.pk}/settle/", {"reference": "POS-1"})
    response = browser.post(f"/complaints/settlements/{line.pk}/settle/", {"reference": "POS-2"})
    assert response.status_code == 409
    assert str(service_errors.ALREADY_SETTLED) in response.content.decode()
    line.refresh_from_db()
    assert line.settlement_reference == "POS-1"


def test_the_page_speaks_chinese(browser_as, cashier, line):
    browser = browser_as(cashier)
    browser.post("/i18n/setlang/", {"language": "zh-hans"})
    page = browser.get("/complaints/settlements/").content.decode()
    with translation.override("zh-hans"):
        assert str(translation.gettext("To pay customers")) in page
        assert "To pay customers" not in page


def test_the_manager_sees_it_without_the_button(browser_as, manager, line):
    page = browser_as(manager).get("/complaints/settlements/").content.decode()
    assert line.complaint.number in page and "Mark paid" not in page


def test_a_manager_posting_anyway_is_refused(browser_as, manager, line):
    assert browser_as(manager).post(f"/complaints/settlements/{line.pk}/settle/").status_code == 403
    line.refresh_from_db()
    assert line.settled_at is None


def test_roles_without_money_are_refused_the_page(browser_as, advisor, line):
    assert browser_as(advisor).get("/complaints/settlements/").status_code == 403


def test_another_shops_cashier_neither_sees_nor_settles_it(browser_as, other_shop, line):
    theirs = browser_as(staff("southcashier", other_shop, Role.CASHIER))
    assert line.complaint.number not in theirs.get("/complaints/settlements/").content.decode()
    assert theirs.post(f"/complaints/settlements/{line.pk}/settle/").status_code == 404


def test_the_complaint_history_says_who_paid(browser_as, cashier, manager, line):
    services.customer_settlement_settle(pk=line.pk, user=cashier, reference="POS-5")
    page = browser_as(manager).get(f"/complaints/{line.complaint_id}/").content.decode()
    assert "Money paid to the customer" in page and "POS-5" in page


# --- the invoice ---------------------------------------------------------------------------------


@pytest.fixture
def invoiced(shop, advisor):
    """A delivered order with its invoice: 300.00 of pads at 13 %, 339.00 in all."""
    order, invoice = vf.delivered(shop, advisor)
    assert invoice.total == Decimal("339.00")
    return order, invoice


def test_the_invoice_shows_the_approved_discount_and_what_is_left(
    browser_as, advisor, manager, cashier, shop, invoiced
):
    order, invoice = invoiced
    Invoice.objects.filter(pk=invoice.pk).update(language="en")
    line = _approved_money(shop, advisor=advisor, manager=manager, work_order=order)
    page = browser_as(advisor).get(f"/invoices/{invoice.pk}/").content.decode()
    assert "Adjustments after the invoice" in page
    assert line.complaint.number in page and "−200.00" in page
    assert "Total after adjustments" in page and "139.00" in page
    assert "not yet" in page
    services.customer_settlement_settle(pk=line.pk, user=cashier)
    page = browser_as(advisor).get(f"/invoices/{invoice.pk}/").content.decode()
    assert "not yet" not in page


def test_the_invoice_follows_a_work_order_linked_after_the_approval(
    browser_as, advisor, manager, shop, invoiced
):
    order, invoice = invoiced
    line = _approved_money(shop, advisor=advisor, manager=manager)  # no work order yet
    url = f"/invoices/{invoice.pk}/"
    assert line.complaint.number not in browser_as(advisor).get(url).content.decode()
    c = line.complaint
    services.complaint_update(pk=c.pk, user=advisor, version=c.version, work_order_pk=order.pk)
    assert line.complaint.number in browser_as(advisor).get(url).content.decode()


def test_an_invoice_without_approved_money_is_unchanged(browser_as, advisor, invoiced):
    _order, invoice = invoiced
    page = browser_as(advisor).get(f"/invoices/{invoice.pk}/").content.decode()
    assert "调整" not in page and "Adjustments" not in page


def test_the_invoice_pdf_shows_the_adjustment_in_english(
    browser_as, advisor, manager, shop, invoiced
):
    order, invoice = invoiced
    Invoice.objects.filter(pk=invoice.pk).update(language="en")
    line = _approved_money(
        shop, advisor=advisor, manager=manager, kind="refund", amount="39", work_order=order
    )
    text = _pdf_text(browser_as(advisor).get(f"/invoices/{invoice.pk}/pdf/").content)
    assert "Adjustments after the invoice" in text
    assert "Refund" in text and line.complaint.number in text and "39.00" in text
    assert "Total after adjustments" in text and "300.00" in text


def test_the_invoice_pdf_shows_the_adjustment_in_chinese(
    browser_as, advisor, manager, shop, invoiced
):
    order, invoice = invoiced
    assert invoice.language == "zh-hans"
    line = _approved_money(shop, advisor=advisor, manager=manager, work_order=order)
    text = _pdf_text(browser_as(advisor).get(f"/invoices/{invoice.pk}/pdf/").content)
    with translation.override("zh-hans"):
        heading = translation.gettext("Total after adjustments")
        kind = translation.gettext("Discount")
    assert heading != "Total after adjustments"
    assert heading in text and kind in text
    assert line.complaint.number in text and "139.00" in text


def test_the_invoice_costs_the_same_queries_with_more_adjustments(
    browser_as, advisor, manager, shop, invoiced, django_assert_max_num_queries
):
    order, invoice = invoiced
    browser = browser_as(advisor)
    _approved_money(shop, advisor=advisor, manager=manager, work_order=order)
    browser.get(f"/invoices/{invoice.pk}/")
    with django_assert_max_num_queries(7) as one:
        browser.get(f"/invoices/{invoice.pk}/")
    for kind in ("compensation", "refund", "discount"):
        _approved_money(shop, advisor=advisor, manager=manager, kind=kind, work_order=order)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = browser.get(f"/invoices/{invoice.pk}/").content.decode()
    assert page.count(f"C{order.opened_at.year}-") >= 4


def test_the_complaint_page_says_whether_the_money_is_paid(browser_as, manager, cashier, line):
    browser = browser_as(manager)
    url = f"/complaints/{line.complaint_id}/"
    page = browser.get(url).content.decode()
    assert f'data-settlement-state="{line.pk}"' in page and "on the cashier's list" in page
    services.customer_settlement_settle(pk=line.pk, user=cashier)
    page = browser.get(url).content.decode()
    assert "on the cashier's list" not in page and "Paid" in page


def _queries(browser, url) -> int:
    browser.get(url)  # the session's first request warms its caches
    with CaptureQueriesContext(connection) as queries:
        assert browser.get(url).status_code == 200
    return len(queries)


def test_the_complaint_page_costs_the_same_with_more_money_lines(
    browser_as, shop, advisor, manager, line
):
    url = f"/complaints/{line.complaint_id}/"
    one = _queries(browser_as(manager), url)
    for _ in range(3):
        remedy = services.remedy_propose(
            complaint_pk=line.complaint_id, user=advisor, kind="refund", amount="5"
        )
        services.remedy_decide(pk=remedy.pk, user=manager, approve=True)
    assert _queries(browser_as(manager), url) == one

"""The "Report a problem" page: in the top bar of every page, for every employee."""

import pytest

from complaints.models import Complaint
from tests.vehicles.factories import WorkOrderFactory


@pytest.mark.parametrize("page", ["/", "/notifications/"])
def test_every_page_shows_the_shortcut_to_a_technician(browser_as, technician, page):
    html = browser_as(technician).get(page, follow=True).content.decode()
    assert 'data-shortcut="complaints:report-problem"' in html


def test_the_reporting_client_has_no_shortcut_nor_page(browser_as, reporting):
    browser = browser_as(reporting)
    assert "report-problem" not in browser.get("/", follow=True).content.decode()
    assert browser.get("/complaints/report-a-problem/").status_code == 403


def test_a_technician_reports_a_problem(browser_as, technician, shop):
    browser = browser_as(technician)
    assert browser.get("/complaints/report-a-problem/").status_code == 200
    r = browser.post(
        "/complaints/report-a-problem/",
        {"shop": shop.pk, "customer_words": "Lift 2 hydraulic leak", "severity": "critical"},
    )
    c = Complaint.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/complaints/{c.pk}/"
    assert (c.source, c.received_by, c.severity, c.customer) == (
        "internal",
        technician,
        "critical",
        None,
    )
    assert browser.get(r["Location"]).status_code == 200


def test_a_refused_report_keeps_what_was_typed(browser_as, technician, shop, other_shop):
    order = WorkOrderFactory(shop=other_shop)
    r = browser_as(technician).post(
        "/complaints/report-a-problem/",
        {"shop": shop.pk, "customer_words": "Wrong oil grade on the shelf", "work_order": order.pk},
    )
    assert r.status_code == 400
    assert "Wrong oil grade on the shelf" in r.content.decode()
    assert not Complaint.objects.exists()


def test_its_page_offers_no_customers_confirmation(browser_as, technician, advisor, shop):
    from complaints import services

    c = services.complaint_open(
        shop_pk=shop.pk, user=technician, source="internal", customer_words="Lift 2 leaks"
    )
    page = browser_as(advisor).get(f"/complaints/{c.pk}/").content.decode()
    assert "Internal nonconformity" in page and "Unknown customer" not in page
    assert "accepts it internally" in page and "/confirm/" not in page


def test_another_shops_nonconformity_is_not_found(browser_as, outsider, technician, shop):
    from complaints import services

    c = services.complaint_open(
        shop_pk=shop.pk, user=technician, source="internal", customer_words="Lift 2 leaks"
    )
    assert browser_as(outsider).get(f"/complaints/{c.pk}/").status_code == 404

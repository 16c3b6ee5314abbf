"""The browser pages: the right people see the right buttons, errors land on the page."""

import pytest
from django.utils import timezone, translation

from complaints import services
from complaints.models import Complaint, RemedyStatus, State
from complaints.services import errors as service_errors
from tests.complaints.factories import ComplaintFactory
from tests.signatures import drawn_signature
from tests.vehicles.factories import (
    CustomerFactory,
    SupplierFactory,
    VehicleFactory,
    WorkOrderFactory,
)


def test_the_intake_form_opens_a_complaint(browser_as, advisor, shop):
    client = CustomerFactory(shop=shop)
    browser = browser_as(advisor)
    assert browser.get("/complaints/new/").status_code == 200
    r = browser.post(
        "/complaints/new/",
        {
            "shop": shop.pk,
            "customer": client.pk,
            "channel": "in_person",
            "severity": "minor",
            "customer_words": "Waited two hours",
        },
    )
    c = Complaint.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/complaints/{c.pk}/"
    assert (c.customer, c.severity, c.received_by) == (client, "minor", advisor)


def test_the_intake_form_takes_a_comeback_work_order(browser_as, advisor, shop):
    order = WorkOrderFactory(shop=shop, advisor=advisor)
    r = browser_as(advisor).get(f"/complaints/new/?work_order={order.pk}")
    assert r.status_code == 200 and order.number in r.content.decode()


def test_the_intake_form_hides_another_shops_work_order(browser_as, advisor, outsider, other_shop):
    order = WorkOrderFactory(shop=other_shop, advisor=outsider)
    assert browser_as(advisor).get(f"/complaints/new/?work_order={order.pk}").status_code == 404


def test_the_page_shows_a_failed_guard(browser_as, advisor, complaint, carry):
    carry(complaint, State.INVESTIGATING)
    r = browser_as(advisor).post(f"/complaints/{complaint.pk}/transition/", {"to": "resolving"})
    assert r.status_code == 409
    assert "category and responsibility" in r.content.decode()


def test_a_transition_from_the_page(browser_as, advisor, complaint):
    r = browser_as(advisor).post(f"/complaints/{complaint.pk}/transition/", {"to": "investigating"})
    assert r.status_code == 302
    complaint.refresh_from_db()
    assert complaint.state == State.INVESTIGATING


def test_the_clocks_are_paused_and_resumed_from_the_page(browser_as, advisor, complaint):
    browser = browser_as(advisor)
    page = browser.get(f"/complaints/{complaint.pk}/").content.decode()
    assert "Pause the clocks" in page
    r = browser.post(
        f"/complaints/{complaint.pk}/pause/",
        {"version": complaint.version, "reason": "waiting_for_parts", "note": "Pads ordered"},
    )
    assert r.status_code == 302
    page = browser.get(f"/complaints/{complaint.pk}/").content.decode()
    assert "Clocks paused" in page and "Waiting for parts" in page
    complaint.refresh_from_db()
    r = browser.post(f"/complaints/{complaint.pk}/resume/", {"version": complaint.version})
    assert r.status_code == 302
    complaint.refresh_from_db()
    assert complaint.paused_since is None


def test_a_refused_pause_keeps_the_typed_note(browser_as, advisor, complaint):
    r = browser_as(advisor).post(
        f"/complaints/{complaint.pk}/pause/",
        {"version": complaint.version - 1, "reason": "other", "note": "Typed by hand"},
    )
    assert r.status_code == 409
    page = r.content.decode()
    assert str(service_errors.STALE_COPY) in page and "Typed by hand" in page


def test_the_pause_form_reads_in_chinese(browser_as, advisor, complaint):
    browser = browser_as(advisor)
    browser.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    page = browser.get(f"/complaints/{complaint.pk}/").content.decode()
    translation.activate("en")
    assert "暂停计时" in page


def test_the_history_names_edited_facts_in_the_pages_language(browser_as, advisor, complaint):
    services.complaint_update(
        pk=complaint.pk, user=advisor, version=1, category="billing", responsibility="shop"
    )
    browser = browser_as(advisor)
    browser.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    page = browser.get(f"/complaints/{complaint.pk}/").content.decode()
    translation.activate("en")
    assert "类别, 责任" in page and "category, responsibility" not in page


def test_a_stale_edit_is_a_form_error(browser_as, advisor, manager, complaint):
    services.complaint_update(pk=complaint.pk, user=manager, version=1, category="billing")
    r = browser_as(advisor).post(
        f"/complaints/{complaint.pk}/edit/",
        {"version": 1, "severity": "normal", "channel": "in_person", "customer_words": "x"},
    )
    assert r.status_code == 409 and "Someone else changed" in r.content.decode()


def test_the_manager_sees_approve_buttons_the_advisor_does_not(
    browser_as, advisor, manager, complaint
):
    services.remedy_propose(complaint_pk=complaint.pk, user=advisor, kind="discount", amount="50")
    assert (
        "decision" not in browser_as(advisor).get(f"/complaints/{complaint.pk}/").content.decode()
    )
    assert (
        'value="approve"'
        in browser_as(manager).get(f"/complaints/{complaint.pk}/").content.decode()
    )


def test_the_approval_queue_decides(browser_as, advisor, manager, complaint):
    remedy = services.remedy_propose(
        complaint_pk=complaint.pk, user=advisor, kind="refund", amount="80"
    )
    browser = browser_as(manager)
    page = browser.get("/complaints/approvals/").content.decode()
    assert complaint.number in page and complaint.customer_words in page
    r = browser.post(
        f"/complaints/remedies/{remedy.pk}/decide/",
        {"decision": "reject", "note": "no", "next": "/complaints/approvals/"},
    )
    assert r.status_code == 302
    remedy.refresh_from_db()
    assert remedy.status == RemedyStatus.REJECTED


@pytest.mark.parametrize("rows", [5, 30])
def test_the_approval_queue_takes_constant_queries(
    browser_as, advisor, manager, shop, rows, django_assert_max_num_queries
):
    for _ in range(rows):
        c = ComplaintFactory(shop=shop, user=advisor, customer=CustomerFactory(shop=shop))
        services.remedy_propose(complaint_pk=c.pk, user=advisor, kind="discount", amount="5")
    browser = browser_as(manager)
    with django_assert_max_num_queries(14):
        r = browser.get("/complaints/approvals/")
    assert r.content.decode().count('value="approve"') == rows


@pytest.mark.parametrize("rows", [1, 30])
def test_the_complaint_page_takes_constant_queries_however_many_remedies_await(
    browser_as, advisor, manager, shop, rows, django_assert_max_num_queries
):
    c = ComplaintFactory(shop=shop, user=advisor, customer=CustomerFactory(shop=shop))
    for _ in range(rows):
        services.remedy_propose(complaint_pk=c.pk, user=advisor, kind="discount", amount="5")
    browser = browser_as(manager)
    with django_assert_max_num_queries(16):
        r = browser.get(f"/complaints/{c.pk}/")
    assert r.content.decode().count('value="approve"') == rows


@pytest.mark.parametrize("rows", [5, 30])
def test_the_list_takes_constant_queries(
    browser_as, advisor, shop, rows, django_assert_max_num_queries
):
    for _ in range(rows):
        ComplaintFactory(
            shop=shop,
            user=advisor,
            customer=CustomerFactory(shop=shop),
            vehicle=VehicleFactory(shop=shop),
        )
    browser = browser_as(advisor)
    with django_assert_max_num_queries(14):
        r = browser.get("/complaints/")
    assert r.status_code == 200


def test_the_list_filters_overdue(browser_as, advisor, shop):
    import time_machine

    with time_machine.travel("2020-01-01 10:00 +08:00", tick=False):
        old = ComplaintFactory(shop=shop, user=advisor, customer_words="Old one")
    new = ComplaintFactory(shop=shop, user=advisor, customer_words="New one")
    page = browser_as(advisor).get("/complaints/?overdue=on").content.decode()
    assert old.number in page and new.number not in page


def test_the_confirmation_screen_speaks_the_customers_language(browser_as, advisor, shop, carry):
    client = CustomerFactory(shop=shop, preferred_language="zh-hans")
    c = ComplaintFactory(shop=shop, user=advisor, customer=client)
    carry(c, State.RESOLVING)
    services.remedy_propose(complaint_pk=c.pk, user=advisor, kind="rework", amount="100")
    browser = browser_as(advisor)
    page = browser.get(f"/complaints/{c.pk}/confirm/").content.decode()
    assert "signature_pad.umd.min.js" in page
    assert "请" in page  # the Chinese catalog: "Please print your name" and friends
    r = browser.post(
        f"/complaints/{c.pk}/confirm/", {"signed_name": "周敏", "signature": drawn_signature()}
    )
    assert r.status_code == 302
    c.refresh_from_db()
    assert c.confirmed_name == "周敏" and c.confirmation_signature
    assert browser.get(f"/complaints/{c.pk}/signature.png").status_code == 200


def test_a_bad_signature_is_a_form_error(browser_as, advisor, complaint, carry):
    carry(complaint, State.RESOLVING)
    services.remedy_propose(complaint_pk=complaint.pk, user=advisor, kind="rework", amount="100")
    r = browser_as(advisor).post(
        f"/complaints/{complaint.pk}/confirm/",
        {"signed_name": "Z", "signature": "data:image/png;base64,AAAA"},
    )
    assert r.status_code == 400


def test_the_report_page_and_pdf(browser_as, advisor, complaint, carry):
    carry(complaint, State.CLOSED)
    browser = browser_as(advisor)
    page = browser.get(f"/complaints/{complaint.pk}/report/?lang=zh-hans").content.decode()
    assert "客户意见处理报告" in page
    r = browser.get(f"/complaints/{complaint.pk}/report.pdf?lang=en")
    assert r.status_code == 200 and r.content[:5] == b"%PDF-"


def test_the_register_export(browser_as, advisor, complaint):
    day = timezone.localtime(complaint.received_at).date()  # the shop's day, not UTC's
    r = browser_as(advisor).get(f"/complaints/register.csv?received_from={day}&received_to={day}")
    body = r.content.decode("utf-8-sig")
    assert r["Content-Type"].startswith("text/csv") and complaint.number in body


def test_the_cashier_marks_a_deduction_applied(
    browser_as, advisor, manager, cashier, shop, complaint
):
    services.complaint_update(
        pk=complaint.pk,
        user=advisor,
        version=1,
        responsibility="supplier",
        supplier_pk=SupplierFactory(shop=shop).pk,
    )
    d = services.supplier_deduction_raise(
        complaint_pk=complaint.pk, user=manager, amount="9", part="p", improvement_request="i"
    )
    browser = browser_as(cashier)
    assert "Mark applied" in browser.get("/complaints/deductions/").content.decode()
    browser.post(f"/complaints/deductions/{d.pk}/apply/", {"reference": "R1"})
    d.refresh_from_db()
    assert d.applied_by == cashier


def test_the_owner_and_manager_work_the_actions_page(browser_as, manager, quality, complaint):
    from datetime import date

    a = services.corrective_action_plan(
        complaint_pk=complaint.pk,
        user=manager,
        root_cause="r",
        corrective_action="c",
        preventive_action="p",
        department="W",
        owner_pk=quality.pk,
        due_date=date.today(),
    )
    browser_as(quality).post(f"/complaints/actions/{a.pk}/result/", {"result": "done"})
    browser_as(manager).post(f"/complaints/actions/{a.pk}/verify/", {"effective": "yes"})
    a.refresh_from_db()
    assert a.result == "done" and a.effective is True


PAGES = [
    "/complaints/{c}/",
    "/complaints/{c}/confirm/",
    "/complaints/{c}/report/",
    "/complaints/{c}/report.pdf",
    "/complaints/{c}/signature.png",
]
POSTS = [
    "/complaints/{c}/edit/",
    "/complaints/{c}/transition/",
    "/complaints/{c}/remedies/",
    "/complaints/{c}/actions/",
    "/complaints/{c}/deductions/",
    "/complaints/{c}/follow-ups/",
    "/complaints/{c}/pause/",
    "/complaints/{c}/resume/",
]


@pytest.mark.parametrize("url", PAGES)
def test_another_shops_complaint_pages_answer_404(browser_as, outsider, complaint, url):
    assert browser_as(outsider).get(url.format(c=complaint.pk)).status_code == 404


@pytest.mark.parametrize("url", POSTS)
def test_another_shops_complaint_forms_answer_404(browser_as, outsider, complaint, url):
    assert browser_as(outsider).post(url.format(c=complaint.pk), {}).status_code == 404


def test_another_shops_remedy_action_deduction_answer_404(
    browser_as, other_manager, advisor, manager, quality, shop, complaint
):
    from datetime import date

    remedy = services.remedy_propose(
        complaint_pk=complaint.pk, user=advisor, kind="refund", amount="1"
    )
    a = services.corrective_action_plan(
        complaint_pk=complaint.pk,
        user=manager,
        root_cause="r",
        corrective_action="c",
        preventive_action="p",
        department="W",
        owner_pk=quality.pk,
        due_date=date.today(),
    )
    services.complaint_update(
        pk=complaint.pk,
        user=advisor,
        version=1,
        responsibility="supplier",
        supplier_pk=SupplierFactory(shop=shop).pk,
    )
    d = services.supplier_deduction_raise(
        complaint_pk=complaint.pk, user=manager, amount="9", part="p", improvement_request="i"
    )
    browser = browser_as(other_manager)
    assert (
        browser.post(
            f"/complaints/remedies/{remedy.pk}/decide/", {"decision": "approve"}
        ).status_code
        == 404
    )
    assert browser.post(f"/complaints/actions/{a.pk}/result/", {"result": "x"}).status_code == 404
    assert (
        browser.post(f"/complaints/actions/{a.pk}/verify/", {"effective": "yes"}).status_code == 404
    )
    assert browser.post(f"/complaints/deductions/{d.pk}/apply/", {}).status_code == 404
    assert complaint.number not in browser.get("/complaints/").content.decode()
    assert complaint.number not in browser.get("/complaints/approvals/").content.decode()


# --- a refused form of one row: its page again, the refusal beside it, the typing kept ----------


def _planned_action(complaint, manager, quality):
    from datetime import date

    return services.corrective_action_plan(
        complaint_pk=complaint.pk,
        user=manager,
        root_cause="r",
        corrective_action="c",
        preventive_action="p",
        department="W",
        owner_pk=quality.pk,
        due_date=date.today(),
    )


def test_a_refused_decision_on_the_complaint_page_keeps_the_note(
    browser_as, advisor, manager, complaint
):
    remedy = services.remedy_propose(
        complaint_pk=complaint.pk, user=advisor, kind="refund", amount="80"
    )
    note = "Too much " + "x" * 2000
    r = browser_as(manager).post(
        f"/complaints/remedies/{remedy.pk}/decide/", {"decision": "approve", "note": note}
    )
    page = r.content.decode()
    assert r.status_code == 400 and complaint.number in page
    assert f'value="{note}"' in page and "at most 2000 characters" in page
    remedy.refresh_from_db()
    assert remedy.status == RemedyStatus.PENDING


def test_a_decision_taken_meanwhile_says_why_on_the_approval_queue(
    browser_as, advisor, manager, second_manager, complaint
):
    remedy = services.remedy_propose(
        complaint_pk=complaint.pk, user=advisor, kind="refund", amount="80"
    )
    services.remedy_decide(pk=remedy.pk, user=second_manager, approve=False, note="No")
    r = browser_as(manager).post(
        f"/complaints/remedies/{remedy.pk}/decide/",
        {"decision": "approve", "next": "/complaints/approvals/"},
    )
    assert r.status_code == 409
    page = r.content.decode()
    assert "Awaiting my approval" in page and "already been decided" in page
    remedy.refresh_from_db()
    assert remedy.status == RemedyStatus.REJECTED


def test_a_refused_result_on_the_actions_list_keeps_the_typing(
    browser_as, manager, quality, complaint
):
    a = _planned_action(complaint, manager, quality)
    result = "Done " + "x" * 10_000
    r = browser_as(quality).post(
        f"/complaints/actions/{a.pk}/result/", {"result": result, "next": "/complaints/actions/"}
    )
    page = r.content.decode()
    assert r.status_code == 400 and "Corrective actions" in page
    assert result in page and "at most 10000 characters" in page
    a.refresh_from_db()
    assert a.result == "" and a.result_at is None


def test_a_verification_without_a_verdict_on_the_complaint_page_says_so(
    browser_as, manager, quality, complaint
):
    a = _planned_action(complaint, manager, quality)
    services.corrective_action_record_result(pk=a.pk, user=quality, result="Done")
    r = browser_as(manager).post(f"/complaints/actions/{a.pk}/verify/", {"note": "Ten cars"})
    page = r.content.decode()
    assert r.status_code == 400 and complaint.number in page
    assert "Say whether the action was effective." in page and 'value="Ten cars"' in page
    a.refresh_from_db()
    assert a.verified_at is None


def test_a_too_long_deduction_reference_is_refused_not_applied_empty(
    browser_as, advisor, manager, cashier, shop, complaint
):
    services.complaint_update(
        pk=complaint.pk,
        user=advisor,
        version=1,
        responsibility="supplier",
        supplier_pk=SupplierFactory(shop=shop).pk,
    )
    d = services.supplier_deduction_raise(
        complaint_pk=complaint.pk, user=manager, amount="9", part="p", improvement_request="i"
    )
    reference = "R" * 81
    r = browser_as(cashier).post(f"/complaints/deductions/{d.pk}/apply/", {"reference": reference})
    page = r.content.decode()
    assert r.status_code == 400 and f'value="{reference}"' in page
    assert "at most 80 characters" in page
    d.refresh_from_db()
    assert d.applied_at is None


def test_a_pause_refused_because_another_screen_paused_first_says_so_and_keeps_the_note(
    browser_as, advisor, complaint
):
    read = complaint.version
    services.complaint_pause(pk=complaint.pk, user=advisor, version=read, reason="other")
    r = browser_as(advisor).post(
        f"/complaints/{complaint.pk}/pause/",
        {"version": read, "reason": "waiting_for_parts", "note": "Parts on Monday"},
    )
    assert r.status_code == 409
    page = r.content.decode()
    assert str(service_errors.STALE_COPY) in page and "Parts on Monday" in page


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", ("Received", "Normal", "Respond by", "Resolve by")), ("zh-hans", ())],
)
def test_a_list_row_shows_the_complaint(browser_as, advisor, shop, language, words):
    """Each cell of a row, made in the view's one pass: the number linking to the complaint,
    the customer, the car, state, severity, category (— while unset), when and by whom it was
    received, its clocks."""
    owner = CustomerFactory(shop=shop, name="周敏")
    car = VehicleFactory(shop=shop, user=advisor, plate="京A12345", owner=owner)
    c = ComplaintFactory(shop=shop, user=advisor, customer=owner, vehicle=car)
    browser = browser_as(advisor)
    browser.cookies["django_language"] = language
    page = browser.get("/complaints/").content.decode()
    row = page[page.index(f'href="/complaints/{c.pk}/"') :]
    row = row[: row.index("</tr>")]
    with translation.override(language):
        due = timezone.localtime(c.first_response_due).strftime("%Y-%m-%d %H:%M")
        received = timezone.localtime(c.received_at).strftime("%Y-%m-%d %H:%M")
        assert c.number in row and "周敏" in row and str(car) in row
        assert str(State.RECEIVED.label) in row and "<td>—</td>" in row
        assert due in row and received in row
        assert (advisor.get_full_name() or advisor.username) in row
    for word in words:
        assert word in row

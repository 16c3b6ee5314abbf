"""The supplier's answer to the improvement asked of them: recorded once, by the staff who raise
deductions (not the cashier, not a stranger), on the list of deductions and over the API."""

import pytest

from complaints import services
from complaints.models import HistoryKind
from complaints.permissions import ONLY_WHO_ASKS_RECORDS_THE_ANSWER, deduction_actions
from complaints.services import errors as service_errors
from servicedesk.errors import Conflict, Forbidden, Invalid
from tests.vehicles.factories import SupplierFactory

ANSWER = "Batch 42 withdrawn; the pads are now checked at the end of the line."


@pytest.fixture
def deduction(shop, complaint, advisor, manager):
    maker = SupplierFactory(shop=shop, name="Brakes Ltd")
    fault = services.complaint_update(
        pk=complaint.pk,
        user=advisor,
        version=complaint.version,
        responsibility="supplier",
        supplier_pk=maker.pk,
    )
    return services.supplier_deduction_raise(
        complaint_pk=fault.pk,
        user=manager,
        amount="380",
        part="Brake pads",
        improvement_request="Check the batch",
    )


def test_the_answer_is_recorded_once_with_who_and_when(deduction, quality):
    assert "answer" in deduction_actions(deduction, quality)
    done = services.supplier_deduction_answer(pk=deduction.pk, user=quality, answer=f"  {ANSWER} ")
    assert (done.supplier_answer, done.answer_recorded_by) == (ANSWER, quality)
    assert done.answered_at is not None
    assert done.complaint.history.filter(kind=HistoryKind.DEDUCTION_ANSWERED).count() == 1
    assert "answer" not in deduction_actions(done, quality)
    with pytest.raises(Conflict) as refused:
        services.supplier_deduction_answer(pk=deduction.pk, user=quality, answer="again")
    assert refused.value.message == service_errors.ALREADY_ANSWERED


def test_an_empty_answer_is_refused(deduction, manager):
    with pytest.raises(Invalid) as refused:
        services.supplier_deduction_answer(pk=deduction.pk, user=manager, answer="  ")
    assert refused.value.message == service_errors.FIELD_REQUIRED


def test_the_cashier_does_not_record_it(deduction, cashier):
    assert deduction_actions(deduction, cashier) == {"apply"}
    with pytest.raises(Forbidden) as refused:
        services.supplier_deduction_answer(pk=deduction.pk, user=cashier, answer=ANSWER)
    assert refused.value.message == ONLY_WHO_ASKS_RECORDS_THE_ANSWER


def test_the_page_records_it_and_shows_it(browser_as, deduction, advisor):
    client = browser_as(advisor)
    page = client.get("/complaints/deductions/").content.decode()
    assert f'action="/complaints/deductions/{deduction.pk}/answer/' in page
    response = client.post(
        f"/complaints/deductions/{deduction.pk}/answer/?show=open", {"answer": ANSWER}
    )
    assert response.status_code == 302
    page = client.get("/complaints/deductions/").content.decode()
    assert ANSWER in page
    assert f'action="/complaints/deductions/{deduction.pk}/answer/' not in page


def test_a_refused_answer_on_the_page_says_why_and_keeps_the_text(
    browser_as, deduction, advisor, quality
):
    services.supplier_deduction_answer(pk=deduction.pk, user=quality, answer="First answer")
    typed = "A second answer typed in another tab"
    response = browser_as(advisor).post(
        f"/complaints/deductions/{deduction.pk}/answer/?show=open", {"answer": typed}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert str(service_errors.ALREADY_ANSWERED).replace("'", "&#x27;") in page
    assert typed in page
    empty = browser_as(advisor).post(
        f"/complaints/deductions/{deduction.pk}/answer/?show=open", {"answer": ""}
    )
    assert empty.status_code == 400


def test_the_cashier_sees_no_answer_form(browser_as, deduction, cashier):
    page = browser_as(cashier).get("/complaints/deductions/").content.decode()
    assert "/answer/" not in page
    assert (
        browser_as(cashier)
        .post(f"/complaints/deductions/{deduction.pk}/answer/", {"answer": ANSWER})
        .status_code
        == 403
    )


def test_the_api_records_it(api_as, deduction, manager):
    url = f"/api/v1/supplier-deductions/{deduction.pk}/answer/"
    listed = api_as(manager).get("/api/v1/supplier-deductions/").json()["results"][0]
    assert "answer" in listed["allowed_actions"]
    response = api_as(manager).post(url, {"answer": ANSWER}, format="json")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["supplier_answer"] == ANSWER and data["answer_recorded_by"] == manager.pk
    assert "answer" not in data["allowed_actions"]
    again = api_as(manager).post(url, {"answer": ANSWER}, format="json")
    assert again.status_code == 409
    assert api_as(manager).post(url, {}, format="json").status_code == 400


def test_the_api_refuses_the_cashier_and_strangers(api_as, deduction, cashier, outsider):
    url = f"/api/v1/supplier-deductions/{deduction.pk}/answer/"
    assert api_as(cashier).post(url, {"answer": ANSWER}, format="json").status_code == 403
    assert api_as(outsider).post(url, {"answer": ANSWER}, format="json").status_code == 404

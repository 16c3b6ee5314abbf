"""Another shop's complaint, remedy, action or deduction answers 404 on every endpoint."""

from datetime import date

import pytest

from complaints import services
from complaints.models import Responsibility
from tests.complaints.factories import ComplaintFactory
from tests.vehicles.factories import SupplierFactory


@pytest.fixture
def theirs(shop, advisor, manager, quality):
    c = ComplaintFactory(shop=shop, user=advisor)
    remedy = services.remedy_propose(complaint_pk=c.pk, user=advisor, kind="discount", amount="10")
    action = services.corrective_action_plan(
        complaint_pk=c.pk,
        user=manager,
        root_cause="r",
        corrective_action="c",
        preventive_action="p",
        department="W",
        owner_pk=quality.pk,
        due_date=date.today(),
    )
    c = services.complaint_update(
        pk=c.pk,
        user=advisor,
        version=c.version,
        responsibility=Responsibility.SUPPLIER,
        supplier_pk=SupplierFactory(shop=shop).pk,
    )
    deduction = services.supplier_deduction_raise(
        complaint_pk=c.pk, user=manager, amount="5", part="p", improvement_request="i"
    )
    return {"c": c.pk, "r": remedy.pk, "a": action.pk, "d": deduction.pk}


CALLS = [
    ("get", "/api/v1/complaints/{c}/"),
    ("patch", "/api/v1/complaints/{c}/"),
    ("post", "/api/v1/complaints/{c}/transition/"),
    ("get", "/api/v1/complaints/{c}/history/"),
    ("post", "/api/v1/complaints/{c}/pause/"),
    ("post", "/api/v1/complaints/{c}/resume/"),
    ("post", "/api/v1/complaints/{c}/remedies/"),
    ("post", "/api/v1/complaints/{c}/confirmation/"),
    ("post", "/api/v1/complaints/{c}/corrective-actions/"),
    ("post", "/api/v1/complaints/{c}/follow-ups/"),
    ("post", "/api/v1/complaints/{c}/supplier-deductions/"),
    ("get", "/api/v1/complaints/{c}/report.pdf"),
    ("post", "/api/v1/remedies/{r}/approve/"),
    ("post", "/api/v1/remedies/{r}/reject/"),
    ("post", "/api/v1/corrective-actions/{a}/result/"),
    ("post", "/api/v1/corrective-actions/{a}/verify/"),
    ("post", "/api/v1/supplier-deductions/{d}/apply/"),
]
BODIES = {
    "transition": {"to": "investigating"},
    "pause": {"version": 1, "reason": "waiting_for_parts"},
    "resume": {"version": 1},
    "remedies": {"kind": "apology", "amount": "0"},
    "confirmation": {"signed_name": "x"},
    "follow-ups": {"reached": False},
    "result": {"result": "x"},
    "verify": {"effective": True},
    "complaints/{c}/": {"version": 1, "category": "other"},
}


# Who in the other shop may make the call on a record of their own: a role that may never make
# it is refused with 403 before its record is looked up (test_permission_matrix).
CALLER = {"result": "other_quality", "apply": "other_cashier"}


@pytest.fixture
def other_cashier(other_shop):
    from servicedesk.accounts.models import Role
    from tests.factories import staff

    return staff("southcashier", other_shop, Role.CASHIER)


@pytest.mark.parametrize(("method", "url"), CALLS)
def test_another_shops_records_answer_404(request, api_as, theirs, method, url):
    body = next((b for k, b in BODIES.items() if k in url), {})
    caller = next((c for k, c in CALLER.items() if k in url), "other_manager")
    user = request.getfixturevalue(caller)
    r = getattr(api_as(user), method)(url.format(**theirs), body, format="json")
    assert r.status_code == 404


def test_another_shops_complaints_are_not_listed(api_as, outsider, theirs):
    api = api_as(outsider)
    assert api.get("/api/v1/complaints/").json()["count"] == 0
    assert api.get("/api/v1/supplier-deductions/").json()["count"] == 0

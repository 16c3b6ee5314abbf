from datetime import date, timedelta

import pytest

from complaints import services
from complaints.models import ComplaintHistory, ComplaintPolicy, State
from complaints.permissions import ONLY_A_MANAGER, ONLY_A_MANAGER_DETERMINES
from complaints.services import errors as service_errors
from complaints.services.errors import GUARD_NATURE
from servicedesk.errors import NOT_ALLOWED, Conflict, Forbidden, Invalid
from tests.vehicles.factories import SupplierFactory


def _transition(c, by, to, note=""):
    return services.complaint_transition(pk=c.pk, user=by, to=to, note=note)


def test_it_refuses_skipping_a_state(complaint, advisor):
    with pytest.raises(Conflict) as err:
        _transition(complaint, advisor, State.RESOLVING)
    assert err.value.code == "guard_transition"
    labels = {"from": State.RECEIVED.label, "to": State.RESOLVING.label}
    assert err.value.message == service_errors.GUARD_NOT_ALLOWED % labels


def test_investigating_records_the_first_response(complaint, advisor):
    c = _transition(complaint, advisor, State.INVESTIGATING)
    assert c.first_responded_at is not None and c.version == 2


def test_resolving_needs_category_and_responsibility(complaint, advisor, carry):
    c = carry(complaint, State.INVESTIGATING)
    with pytest.raises(Conflict) as err:
        _transition(c, advisor, State.RESOLVING)
    assert err.value.code == "guard_category"
    assert "category and responsibility" in str(err.value.message)
    services.complaint_update(pk=c.pk, user=advisor, version=c.version, category="billing")
    with pytest.raises(Conflict) as refused:
        _transition(c, advisor, State.RESOLVING)
    assert refused.value.message == service_errors.GUARD_CATEGORY


def test_confirmed_needs_a_remedy(complaint, advisor, carry):
    c = carry(complaint, State.RESOLVING)
    with pytest.raises(Conflict) as err:
        _transition(c, advisor, State.CUSTOMER_CONFIRMED)
    assert err.value.message == service_errors.GUARD_REMEDY
    assert err.value.code == "guard_remedy"


def test_confirmed_needs_no_pending_remedy(complaint, advisor, carry):
    c = carry(complaint, State.RESOLVING)
    services.remedy_propose(complaint_pk=c.pk, user=advisor, kind="apology", amount="0")
    services.remedy_propose(complaint_pk=c.pk, user=advisor, kind="discount", amount="50")
    with pytest.raises(Conflict) as err:
        _transition(c, advisor, State.CUSTOMER_CONFIRMED)
    assert err.value.message == service_errors.GUARD_PENDING
    assert err.value.code == "guard_pending"


def test_confirmed_needs_the_customers_confirmation(complaint, advisor, carry):
    c = carry(complaint, State.RESOLVING)
    services.remedy_propose(complaint_pk=c.pk, user=advisor, kind="apology", amount="0")
    with pytest.raises(Conflict) as err:
        _transition(c, advisor, State.CUSTOMER_CONFIRMED)
    assert err.value.message == service_errors.GUARD_CONFIRMATION
    assert err.value.code == "guard_confirmation"
    services.complaint_confirm(pk=c.pk, user=advisor, signed_name="Zhou Min", method="phone")
    c = _transition(c, advisor, State.CUSTOMER_CONFIRMED)
    assert c.resolved_at is not None


def test_follow_up_needs_a_planned_action(complaint, advisor, carry):
    c = carry(complaint, State.CORRECTIVE_ACTION)
    with pytest.raises(Conflict) as err:
        _transition(c, advisor, State.FOLLOW_UP)
    assert err.value.message == service_errors.GUARD_ACTION_PLANNED
    assert err.value.code == "guard_action_planned"


def _plan(c, manager, quality):
    return services.corrective_action_plan(
        complaint_pk=c.pk,
        user=manager,
        root_cause="r",
        corrective_action="c",
        preventive_action="p",
        department="Workshop",
        owner_pk=quality.pk,
        due_date=date.today() + timedelta(days=3),
    )


def test_follow_up_needs_the_result_and_the_verification(
    complaint, advisor, manager, quality, carry
):
    c = carry(complaint, State.CORRECTIVE_ACTION)
    action = _plan(c, manager, quality)
    with pytest.raises(Conflict) as err:
        _transition(c, advisor, State.FOLLOW_UP)
    assert err.value.message == service_errors.GUARD_ACTION_RESULT
    assert err.value.code == "guard_action_result"
    services.corrective_action_record_result(pk=action.pk, user=quality, result="Trained the team")
    with pytest.raises(Conflict) as err:
        _transition(c, advisor, State.FOLLOW_UP)
    assert err.value.message == service_errors.GUARD_ACTION_VERIFIED
    assert err.value.code == "guard_action_verified"
    services.corrective_action_verify(pk=action.pk, user=manager, effective=False, note="Again")
    with pytest.raises(Conflict) as err:
        _transition(c, advisor, State.FOLLOW_UP)
    assert err.value.message == service_errors.GUARD_ACTION_EFFECTIVE
    assert err.value.code == "guard_action_effective"
    second = _plan(c, manager, quality)
    services.corrective_action_record_result(pk=second.pk, user=quality, result="Checklist")
    services.corrective_action_verify(pk=second.pk, user=manager, effective=True)
    assert _transition(c, advisor, State.FOLLOW_UP).state == State.FOLLOW_UP


def _customer_responsible(c, advisor, carry, manager):
    c = carry(c, State.INVESTIGATING)
    c = services.complaint_update(
        pk=c.pk, user=advisor, version=c.version, category="other", responsibility="customer"
    )
    services.complaint_update(pk=c.pk, user=manager, version=c.version, nature="Misuse")
    c = _transition(c, advisor, State.RESOLVING)
    services.remedy_propose(complaint_pk=c.pk, user=advisor, kind="apology", amount="0")
    services.complaint_confirm(pk=c.pk, user=advisor, signed_name="Zhou Min", method="phone")
    return _transition(c, advisor, State.CUSTOMER_CONFIRMED)


def test_a_manager_skips_corrective_action_with_a_reason(complaint, advisor, manager, carry):
    c = _customer_responsible(complaint, advisor, carry, manager)
    with pytest.raises(Forbidden) as refused:
        _transition(c, advisor, State.FOLLOW_UP, note="Customer misused the car")
    assert refused.value.message == ONLY_A_MANAGER
    with pytest.raises(Invalid) as refused:
        _transition(c, manager, State.FOLLOW_UP, note="")
    assert refused.value.message == service_errors.GUARD_SKIP_REASON
    c = _transition(c, manager, State.FOLLOW_UP, note="Customer misused the car")
    assert c.state == State.FOLLOW_UP and c.corrective_skip_reason


def test_skipping_is_refused_unless_the_customer_is_responsible(complaint, manager, carry):
    c = carry(complaint, State.CUSTOMER_CONFIRMED)
    with pytest.raises(Conflict) as err:
        _transition(c, manager, State.FOLLOW_UP, note="No need")
    assert err.value.message == service_errors.GUARD_SKIP_ONLY_CUSTOMER
    assert err.value.code == "guard_skip"


def test_a_supplier_fault_needs_the_deduction(complaint, advisor, manager, quality, carry, shop):
    c = carry(complaint, State.INVESTIGATING)
    maker = SupplierFactory(shop=shop)
    c = services.complaint_update(
        pk=c.pk,
        user=advisor,
        version=c.version,
        category="product_quality",
        responsibility="supplier",
        supplier_pk=maker.pk,
    )
    c = _transition(c, advisor, State.RESOLVING)
    c = carry(c, State.CORRECTIVE_ACTION)
    action = _plan(c, manager, quality)
    services.corrective_action_record_result(pk=action.pk, user=quality, result="Changed batch")
    services.corrective_action_verify(pk=action.pk, user=manager, effective=True)
    with pytest.raises(Conflict) as err:
        _transition(c, advisor, State.FOLLOW_UP)
    assert err.value.message == service_errors.GUARD_SUPPLIER_DEDUCTION
    assert err.value.code == "guard_supplier_deduction"
    services.supplier_deduction_raise(
        complaint_pk=c.pk,
        user=manager,
        amount="380",
        part="Brake pads",
        improvement_request="Inspect the batch",
    )
    assert _transition(c, advisor, State.FOLLOW_UP).state == State.FOLLOW_UP


def test_closing_needs_the_opinion(complaint, advisor, carry):
    c = carry(complaint, State.FOLLOW_UP)
    with pytest.raises(Conflict) as err:
        _transition(c, advisor, State.CLOSED)
    assert err.value.code == "guard_follow_up"
    assert err.value.message == service_errors.GUARD_FOLLOW_UP % {"tries": 3}
    services.follow_up_record(complaint_pk=c.pk, user=advisor, reached=True, opinion="neutral")
    assert _transition(c, advisor, State.CLOSED).closed_at is not None


def test_closing_after_n_unreached_tries(complaint, advisor, carry, shop):
    ComplaintPolicy.objects.create(shop=shop, follow_up_max_tries=2)
    c = carry(complaint, State.FOLLOW_UP)
    services.follow_up_record(complaint_pk=c.pk, user=advisor, reached=False)
    with pytest.raises(Conflict) as refused:
        _transition(c, advisor, State.CLOSED)
    assert refused.value.message == service_errors.GUARD_FOLLOW_UP % {"tries": 2}
    services.follow_up_record(complaint_pk=c.pk, user=advisor, reached=False)
    assert _transition(c, advisor, State.CLOSED).state == State.CLOSED


def test_reopening_needs_a_reason_and_a_supervisor_or_manager(
    complaint, advisor, supervisor, carry
):
    c = carry(complaint, State.CLOSED)
    with pytest.raises(Forbidden) as refused:
        _transition(c, advisor, "reopened", note="Noise is back")
    assert refused.value.message == NOT_ALLOWED
    with pytest.raises(Invalid) as refused:
        _transition(c, supervisor, "reopened")
    assert refused.value.message == service_errors.GUARD_REOPEN_REASON
    c = _transition(c, supervisor, "reopened", note="Noise is back")
    assert (c.state, c.reopen_count, c.closed_at) == (State.INVESTIGATING, 1, None)
    row = ComplaintHistory.objects.filter(complaint=c).last()
    assert (row.kind, row.from_state, row.to_state, row.note) == (
        "reopened",
        "closed",
        "investigating",
        "Noise is back",
    )


def test_a_reopened_complaint_needs_a_new_confirmation(complaint, advisor, supervisor, carry):
    c = carry(complaint, State.CLOSED)
    c = _transition(c, supervisor, "reopened", note="Noise is back")
    c = _transition(c, advisor, State.RESOLVING)
    with pytest.raises(Conflict) as err:
        _transition(c, advisor, State.CUSTOMER_CONFIRMED)
    assert err.value.message == service_errors.GUARD_CONFIRMATION
    assert err.value.code == "guard_confirmation"


def test_every_transition_writes_one_history_row(complaint, carry):
    c = carry(complaint, State.CLOSED)
    rows = ComplaintHistory.objects.filter(complaint=c, kind="transition")
    assert [r.to_state for r in rows] == [
        "investigating",
        "resolving",
        "customer_confirmed",
        "corrective_action",
        "follow_up",
        "closed",
    ]


def test_a_refused_transition_writes_nothing(complaint, advisor):
    before = ComplaintHistory.objects.count()
    with pytest.raises(Conflict) as refused:
        _transition(complaint, advisor, State.CLOSED)
    labels = {"from": State.RECEIVED.label, "to": State.CLOSED.label}
    assert refused.value.message == service_errors.GUARD_NOT_ALLOWED % labels
    complaint.refresh_from_db()
    assert complaint.state == State.RECEIVED and ComplaintHistory.objects.count() == before


def test_it_is_resolved_only_once_the_manager_has_determined_the_nature(
    complaint, advisor, manager, carry
):
    """Seed 003 §6: the head of the shop determines the nature of the problem first."""
    c = carry(complaint, State.RESOLVING)
    c = services.complaint_update(pk=c.pk, user=manager, version=c.version, nature="")
    services.remedy_propose(complaint_pk=c.pk, user=advisor, kind="apology", amount="0")
    services.complaint_confirm(pk=c.pk, user=advisor, signed_name="Zhou Min", method="phone")
    with pytest.raises(Conflict) as refused:
        _transition(c, advisor, State.CUSTOMER_CONFIRMED)
    assert (refused.value.code, refused.value.message) == ("guard_nature", GUARD_NATURE)
    c.refresh_from_db()
    assert "to:customer_confirmed" not in services.complaint_actions(c, advisor)
    assert services.complaint_waiting_for(c, advisor) == [GUARD_NATURE]
    with pytest.raises(Forbidden) as refused:
        services.complaint_update(pk=c.pk, user=advisor, version=c.version, nature="Worn pads")
    assert refused.value.message == ONLY_A_MANAGER_DETERMINES
    c = services.complaint_update(pk=c.pk, user=manager, version=c.version, nature="Worn pads")
    assert "to:customer_confirmed" in services.complaint_actions(c, advisor)
    assert services.complaint_waiting_for(c, advisor) == []
    c = _transition(c, advisor, State.CUSTOMER_CONFIRMED)
    assert c.state == State.CUSTOMER_CONFIRMED and c.resolved_at is not None

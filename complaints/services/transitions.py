"""The one transition service: the state machine, its guards and its effects."""

from django.db import transaction
from django.utils import timezone

from servicedesk.errors import Conflict, Invalid

from .. import permissions as rules
from ..models import Complaint, HistoryKind, RemedyStatus, Responsibility, State
from .common import bump, locked, log, policy_for_shop, since_reopen
from .errors import (
    GUARD_ACTION_EFFECTIVE,
    GUARD_ACTION_PLANNED,
    GUARD_ACTION_RESULT,
    GUARD_ACTION_VERIFIED,
    GUARD_CATEGORY,
    GUARD_CONFIRMATION,
    GUARD_FOLLOW_UP,
    GUARD_NOT_ALLOWED,
    GUARD_PENDING,
    GUARD_REMEDY,
    GUARD_REOPEN_REASON,
    GUARD_SKIP_ONLY_CUSTOMER,
    GUARD_SKIP_REASON,
    GUARD_SUPPLIER_DEDUCTION,
)
from .guards import may_skip_corrective_action, require_mover

TRANSITIONS: dict[str, set[str]] = {
    State.RECEIVED: {State.INVESTIGATING},
    State.INVESTIGATING: {State.RESOLVING},
    State.RESOLVING: {State.CUSTOMER_CONFIRMED},
    State.CUSTOMER_CONFIRMED: {State.CORRECTIVE_ACTION, State.FOLLOW_UP},
    State.CORRECTIVE_ACTION: {State.FOLLOW_UP},
    State.FOLLOW_UP: {State.CLOSED},
    State.CLOSED: {State.INVESTIGATING},
}


REOPEN = "reopened"  # the API's name for closed → investigating


def _guard_resolving(complaint):
    if not complaint.category or not complaint.responsibility:
        raise Conflict(GUARD_CATEGORY, code="guard_category")


def _guard_confirmed(complaint):
    remedies = list(complaint.remedies.all())
    if not any(r.status != RemedyStatus.REJECTED for r in remedies):
        raise Conflict(GUARD_REMEDY, code="guard_remedy")
    if any(r.status == RemedyStatus.PENDING for r in remedies):
        raise Conflict(GUARD_PENDING, code="guard_pending")
    confirmed = complaint.confirmed_at is not None and bool(complaint.confirmed_name)
    if confirmed and complaint.reopened_at and complaint.confirmed_at <= complaint.reopened_at:
        confirmed = False
    if not confirmed:
        raise Conflict(GUARD_CONFIRMATION, code="guard_confirmation")


def _guard_supplier(complaint):
    needs = complaint.responsibility == Responsibility.SUPPLIER
    if needs and not complaint.supplier_deductions.exists():
        raise Conflict(GUARD_SUPPLIER_DEDUCTION, code="guard_supplier_deduction")


def _guard_actions_done(complaint):
    actions = list(complaint.corrective_actions.all())
    if not actions:
        raise Conflict(GUARD_ACTION_PLANNED, code="guard_action_planned")
    if any(a.result_at is None for a in actions):
        raise Conflict(GUARD_ACTION_RESULT, code="guard_action_result")
    if any(a.verified_at is None for a in actions):
        raise Conflict(GUARD_ACTION_VERIFIED, code="guard_action_verified")
    if not any(a.effective for a in actions):
        raise Conflict(GUARD_ACTION_EFFECTIVE, code="guard_action_effective")


def _guard_skip(complaint, by, note):
    rules.require(by, shop_id=complaint.shop_id, action="skip")
    if complaint.responsibility != Responsibility.CUSTOMER:
        raise Conflict(GUARD_SKIP_ONLY_CUSTOMER, code="guard_skip")
    if not note.strip():
        raise Invalid(GUARD_SKIP_REASON, field="note")


def _guard_closed(complaint):
    follow_ups = list(since_reopen(complaint.follow_ups.all(), complaint, "at"))
    if any(f.reached and f.opinion for f in follow_ups):
        return
    tries = policy_for_shop(complaint.shop_id).follow_up_max_tries
    if sum(1 for f in follow_ups if not f.reached) >= tries:
        return
    raise Conflict(GUARD_FOLLOW_UP % {"tries": tries}, code="guard_follow_up")


def next_states(complaint) -> list[str]:
    return sorted(TRANSITIONS.get(complaint.state, ()), key=lambda s: State.values.index(s))


def _guard_transition(complaint, to):
    if to not in TRANSITIONS.get(complaint.state, set()):
        labels = {
            "from": State(complaint.state).label,
            "to": State(to).label if to in State.values else to,
        }
        raise Conflict(GUARD_NOT_ALLOWED % labels, code="guard_transition")


def transition_action(complaint, to: str) -> str:
    """The action name of moving ``complaint`` to ``to``: ``skip`` (skipping the corrective
    action of a customer-caused complaint), ``reopen``, or ``to:<state>``."""
    if complaint.state == State.CUSTOMER_CONFIRMED and to == State.FOLLOW_UP:
        return "skip"
    if complaint.state == State.CLOSED:
        return "reopen"
    return f"to:{to}"


@transaction.atomic
def complaint_transition(*, pk: int, by, to: str, note: str = "") -> Complaint:
    """Move the complaint to ``to`` if its guard holds. Holds the complaint's row lock from
    reading the guard to writing the history row."""
    complaint = locked(pk)
    note = (note or "").strip()
    if to == REOPEN:
        to = State.INVESTIGATING
    source = complaint.state
    require_mover(complaint, by)
    _guard_transition(complaint, to)

    now = timezone.now()
    fields = ["state"]
    kind = HistoryKind.TRANSITION
    if to == State.INVESTIGATING and source == State.RECEIVED:
        if complaint.first_responded_at is None:
            complaint.first_responded_at = now
            fields.append("first_responded_at")
    elif to == State.RESOLVING:
        _guard_resolving(complaint)
    elif to == State.CUSTOMER_CONFIRMED:
        _guard_confirmed(complaint)
        complaint.resolved_at = now
        fields.append("resolved_at")
    elif to == State.FOLLOW_UP:
        if source == State.CUSTOMER_CONFIRMED:
            _guard_skip(complaint, by, note)
            skipped = True
        else:
            try:
                _guard_actions_done(complaint)
                skipped = False
            except Conflict:
                if (
                    not may_skip_corrective_action(complaint, by)
                    or complaint.corrective_actions.exists()
                ):
                    raise
                _guard_skip(complaint, by, note)
                skipped = True
        if skipped:
            complaint.corrective_skip_reason = note
            fields.append("corrective_skip_reason")
        _guard_supplier(complaint)
    elif to == State.CLOSED:
        _guard_closed(complaint)
        complaint.closed_at = now
        fields.append("closed_at")
    elif source == State.CLOSED:
        if not note:
            raise Invalid(GUARD_REOPEN_REASON, field="note")
        kind = HistoryKind.REOPENED
        complaint.closed_at = None
        complaint.resolved_at = None
        complaint.reopened_at = now
        complaint.reopen_count += 1
        fields += ["closed_at", "resolved_at", "reopened_at", "reopen_count"]
    complaint.state = to
    bump(complaint, fields)
    log(complaint, kind=kind, by=by, note=note, from_state=source, to_state=to)
    return complaint

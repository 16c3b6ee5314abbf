"""The one transition service: the state machine, its guards and its effects."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from servicedesk.dates import happened_at
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
    GUARD_CORRECTION,
    GUARD_FOLLOW_UP,
    GUARD_NOT_ALLOWED,
    GUARD_PENDING,
    GUARD_REMEDY,
    GUARD_REOPEN_REASON,
    GUARD_SKIP_ONLY_CUSTOMER,
    GUARD_SKIP_REASON,
    GUARD_SUPPLIER_DEDUCTION,
)
from .guards import guard_nature_determined, may_skip_corrective_action, require_mover
from .pauses import end_running_pause
from .progress import complaint_tell_customer

REOPEN = "reopened"  # the API's name for closed → investigating


def _guard_resolving(complaint, user, note):
    if not complaint.category or not complaint.responsibility:
        raise Conflict(GUARD_CATEGORY, code="guard_category")


def _guard_corrected(complaint):
    """An internal nonconformity no customer takes part in: no customer's confirmation, no
    remedy needed; what was done at once to correct it is recorded, none awaits approval."""
    if not (complaint.immediate_response or "").strip():
        raise Conflict(GUARD_CORRECTION, code="guard_correction")
    if complaint.remedies.filter(status=RemedyStatus.PENDING).exists():
        raise Conflict(GUARD_PENDING, code="guard_pending")


def _guard_confirmed(complaint, user, note):
    if not complaint.customer_facing:
        _guard_corrected(complaint)
        return
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


def _guard_skip(complaint, user, note):
    rules.require(user, shop_id=complaint.shop_id, action="skip")
    if complaint.responsibility != Responsibility.CUSTOMER:
        raise Conflict(GUARD_SKIP_ONLY_CUSTOMER, code="guard_skip")
    if not note.strip():
        raise Invalid(GUARD_SKIP_REASON, field="note")


def _guard_closed(complaint, user, note):
    if not complaint.customer_facing:
        return  # no customer to ask: closed once its corrective action is verified
    follow_ups = list(since_reopen(complaint.follow_ups.all(), complaint, "at"))
    if any(f.reached and f.opinion for f in follow_ups):
        return
    tries = policy_for_shop(complaint.shop_id).follow_up_max_tries
    if sum(1 for f in follow_ups if not f.reached) >= tries:
        return
    raise Conflict(GUARD_FOLLOW_UP % {"tries": tries}, code="guard_follow_up")


def _no_guard(complaint, user, note):
    return None


def _guard_skip_now(complaint, user, note) -> bool:
    """Skipping the corrective action of a customer-caused complaint."""
    _guard_skip(complaint, user, note)
    _guard_supplier(complaint)
    return True


def _guard_actions_or_skip(complaint, user, note) -> bool:
    """The corrective actions done, or none planned and the stage skipped after all (a manager,
    a customer-caused complaint, a reason): whether it was skipped."""
    try:
        _guard_actions_done(complaint)
        skipped = False
    except Conflict:
        if not may_skip_corrective_action(complaint, user) or complaint.corrective_actions.exists():
            raise
        _guard_skip(complaint, user, note)
        skipped = True
    _guard_supplier(complaint)
    return skipped


def _guard_reopen(complaint, user, note):
    if not note:
        raise Invalid(GUARD_REOPEN_REASON, field="note")


def _nothing(complaint, now, note, skipped) -> list[str]:
    return []


def _first_response(complaint, now, note, skipped) -> list[str]:
    if complaint.first_responded_at is not None:
        return []
    complaint.first_responded_at = now
    return ["first_responded_at"]


def _stamp(field: str):
    def effect(complaint, now, note, skipped) -> list[str]:
        setattr(complaint, field, now)
        return [field]

    return effect


def _record_skip(complaint, now, note, skipped) -> list[str]:
    if not skipped:
        return []
    complaint.corrective_skip_reason = note
    return ["corrective_skip_reason"]


def _reopen(complaint, now, note, skipped) -> list[str]:
    complaint.closed_at = None
    complaint.resolved_at = None
    complaint.reopened_at = now
    complaint.reopen_count += 1
    return ["closed_at", "resolved_at", "reopened_at", "reopen_count"]


@dataclass(frozen=True)
class Move:
    """One transition: ``guard(complaint, user, note)`` raises to refuse and answers whether the
    corrective action was skipped; ``effect(complaint, now, note, skipped)`` sets the stamps and
    returns the fields it set. ``gate(complaint)``, checked first, is a precondition the handler
    cannot meet on the page themselves (another role's determination): ``complaint_actions``
    asks it too, so the move is not offered while it refuses, and the page says why."""

    guard: Callable
    effect: Callable
    action: str = ""  # the name pages and the API use; ``to:<target>`` when empty
    kind: str = HistoryKind.TRANSITION
    gate: Callable | None = None


S = State
# The state machine, (source, target) → its move: the one place saying which moves exist, what
# each checks and what each writes. ``next_states``, ``transition_action`` and
# ``complaint_actions`` read it too.
MOVES: dict[tuple[str, str], Move] = {
    (S.RECEIVED, S.INVESTIGATING): Move(_no_guard, _first_response),
    (S.INVESTIGATING, S.RESOLVING): Move(_guard_resolving, _nothing),
    # The move that resolves (it stops the resolution clock): after the manager's determination.
    (S.RESOLVING, S.CUSTOMER_CONFIRMED): Move(
        _guard_confirmed, _stamp("resolved_at"), gate=guard_nature_determined
    ),
    (S.CUSTOMER_CONFIRMED, S.CORRECTIVE_ACTION): Move(_no_guard, _nothing),
    (S.CUSTOMER_CONFIRMED, S.FOLLOW_UP): Move(_guard_skip_now, _record_skip, action="skip"),
    (S.CORRECTIVE_ACTION, S.FOLLOW_UP): Move(_guard_actions_or_skip, _record_skip),
    (S.FOLLOW_UP, S.CLOSED): Move(_guard_closed, _stamp("closed_at")),
    (S.CLOSED, S.INVESTIGATING): Move(
        _guard_reopen, _reopen, action="reopen", kind=HistoryKind.REOPENED
    ),
}


def next_states(complaint) -> list[str]:
    targets = [to for source, to in MOVES if source == complaint.state]
    return sorted(targets, key=lambda s: State.values.index(s))


def _move(complaint, to) -> Move:
    move = MOVES.get((complaint.state, to))
    if move is None:
        labels = {
            "from": State(complaint.state).label,
            "to": State(to).label if to in State.values else to,
        }
        raise Conflict(GUARD_NOT_ALLOWED % labels, code="guard_transition")
    return move


def gate_refusal(complaint, to: str) -> Conflict | None:
    """The refusal of the gate of moving ``complaint`` to ``to`` (None: no gate, or it holds)."""
    move = MOVES.get((complaint.state, to))
    if move is None or move.gate is None:
        return None
    try:
        move.gate(complaint)
    except Conflict as refusal:
        return refusal
    return None


def transition_action(complaint, to: str) -> str:
    """The action name of moving ``complaint`` to ``to``: ``skip`` (skipping the corrective
    action of a customer-caused complaint), ``reopen``, or ``to:<state>``."""
    move = MOVES.get((complaint.state, to))
    return (move and move.action) or f"to:{to}"


@transaction.atomic
def complaint_transition(
    *, pk: int, user, to: str, note: str = "", at: datetime | None = None
) -> Complaint:
    """Move the complaint to ``to`` if its guard holds, ``at`` (now unless said). Holds the
    complaint's row lock from reading the guard to writing the history row."""
    complaint = locked(pk)
    at = happened_at(at)
    note = (note or "").strip()
    if to == REOPEN:
        to = State.INVESTIGATING
    source = complaint.state
    require_mover(complaint, user)
    move = _move(complaint, to)
    if move.gate is not None:
        move.gate(complaint)
    skipped = bool(move.guard(complaint, user, note))
    if to == State.CLOSED and complaint.paused_since is not None:
        # Closing ends the customer's case: nothing waits any more.
        end_running_pause(complaint, user=user, at=at)
    fields = ["state", *move.effect(complaint, at, note, skipped)]
    complaint.state = to
    bump(complaint, fields)
    log(complaint, kind=move.kind, by=user, note=note, from_state=source, to_state=to, at=at)
    complaint_tell_customer(complaint, at=at)
    return complaint

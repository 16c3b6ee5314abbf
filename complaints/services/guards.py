"""The named guards the services refuse with and ``complaint_actions`` asks. Each raises
Forbidden/NotFound (who) or Conflict (the record's state)."""

from servicedesk.errors import Conflict

from .. import permissions as rules
from ..models import RESOLVED_STATES, Responsibility, State
from .errors import (
    ALREADY_PAUSED,
    ALREADY_VERIFIED,
    CLOSED_NO_EDIT,
    CONFIRM_ONLY_RESOLVING,
    DEDUCTION_ONLY_SUPPLIER,
    FOLLOW_UP_ONLY_IN_STATE,
    GUARD_NATURE,
    NO_CUSTOMER_TO_CONFIRM,
    NO_CUSTOMER_TO_FOLLOW_UP,
    NO_REMEDY_NOW,
    NOT_PAUSED,
    RESULT_ALREADY_VERIFIED,
    RESULT_MISSING,
)


def guard_nature_determined(complaint):
    """Seed 003 §6: resolved only once a manager has determined the nature of the problem."""
    if not (complaint.nature or "").strip():
        raise Conflict(GUARD_NATURE, code="guard_nature")


def guard_open(complaint):
    if complaint.state == State.CLOSED:
        raise Conflict(CLOSED_NO_EDIT)


def guard_pausable(complaint):
    """A complaint's clocks pause while it is open and not paused already."""
    guard_open(complaint)
    if complaint.paused_since is not None:
        raise Conflict(ALREADY_PAUSED, code="paused")


def guard_resumable(complaint):
    if complaint.paused_since is None:
        raise Conflict(NOT_PAUSED, code="not_paused")


def guard_remedy_open(complaint):
    if complaint.state in RESOLVED_STATES:
        raise Conflict(NO_REMEDY_NOW)


def guard_confirm_state(complaint):
    if not complaint.customer_facing:
        raise Conflict(NO_CUSTOMER_TO_CONFIRM)
    if complaint.state != State.RESOLVING:
        raise Conflict(CONFIRM_ONLY_RESOLVING)


def guard_follow_up_state(complaint):
    if not complaint.customer_facing:
        raise Conflict(NO_CUSTOMER_TO_FOLLOW_UP)
    if complaint.state != State.FOLLOW_UP:
        raise Conflict(FOLLOW_UP_ONLY_IN_STATE)


def guard_deduction_applies(complaint):
    if complaint.responsibility != Responsibility.SUPPLIER:
        raise Conflict(DEDUCTION_ONLY_SUPPLIER)
    guard_open(complaint)


def require_mover(complaint, user):
    """Who may move the complaint: the reopeners once it is closed, its handlers before."""
    if complaint.state == State.CLOSED:
        rules.require(user, shop_id=complaint.shop_id, action="reopen")
    else:
        rules.require_complaint_handler(user, complaint=complaint)


def guard_result_open(action):
    if action.verified_at is not None:
        raise Conflict(RESULT_ALREADY_VERIFIED)


def guard_verifiable(action):
    if action.verified_at is not None:
        raise Conflict(ALREADY_VERIFIED, code="decided")
    if action.result_at is None:
        raise Conflict(RESULT_MISSING)


def may_skip_corrective_action(complaint, user) -> bool:
    return (
        complaint.responsibility == Responsibility.CUSTOMER
        and rules.may(user, shop_id=complaint.shop_id, action="skip")
        and complaint.state in (State.CUSTOMER_CONFIRMED, State.CORRECTIVE_ACTION)
    )

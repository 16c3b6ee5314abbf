"""What a user may do with a complaint or a corrective action now, asked of the guards the
services refuse with, so a page offers exactly what the service accepts."""

from servicedesk.errors import passes

from .. import permissions as rules
from .guards import (
    guard_confirm_state,
    guard_deduction_applies,
    guard_follow_up_state,
    guard_open,
    guard_pausable,
    guard_remedy_open,
    guard_result_open,
    guard_resumable,
    guard_verifiable,
    may_skip_corrective_action,
    require_mover,
)
from .transitions import gate_refusal, next_states, transition_action


def complaint_actions(complaint, user) -> frozenset[str]:
    """What ``user`` may do with ``complaint`` now (who they are, and its state), asked of the
    guards the services refuse with: ``edit``, ``determine_nature``, ``propose``, ``confirm``,
    ``follow_up``, ``plan``, ``raise_deduction``, ``pause``, ``resume``, and the moves
    (``to:<state>``, ``skip``, ``reopen``). The content a move checks (a category, a remedy, a
    result) is left to the service, whose refusal says what is missing."""
    c = complaint

    def handler():
        rules.require_complaint_handler(user, complaint=c)

    def role(action):
        return lambda: rules.require(user, shop_id=c.shop_id, action=action)

    def state(guard):
        return lambda: guard(c)

    checks = {
        "edit": (handler, state(guard_open)),
        "determine_nature": (handler, state(guard_open), role("determine_nature")),
        "propose": (handler, state(guard_remedy_open)),
        "confirm": (handler, state(guard_confirm_state)),
        "follow_up": (handler, state(guard_follow_up_state)),
        "plan": (role("plan"), state(guard_open)),
        "raise_deduction": (role("raise_deduction"), state(guard_deduction_applies)),
        "pause": (handler, state(guard_pausable)),
        "resume": (handler, state(guard_resumable)),
    }
    offered = {name for name, guards in checks.items() if passes(*guards)}
    if passes(lambda: require_mover(c, user)):
        for to in next_states(c):
            name = transition_action(c, to)
            if name == "skip" and not may_skip_corrective_action(c, user):
                continue
            if gate_refusal(c, to) is not None:
                continue
            offered.add(name)
    return frozenset(offered)


def complaint_waiting_for(complaint, user) -> list[str]:
    """Why a move the user would be offered is not, said by its gate's refusal (the nature the
    manager has not determined yet): what the complaint's page shows in place of the button."""
    if not passes(lambda: require_mover(complaint, user)):
        return []
    reasons = []
    for to in next_states(complaint):
        refusal = gate_refusal(complaint, to)
        if refusal is not None and refusal.message not in reasons:
            reasons.append(refusal.message)
    return reasons


def corrective_action_actions(action, user) -> frozenset[str]:
    """What ``user`` may do with a corrective action now: ``record`` its result (its owner,
    until it is verified), ``verify`` it (a manager, once it has a result)."""
    offered = set()
    if passes(
        lambda: rules.require_action_owner(user, action=action),
        lambda: guard_result_open(action),
    ):
        offered.add("record")
    if passes(
        lambda: rules.require(user, shop_id=action.complaint.shop_id, action="verify"),
        lambda: guard_verifiable(action),
    ):
        offered.add("verify")
    return frozenset(offered)

"""Every write to a complaint: intake, edits, the one transition service, remedies and their
decisions, the customer's confirmation, corrective action, supplier deductions and the money to
pay the customer, follow-ups; a module per aggregate, the messages in ``errors``.

Each service is one transaction, locks the rows it changes and writes the history row."""

from .actions import complaint_actions, complaint_waiting_for, corrective_action_actions
from .common import policy_for_shop
from .confirmation import complaint_confirm
from .corrective import (
    corrective_action_plan,
    corrective_action_record_result,
    corrective_action_verify,
)
from .deductions import (
    customer_settlement_settle,
    supplier_deduction_answer,
    supplier_deduction_apply,
    supplier_deduction_raise,
)
from .edits import complaint_update
from .errors import ALREADY_SETTLED, FIELD_REQUIRED, VERSION_REQUIRED
from .follow_ups import follow_up_record, follow_up_tries_left
from .intake import complaint_open, complaint_open_if_not_satisfied
from .pauses import complaint_pause, complaint_resume
from .remedies import remedy_decide, remedy_propose
from .transitions import REOPEN, complaint_transition, next_states, transition_action

__all__ = [
    "ALREADY_SETTLED",
    "FIELD_REQUIRED",
    "REOPEN",
    "VERSION_REQUIRED",
    "complaint_actions",
    "complaint_waiting_for",
    "complaint_confirm",
    "complaint_open",
    "complaint_pause",
    "complaint_resume",
    "complaint_transition",
    "complaint_update",
    "corrective_action_actions",
    "corrective_action_plan",
    "corrective_action_record_result",
    "corrective_action_verify",
    "customer_settlement_settle",
    "follow_up_record",
    "follow_up_tries_left",
    "next_states",
    "complaint_open_if_not_satisfied",
    "policy_for_shop",
    "remedy_decide",
    "remedy_propose",
    "supplier_deduction_answer",
    "supplier_deduction_apply",
    "supplier_deduction_raise",
    "transition_action",
]

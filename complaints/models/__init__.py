"""The Customer Feedback Handling Report (客户意见处理报告): a complaint from intake to close.

State changes, edits and decisions go only through ``complaints.services``; every one of them
writes an append-only ``ComplaintHistory`` row in the same transaction.

A module per aggregate (the complaint, its history, remedies, corrective actions, the money it
moves, follow-ups), all named here: import them from ``complaints.models``.
"""

from .complaint import (
    AT_LEAST_ONE,
    CLOCK_TARGETS,
    RESOLVED_STATES,
    STATE_ORDER,
    Category,
    Complaint,
    ComplaintChannel,
    ComplaintPolicy,
    PauseReason,
    Responsibility,
    Severity,
    Source,
    State,
)
from .corrective import CorrectiveAction
from .follow_ups import FollowUp, Opinion
from .history import (
    HISTORY_IS_APPEND_ONLY,
    AppendOnlyError,
    ComplaintHistory,
    ComplaintHistoryQuerySet,
    HistoryKind,
)
from .pauses import ComplaintPause
from .remedies import (
    KINDS_ALWAYS_NEEDING_APPROVAL,
    MONEY_KINDS,
    Remedy,
    RemedyKind,
    RemedyStatus,
)
from .settlements import CustomerSettlement, SupplierDeduction

__all__ = [
    "AT_LEAST_ONE",
    "CLOCK_TARGETS",
    "HISTORY_IS_APPEND_ONLY",
    "KINDS_ALWAYS_NEEDING_APPROVAL",
    "MONEY_KINDS",
    "RESOLVED_STATES",
    "STATE_ORDER",
    "AppendOnlyError",
    "Category",
    "Complaint",
    "ComplaintChannel",
    "ComplaintHistory",
    "ComplaintHistoryQuerySet",
    "ComplaintPause",
    "ComplaintPolicy",
    "CorrectiveAction",
    "CustomerSettlement",
    "FollowUp",
    "HistoryKind",
    "Opinion",
    "PauseReason",
    "Remedy",
    "RemedyKind",
    "RemedyStatus",
    "Responsibility",
    "Severity",
    "Source",
    "State",
    "SupplierDeduction",
]

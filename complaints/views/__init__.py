"""Browser pages. Each view parses a form, calls one service or selector, and renders; domain
errors go back onto the form (or, as a fallback, to DomainErrorMiddleware)."""

from .detail import (
    action_plan,
    complaint_confirm,
    complaint_detail,
    complaint_edit,
    complaint_message,
    complaint_pause,
    complaint_report,
    complaint_report_pdf,
    complaint_resume,
    complaint_transition,
    deduction_raise,
    follow_up_record,
    remedy_propose,
    signature_image,
)
from .intake import complaint_new, internal_report
from .lists import (
    action_list,
    approval_queue,
    complaint_export,
    complaint_export_xlsx,
    complaint_list,
    deduction_list,
    settlement_list,
)
from .rows import (
    action_result,
    action_verify,
    deduction_answer,
    deduction_apply,
    remedy_decide,
    settlement_settle,
)

__all__ = [
    "action_list",
    "action_plan",
    "action_result",
    "action_verify",
    "approval_queue",
    "complaint_confirm",
    "complaint_detail",
    "complaint_edit",
    "complaint_export",
    "complaint_export_xlsx",
    "complaint_list",
    "complaint_message",
    "internal_report",
    "complaint_pause",
    "complaint_resume",
    "complaint_new",
    "complaint_report",
    "complaint_report_pdf",
    "complaint_transition",
    "deduction_answer",
    "deduction_apply",
    "deduction_list",
    "deduction_raise",
    "follow_up_record",
    "remedy_decide",
    "remedy_propose",
    "settlement_list",
    "settlement_settle",
    "signature_image",
]

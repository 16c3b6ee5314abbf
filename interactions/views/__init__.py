"""Browser pages: the advisor's desk, the team view, one page per interaction (htmx stage
forms), the escalation queue and the communication log entry."""

from .canned_replies import canned_replies, canned_reply_edit
from .communications import communication_list, communication_new
from .desk import desk, interaction_list, new, start, team
from .detail import (
    close,
    customer_new,
    detail,
    escalate,
    identify,
    learned,
    stage_save,
    work_order_open,
)
from .escalations import escalation, escalation_queue
from .inbox import inbox, inbox_attachment, inbox_detail, mailgun_inbound, sms_inbound

__all__ = [
    "canned_replies",
    "canned_reply_edit",
    "close",
    "communication_list",
    "communication_new",
    "customer_new",
    "desk",
    "detail",
    "escalate",
    "escalation",
    "escalation_queue",
    "identify",
    "inbox",
    "inbox_attachment",
    "inbox_detail",
    "mailgun_inbound",
    "sms_inbound",
    "interaction_list",
    "learned",
    "new",
    "stage_save",
    "start",
    "team",
    "work_order_open",
]

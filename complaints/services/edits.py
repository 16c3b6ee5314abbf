"""Editing a complaint's facts under the copy check."""

from datetime import datetime

from django.db import transaction

from servicedesk.dates import happened_at
from servicedesk.errors import Conflict, Invalid

from .. import permissions as rules
from ..models import Category, Complaint, ComplaintChannel, HistoryKind, Responsibility, Severity
from .common import bump, check_links, locked, log, set_clocks
from .errors import FIELD_REQUIRED, STALE_COPY, VERSION_REQUIRED
from .guards import guard_open

EDITABLE_FIELDS = (
    "customer_words",
    "requested_remedy",
    "channel",
    "severity",
    "immediate_response",
    "category",
    "responsibility",
    "nature",
    "supplier",
    "customer",
    "customer_name",
    "vehicle",
    "work_order",
    "work_order_line",
    "technician",
)


def _display(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "pk"):
        return str(value)
    return str(value)


@transaction.atomic
def complaint_update(
    *, pk: int, user, version: int | None, note: str = "", at: datetime | None = None, **facts
) -> Complaint:
    """Edit the facts; ``version`` is the one the caller read (a stale copy is a Conflict)."""
    complaint = locked(pk)
    rules.require_complaint_handler(user, complaint=complaint)
    if version is None:
        raise Invalid(VERSION_REQUIRED, field="version")
    if int(version) != complaint.version:
        raise Conflict(STALE_COPY, code="stale")
    guard_open(complaint)
    unknown = set(facts) - set(EDITABLE_FIELDS)
    if unknown:
        raise Invalid(FIELD_REQUIRED, field=sorted(unknown)[0])
    links = {
        k: v
        for k, v in facts.items()
        if k in ("customer", "vehicle", "work_order", "work_order_line", "technician", "supplier")
    }
    check_links(complaint.shop_id, **links)
    if "customer_words" in facts and not (facts["customer_words"] or "").strip():
        raise Invalid(FIELD_REQUIRED, field="customer_words")
    checks = {
        "severity": Severity.values,
        "channel": ComplaintChannel.values,
        "category": ["", *Category.values],
        "responsibility": ["", *Responsibility.values],
    }
    for field, allowed in checks.items():
        if field in facts and facts[field] not in allowed:
            raise Invalid(FIELD_REQUIRED, field=field)
    changes = {}
    for field, value in facts.items():
        old = getattr(complaint, field)
        if (old.pk if hasattr(old, "pk") else old) == (value.pk if hasattr(value, "pk") else value):
            continue
        changes[field] = [_display(old), _display(value)]
        setattr(complaint, field, value)
    if "nature" in changes:
        rules.require(user, shop_id=complaint.shop_id, action="determine_nature")
    if not changes:
        return complaint
    fields = list(changes)
    if "severity" in changes:
        set_clocks(complaint)
        fields += ["first_response_due", "resolution_due"]
    if "immediate_response" in changes and complaint.first_responded_at is None:
        complaint.first_responded_at = happened_at(at)
        fields.append("first_responded_at")
    bump(complaint, fields)
    log(complaint, kind=HistoryKind.EDIT, by=user, note=note, changes=changes, at=at)
    return complaint

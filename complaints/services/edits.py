"""Editing a complaint's facts under the copy check."""

from datetime import datetime

from django.db import transaction

from servicedesk.dates import happened_at
from servicedesk.errors import Conflict, Invalid
from servicedesk.notifications import messages

from .. import permissions as rules
from .. import texts
from ..models import Category, Complaint, ComplaintChannel, HistoryKind, Responsibility, Severity
from .common import bump, check_links, links_load, locked, log, notify, set_clocks
from .errors import FIELD_REQUIRED, STALE_COPY, VERSION_REQUIRED
from .guards import guard_open

# The complaint's linked records: given to ``complaint_update`` by id, as ``<name>_pk``.
LINKS = ("customer", "vehicle", "work_order", "work_order_line", "technician", "supplier")

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

# What ``complaint_update`` takes: the editable fields, a linked record by its id.
_ACCEPTED = frozenset(f"{name}_pk" if name in LINKS else name for name in EDITABLE_FIELDS)


def _display(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "pk"):
        return str(value)
    return str(value)


def _with_records(facts: dict) -> dict:
    """``facts`` with each ``<name>_pk`` replaced by its record as ``<name>``, in their order."""
    records = links_load(**{k: v for k, v in facts.items() if k.endswith("_pk")})
    return {
        key.removesuffix("_pk"): records[key[:-3]] if key.endswith("_pk") else value
        for key, value in facts.items()
    }


@transaction.atomic
def complaint_update(
    *, pk: int, user, version: int | None, note: str = "", at: datetime | None = None, **facts
) -> Complaint:
    """Edit the facts; ``version`` is the one the caller read (a stale copy is a Conflict).
    A linked record is given by id (``supplier_pk=``; None unlinks it), and must be of the
    complaint's shop; the history row shows each change as it reads."""
    complaint = locked(pk)
    rules.require_complaint_handler(user, complaint=complaint)
    if version is None:
        raise Invalid(VERSION_REQUIRED, field="version")
    if int(version) != complaint.version:
        raise Conflict(STALE_COPY, code="stale")
    guard_open(complaint)
    unknown = set(facts) - _ACCEPTED
    if unknown:
        raise Invalid(FIELD_REQUIRED, field=sorted(unknown)[0])
    facts = _with_records(facts)
    check_links(complaint.shop_id, **{k: v for k, v in facts.items() if k in LINKS})
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
    if "category" in changes and complaint.category == Category.SERVICE_CONTENT_ERROR:
        _route_service_content(complaint, user=user, at=at)
    return complaint


def _route_service_content(complaint, *, user, at) -> None:
    """Seed 003 §5(3): from now on the duty supervisor's or the manager's to handle (and to
    approve remedies of: the approval rule already names them); they are told once."""
    notify(
        rules.told_of_service_content(complaint, but=user),
        complaint,
        kind="service_content_error",
        message=texts.SERVICE_CONTENT_ERROR,
        key=f"service-content:{complaint.pk}",
        params={
            "source": messages.choice(complaint, "source"),
            "words": complaint.customer_words[:1000],
        },
        at=at,
    )

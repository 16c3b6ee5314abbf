"""Remedies: proposed, decided once, and approved money raised for the cashier."""

from datetime import datetime

from django.db import transaction

from servicedesk.accounts.selectors import on_duty_approvers
from servicedesk.dates import happened_at
from servicedesk.errors import Conflict, Invalid

from .. import permissions as rules
from .. import texts
from ..models import MONEY_KINDS, CustomerSettlement, HistoryKind, Remedy, RemedyKind, RemedyStatus
from .common import lock_row, locked, log, notify, parse_amount
from .errors import ALREADY_DECIDED, FIELD_REQUIRED
from .guards import guard_remedy_open


@transaction.atomic
def remedy_propose(
    *,
    complaint_pk: int,
    user,
    kind: str,
    amount,
    description: str = "",
    at: datetime | None = None,
) -> Remedy:
    complaint = locked(complaint_pk)
    at = happened_at(at)
    role = rules.require_complaint_handler(user, complaint=complaint)
    if kind not in RemedyKind.values:
        raise Invalid(FIELD_REQUIRED, field="kind")
    amount = parse_amount(amount)
    guard_remedy_open(complaint)
    pending = rules.needs_approval(kind=kind, amount=amount, shop_id=complaint.shop_id, role=role)
    remedy = Remedy.objects.create(
        complaint=complaint,
        kind=kind,
        amount=amount,
        description=description or "",
        proposed_by=user,
        status=RemedyStatus.PENDING if pending else RemedyStatus.NOT_REQUIRED,
        proposed_at=at,
    )
    log(
        complaint,
        kind=HistoryKind.REMEDY_PROPOSED,
        by=user,
        note=f"{remedy.get_kind_display()} {amount} · {remedy.get_status_display()}",
        changes={
            "remedy": remedy.pk,
            "remedy_kind": remedy.kind,
            "amount": str(amount),
            "remedy_status": remedy.status,
        },
        at=at,
    )
    if pending:
        approvers = [m.user for m in on_duty_approvers(shop_id=complaint.shop_id) if m.user != user]
        notify(
            approvers,
            complaint,
            kind="remedy_pending",
            message=texts.REMEDY_PENDING,
            key=f"remedy:{remedy.pk}",
            at=at,
        )
    return remedy


@transaction.atomic
def remedy_decide(
    *, pk: int, user, approve: bool, note: str = "", at: datetime | None = None
) -> Remedy:
    """Approve or reject once. The remedy row is locked first, so of two deciders at the same
    moment the second sees the first's decision and gets a Conflict."""
    remedy = lock_row(Remedy, pk)
    rules.require_approver(user, remedy=remedy)
    if remedy.status != RemedyStatus.PENDING:
        raise Conflict(ALREADY_DECIDED % {"status": remedy.get_status_display()}, code="decided")
    remedy.status = RemedyStatus.APPROVED if approve else RemedyStatus.REJECTED
    remedy.decided_by = user
    remedy.decided_at = happened_at(at)
    remedy.decision_note = note or ""
    remedy.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    log(
        remedy.complaint,
        kind=HistoryKind.REMEDY_APPROVED if approve else HistoryKind.REMEDY_REJECTED,
        by=user,
        note=f"{remedy.get_kind_display()} {remedy.amount}" + (f" · {note}" if note else ""),
        changes={
            "remedy": remedy.pk,
            "remedy_kind": remedy.kind,
            "amount": str(remedy.amount),
            "text": note or "",
        },
        at=remedy.decided_at,
    )
    if remedy.proposed_by_id != user.pk:
        notify(
            [remedy.proposed_by],
            remedy.complaint,
            kind="remedy_decided",
            message=texts.REMEDY_APPROVED if approve else texts.REMEDY_REJECTED,
            key=f"remedy-decided:{remedy.pk}",
            at=remedy.decided_at,
        )
    if approve and remedy.kind in MONEY_KINDS and remedy.amount > 0:
        _settlement_raise(remedy, user=user, at=remedy.decided_at)
    return remedy


def _settlement_raise(remedy: Remedy, *, user, at: datetime) -> CustomerSettlement:
    """Approved money becomes a line the cashier settles. Precondition: the remedy row is locked
    and was pending until now, so this runs once per remedy (the one-to-one holds it too)."""
    complaint = remedy.complaint
    settlement = CustomerSettlement.objects.create(
        shop_id=complaint.shop_id,
        complaint=complaint,
        remedy=remedy,
        kind=remedy.kind,
        amount=remedy.amount,
        raised_at=at,
    )
    log(
        complaint,
        kind=HistoryKind.SETTLEMENT_RAISED,
        by=user,
        note=f"{remedy.get_kind_display()} {remedy.amount}",
        changes={
            "settlement": settlement.pk,
            "remedy_kind": remedy.kind,
            "amount": str(remedy.amount),
        },
        at=at,
    )
    notify(
        rules.cashiers_to_tell(shop_id=complaint.shop_id),
        complaint,
        kind="customer_settlement",
        message=texts.SETTLEMENT_TO_PAY,
        key=f"settlement:{settlement.pk}",
        at=at,
    )
    return settlement

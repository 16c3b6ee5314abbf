"""Money: supplier deductions raised and applied, and the customer's settlement paid, once."""

from datetime import datetime

from django.db import transaction

from servicedesk.dates import happened_at
from servicedesk.errors import Conflict, Invalid

from .. import permissions as rules
from .. import texts
from ..models import CustomerSettlement, HistoryKind, SupplierDeduction
from .common import check_links, links_load, lock_row, locked, log, notify, parse_amount
from .errors import (
    ALREADY_ANSWERED,
    ALREADY_APPLIED,
    ALREADY_SETTLED,
    BAD_AMOUNT,
    FIELD_REQUIRED,
    SUPPLIER_REQUIRED,
)
from .guards import guard_deduction_applies


@transaction.atomic
def supplier_deduction_raise(
    *,
    complaint_pk: int,
    user,
    amount,
    part: str,
    improvement_request: str,
    supplier_pk: int | None = None,
    work_order_line_pk: int | None = None,
    at: datetime | None = None,
) -> SupplierDeduction:
    """The supplier's deduction for a part that failed: the supplier and line given by id, or
    the complaint's own (the line's supplier where the complaint names none)."""
    complaint = locked(complaint_pk)
    at = happened_at(at)
    rules.require(user, shop_id=complaint.shop_id, action="raise_deduction")
    guard_deduction_applies(complaint)
    named = links_load(supplier_pk=supplier_pk, work_order_line_pk=work_order_line_pk)
    supplier, work_order_line = named["supplier"], named["work_order_line"]
    line = work_order_line or complaint.work_order_line
    supplier = supplier or complaint.supplier or (line.supplier if line else None)
    if supplier is None:
        raise Invalid(SUPPLIER_REQUIRED, field="supplier")
    check_links(complaint.shop_id, supplier=supplier, work_order_line=work_order_line)
    amount = parse_amount(amount)
    if amount == 0:
        raise Invalid(BAD_AMOUNT, field="amount")
    part = (part or (line.description if line else "")).strip()
    if not part:
        raise Invalid(FIELD_REQUIRED, field="part")
    if not (improvement_request or "").strip():
        raise Invalid(FIELD_REQUIRED, field="improvement_request")
    deduction = SupplierDeduction.objects.create(
        shop_id=complaint.shop_id,
        complaint=complaint,
        supplier=supplier,
        work_order_line=line,
        part=part[:200],
        amount=amount,
        improvement_request=improvement_request.strip(),
        raised_by=user,
        raised_at=at,
    )
    log(
        complaint,
        kind=HistoryKind.DEDUCTION_RAISED,
        by=user,
        note=f"{supplier} · {part} · {amount}",
        changes={"deduction": deduction.pk},
        at=at,
    )
    notify(
        rules.cashiers_to_tell(shop_id=complaint.shop_id),
        complaint,
        kind="supplier_deduction",
        message=texts.DEDUCTION_TO_APPLY,
        key=f"deduction:{deduction.pk}",
        at=at,
    )
    return deduction


def _settle_once(
    model, *, pk: int, user, action: str, done: str, stamp: str, reference: str, at: datetime
):
    """Lock the money line, check ``user`` may ``action`` it, and stamp it ``<stamp>_at`` /
    ``<stamp>_by`` with the reference: once. The row is locked first, so of two cashiers at the
    same moment the second sees the first's stamp and gets a Conflict (``done``)."""
    record = lock_row(model, pk)
    rules.require(user, shop_id=record.shop_id, action=action)
    if getattr(record, f"{stamp}_at") is not None:
        raise Conflict(done, code="decided")
    setattr(record, f"{stamp}_at", at)
    setattr(record, f"{stamp}_by", user)
    record.settlement_reference = reference[:80]
    record.save(update_fields=[f"{stamp}_at", f"{stamp}_by", "settlement_reference"])
    return record


@transaction.atomic
def supplier_deduction_apply(
    *, pk: int, user, reference: str = "", at: datetime | None = None
) -> SupplierDeduction:
    at = happened_at(at)
    deduction = _settle_once(
        SupplierDeduction,
        pk=pk,
        user=user,
        action="apply_deduction",
        done=ALREADY_APPLIED,
        stamp="applied",
        reference=reference or "",
        at=at,
    )
    log(
        deduction.complaint,
        kind=HistoryKind.DEDUCTION_APPLIED,
        by=user,
        note=f"{deduction.supplier} · {deduction.amount} {deduction.settlement_reference}".strip(),
        changes={"deduction": deduction.pk},
        at=at,
    )
    return deduction


@transaction.atomic
def supplier_deduction_answer(
    *, pk: int, user, answer: str, at: datetime | None = None
) -> SupplierDeduction:
    """The supplier's answer to the improvement asked of them, recorded once (the row locked:
    of two at the same moment, the second reads that it is already recorded)."""
    at = happened_at(at)
    deduction = lock_row(SupplierDeduction, pk)
    rules.require(user, shop_id=deduction.shop_id, action="answer_deduction")
    answer = (answer or "").strip()
    if not answer:
        raise Invalid(FIELD_REQUIRED, field="answer")
    if deduction.answered_at is not None:
        raise Conflict(ALREADY_ANSWERED, code="decided")
    deduction.supplier_answer = answer
    deduction.answered_at = at
    deduction.answer_recorded_by = user
    deduction.save(update_fields=["supplier_answer", "answered_at", "answer_recorded_by"])
    log(
        deduction.complaint,
        kind=HistoryKind.DEDUCTION_ANSWERED,
        by=user,
        note=f"{deduction.supplier} · {answer}"[:500],
        changes={"deduction": deduction.pk},
        at=at,
    )
    return deduction


@transaction.atomic
def customer_settlement_settle(
    *, pk: int, user, reference: str = "", at: datetime | None = None
) -> CustomerSettlement:
    """The cashier paid or credited the customer: once."""
    at = happened_at(at)
    settlement = _settle_once(
        CustomerSettlement,
        pk=pk,
        user=user,
        action="settle",
        done=ALREADY_SETTLED,
        stamp="settled",
        reference=(reference or "").strip(),
        at=at,
    )
    log(
        settlement.complaint,
        kind=HistoryKind.SETTLEMENT_SETTLED,
        by=user,
        note=f"{settlement.get_kind_display()} {settlement.amount} "
        f"{settlement.settlement_reference}".strip(),
        changes={
            "settlement": settlement.pk,
            "remedy_kind": settlement.kind,
            "amount": str(settlement.amount),
            "text": settlement.settlement_reference,
        },
        at=at,
    )
    return settlement

"""Money: supplier deductions raised and applied, and the customer's settlement paid, once."""

from django.db import transaction
from django.utils import timezone

from servicedesk.errors import Conflict, Invalid, NotFound

from .. import permissions as rules
from .. import texts
from ..models import CustomerSettlement, HistoryKind, SupplierDeduction
from .common import cashiers, check_links, locked, log, notify, parse_amount
from .errors import ALREADY_APPLIED, ALREADY_SETTLED, BAD_AMOUNT, FIELD_REQUIRED, SUPPLIER_REQUIRED
from .guards import guard_deduction_applies


@transaction.atomic
def supplier_deduction_raise(
    *,
    complaint_pk: int,
    by,
    amount,
    part: str,
    improvement_request: str,
    supplier=None,
    work_order_line=None,
) -> SupplierDeduction:
    complaint = locked(complaint_pk)
    rules.require(by, shop_id=complaint.shop_id, action="raise_deduction")
    guard_deduction_applies(complaint)
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
        raised_by=by,
    )
    log(
        complaint,
        kind=HistoryKind.DEDUCTION_RAISED,
        by=by,
        note=f"{supplier} · {part} · {amount}",
        changes={"deduction": deduction.pk},
    )
    notify(
        cashiers(complaint.shop_id),
        complaint,
        kind="supplier_deduction",
        message=texts.DEDUCTION_TO_APPLY,
        key=f"deduction:{deduction.pk}",
    )
    return deduction


@transaction.atomic
def supplier_deduction_apply(*, pk: int, by, reference: str = "") -> SupplierDeduction:
    try:
        deduction = (
            SupplierDeduction.objects.select_for_update(of=("self",))
            .select_related("complaint")
            .get(pk=pk)
        )
    except SupplierDeduction.DoesNotExist:
        raise NotFound() from None
    rules.require(by, shop_id=deduction.shop_id, action="apply_deduction")
    if deduction.applied_at is not None:
        raise Conflict(ALREADY_APPLIED, code="decided")
    deduction.applied_at = timezone.now()
    deduction.applied_by = by
    deduction.settlement_reference = (reference or "")[:80]
    deduction.save(update_fields=["applied_at", "applied_by", "settlement_reference"])
    log(
        deduction.complaint,
        kind=HistoryKind.DEDUCTION_APPLIED,
        by=by,
        note=f"{deduction.supplier} · {deduction.amount} {deduction.settlement_reference}".strip(),
        changes={"deduction": deduction.pk},
    )
    return deduction


@transaction.atomic
def customer_settlement_settle(*, pk: int, by, reference: str = "") -> CustomerSettlement:
    """The cashier paid or credited the customer: once. The row is locked first, so of two
    cashiers settling at the same moment the second sees the first's and gets a Conflict."""
    try:
        settlement = (
            CustomerSettlement.objects.select_for_update(of=("self",))
            .select_related("complaint")
            .get(pk=pk)
        )
    except CustomerSettlement.DoesNotExist:
        raise NotFound() from None
    rules.require(by, shop_id=settlement.shop_id, action="settle")
    if settlement.settled_at is not None:
        raise Conflict(ALREADY_SETTLED, code="decided")
    settlement.settled_at = timezone.now()
    settlement.settled_by = by
    settlement.settlement_reference = (reference or "").strip()[:80]
    settlement.save(update_fields=["settled_at", "settled_by", "settlement_reference"])
    log(
        settlement.complaint,
        kind=HistoryKind.SETTLEMENT_SETTLED,
        by=by,
        note=f"{settlement.get_kind_display()} {settlement.amount} "
        f"{settlement.settlement_reference}".strip(),
        changes={
            "settlement": settlement.pk,
            "remedy_kind": settlement.kind,
            "amount": str(settlement.amount),
            "text": settlement.settlement_reference,
        },
    )
    return settlement

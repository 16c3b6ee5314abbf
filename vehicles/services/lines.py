"""Work-order lines: added, changed and removed while the order is editable. A line starts
unauthorized; changing what the customer agreed to takes its authorization away."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from servicedesk.accounts.models import Membership, Shop
from servicedesk.errors import Conflict, Invalid
from servicedesk.field_history import attribute_to

from ..models import Decision, InspectionItem, LineKind, Supplier, WorkOrder, WorkOrderLine
from . import errors as E
from .records import record_get
from .work_orders import S, _bump, _lock

# What a line holds that people write: the one list, read by the API's line shape too.
LINE_FIELDS = (
    "kind",
    "description",
    "part_number",
    "quantity",
    "unit_price",
    "tax_rate",
    "discount",
    "technician",
    "supplier",
    "warranty_months",
    "warranty_km",
)
# The records a line names come as their ids (CONVENTIONS §9): the argument, then the column.
LINE_RECORDS = {"technician_pk": "technician_id", "supplier_pk": "supplier_id"}
# Changing any of these changes what the customer agreed to: the line needs a new authorization.
PRICED_FIELDS = ("kind", "description", "quantity", "unit_price", "tax_rate", "discount")


def _decimal(value, field: str) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        raise Invalid(_("Enter a number."), field=field) from None


def _validate_line(line: WorkOrderLine, shop_id: int) -> None:
    if line.kind not in LineKind.values:
        raise Invalid(_("Choose labour, part or fee."), field="kind")
    if not (line.description or "").strip():
        raise Invalid(_("Describe the line."), field="description")
    line.quantity = _decimal(line.quantity, "quantity")
    line.unit_price = _decimal(line.unit_price, "unit_price")
    line.tax_rate = _decimal(line.tax_rate or 0, "tax_rate")
    line.discount = _decimal(line.discount or 0, "discount")
    if line.quantity <= 0:
        raise Invalid(_("The quantity must be more than zero."), field="quantity")
    if line.unit_price < 0:
        raise Invalid(_("The unit price cannot be negative."), field="unit_price")
    if not Decimal("0") <= line.tax_rate <= Decimal("100"):
        raise Invalid(_("The tax rate is a percentage from 0 to 100."), field="tax_rate")
    if line.discount < 0:
        raise Invalid(_("The discount cannot be negative."), field="discount")
    if line.discount > line.quantity * line.unit_price:
        raise Invalid(E.LINE_DISCOUNT_TOO_HIGH, field="discount")
    for key in ("warranty_months", "warranty_km"):
        value = getattr(line, key) or 0
        if int(value) < 0:
            raise Invalid(_("The warranty cannot be negative."), field=key)
        setattr(line, key, int(value))
    if (
        line.supplier_id
        and not Supplier.objects.filter(pk=line.supplier_id, shop_id=shop_id).exists()
    ):
        raise Invalid(E.SUPPLIER_OTHER_SHOP, field="supplier")
    if (
        line.technician_id
        and not Membership.objects.filter(user_id=line.technician_id, shop_id=shop_id).exists()
    ):
        raise Invalid(E.TECHNICIAN_OTHER_SHOP, field="technician")


def _line_values(fields: dict) -> dict:
    """The line's columns from a service's arguments: its own values, and the records it names
    by id. Anything else (a form's extra field) is not the line's and is left out."""
    values = {}
    for key, value in fields.items():
        if key in ("technician", "supplier"):
            raise TypeError(f"a line's {key} is given by id: {key}_pk=")
        if key in LINE_RECORDS:
            values[LINE_RECORDS[key]] = value
        elif key in LINE_FIELDS:
            values[key] = value
    return values


@transaction.atomic
def work_order_line_add(
    *, user, work_order_pk: int, version: int | None = None, **fields
) -> WorkOrderLine:
    """A new line starts unauthorized: work on it needs the customer's (new) authorization."""
    wo = _lock(work_order_pk, action="lines", user=user, version=version)
    line = _line_insert(wo, user=user, **_line_values(fields))
    _bump(wo, [])
    return line


def _line_insert(wo: WorkOrder, *, user, **data) -> WorkOrderLine:
    """A new line on the locked work order ``wo``, validated and saved: the one way a line is
    made, typed at the counter or approved from an inspection. A line given no tax rate takes
    the shop's."""
    if data.get("quantity") is None:
        data["quantity"] = Decimal("1")
    if data.get("tax_rate") is None:
        data["tax_rate"] = Shop.objects.values_list("tax_rate", flat=True).get(pk=wo.shop_id)
    line = attribute_to(WorkOrderLine(work_order=wo, **data), user)
    _validate_line(line, wo.shop_id)
    line.save()
    return line


def _lock_line(pk: int, *, user, version: int | None) -> tuple[WorkOrder, WorkOrderLine]:
    """The line's work order locked for a change of lines (``_lock``), then the line."""
    work_order_pk = record_get(WorkOrderLine.objects.values_list("work_order_id", flat=True), pk)
    wo = _lock(work_order_pk, action="lines", user=user, version=version)
    return wo, attribute_to(WorkOrderLine.objects.select_for_update().get(pk=pk), user)


@transaction.atomic
def work_order_line_update(*, user, pk: int, version: int | None = None, **fields) -> WorkOrderLine:
    wo, line = _lock_line(pk, user=user, version=version)
    changed = []
    for attr, value in _line_values(fields).items():
        if getattr(line, attr) != value:
            setattr(line, attr, value)
            changed.append(attr.removesuffix("_id"))
    if not changed:
        return line
    _validate_line(line, wo.shop_id)
    if line.authorization_id and any(k in PRICED_FIELDS for k in changed):
        # In progress too: the ready step then waits for the new authorization.
        line.authorization = None
        changed.append("authorization")
    line.save(update_fields=changed)
    _bump(wo, [])
    return line


@transaction.atomic
def work_order_line_remove(*, user, pk: int, version: int | None = None) -> None:
    """Removes a line not yet worked on. An inspection item it came from goes back to undecided."""
    wo, line = _lock_line(pk, user=user, version=version)
    if wo.status == S.IN_PROGRESS and line.authorization_id:
        raise Conflict(E.LINE_AUTHORIZED_IN_PROGRESS)

    InspectionItem.objects.filter(line=line).update(
        line=None, decision=Decision.PENDING, decided_at=None, decided_by=None
    )
    line.delete()
    _bump(wo, [])

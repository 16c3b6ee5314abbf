"""Invoices: issued once, at delivery, numbered per shop and year."""

from datetime import datetime
from decimal import Decimal

from servicedesk.numbering import number_allocate

from ..models import Customer, Invoice, WorkOrder


def _invoice_build(
    wo: WorkOrder, *, lines, number: str, year: int, sequence: int, language: str, at, by
) -> Invoice:
    """An invoice for ``wo`` (not saved): its figures are the sums of the order's lines. The one
    place that says how an invoice adds up; the demo's history issues its invoices here too."""
    net = sum((line.net for line in lines), Decimal("0"))
    tax = sum((line.tax for line in lines), Decimal("0"))
    return Invoice(
        shop_id=wo.shop_id,
        work_order=wo,
        number=number,
        year=year,
        sequence=sequence,
        language=language,
        net=net,
        tax=tax,
        total=net + tax,
        issued_at=at,
        issued_by=by,
    )


def _invoice_issue(wo: WorkOrder, *, user, at: datetime) -> Invoice:
    """Precondition: wo is locked and just delivered (at ``at``)."""
    customer = Customer.objects.get(pk=wo.customer_id)
    now = at
    numbered = number_allocate(shop=wo.shop, kind="INV", when=now)
    invoice = _invoice_build(
        wo,
        lines=list(wo.lines.all()),
        number=numbered.number,
        year=numbered.year,
        sequence=numbered.sequence,
        language=customer.preferred_language,
        at=now,
        by=user,
    )
    invoice.save(force_insert=True)
    return invoice

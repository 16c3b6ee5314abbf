"""What the apps above add to an invoice once it is issued: money approved later for the same
work order (a discount, compensation or refund agreed on a complaint) shows under the invoice's
figures, with what is left to pay.

The invoice's own figures stay as issued (``_invoice_build``); this app may not import the apps
that approve such money, so they register a provider in their ``AppConfig.ready()``, as they
do for the timeline and the page actions::

    from vehicles import invoicing

    def complaint_adjustments(work_order):
        return [invoicing.Adjustment(label=…, reference=…, amount=…, settled_at=…), …]

    invoicing.register("complaints.settlements", complaint_adjustments)

A provider costs a fixed number of queries whatever the number of its adjustments.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from .models import Invoice, WorkOrder


@dataclass(frozen=True)
class Adjustment:
    label: str  # what it is, in the active language: "Discount"
    reference: str  # where it comes from: "C2026-0003"
    amount: Decimal  # credited to the customer: positive, shown as a deduction
    settled_at: datetime | None = None  # when the cashier paid or credited it


Provider = Callable[[WorkOrder], list[Adjustment]]
_PROVIDERS: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    """Add (or replace, by name) a provider of an invoice's adjustments."""
    _PROVIDERS[name] = provider


def adjustments_for(work_order: WorkOrder) -> list[Adjustment]:
    found: list[Adjustment] = []
    for _name, provider in sorted(_PROVIDERS.items()):
        found.extend(provider(work_order))
    return found


def summary(invoice: Invoice) -> dict:
    """The invoice's adjustments, their sum and the amount due once they are taken off."""
    adjustments = adjustments_for(invoice.work_order)
    credited = sum((a.amount for a in adjustments), Decimal("0"))
    return {
        "adjustments": adjustments,
        "adjusted_total": credited,
        "balance": invoice.total - credited,
    }

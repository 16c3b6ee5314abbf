"""This app's lines on a work order's invoice: money approved on a complaint about the order."""

from vehicles import invoicing

from .models import RemedyKind
from .selectors import settlements_for_work_order


def settlement_adjustments(work_order) -> list[invoicing.Adjustment]:
    return [
        invoicing.Adjustment(
            # Lazy: named in the invoice's language when it is rendered.
            label=RemedyKind(s.kind).label,
            reference=s.complaint.number,
            amount=s.amount,
            settled_at=s.settled_at,
        )
        for s in settlements_for_work_order(work_order.pk)
    ]


def register() -> None:
    invoicing.register("complaints.settlements", settlement_adjustments)

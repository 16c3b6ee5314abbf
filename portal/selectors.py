"""What the customer's pages show, read for one link: only the visit's own facts, in plain
words. Never internal notes, never a staff member's name beyond the advisor's first name,
never another customer's record."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from vehicles.models import WorkOrderStatus

from .models import CustomerLink

# The car's progress as the customer sees it, in order.
STEPS = (
    (WorkOrderStatus.OPEN, _("Received")),
    (WorkOrderStatus.AUTHORIZED, _("Authorized")),
    (WorkOrderStatus.IN_PROGRESS, _("In progress")),
    (WorkOrderStatus.READY, _("Ready for pickup")),
    (WorkOrderStatus.DELIVERED, _("Delivered")),
)
ORDER = [status for status, _label in STEPS]


@dataclass(frozen=True)
class Step:
    label: str
    done: bool
    current: bool


def progress(status: str) -> list[Step]:
    reached = ORDER.index(status) if status in ORDER else -1
    return [
        Step(label=str(label), done=index < reached, current=index == reached)
        for index, (_status, label) in enumerate(STEPS)
    ]


def advisor_first_name(link: CustomerLink) -> str:
    advisor = link.work_order.advisor
    return (advisor.first_name or "").strip()


def visit_status(link: CustomerLink) -> dict:
    work_order = link.work_order
    return {
        "steps": progress(work_order.status),
        "ready_for_pickup": work_order.status == WorkOrderStatus.READY,
        "delivered": work_order.status == WorkOrderStatus.DELIVERED,
        "promised_at": work_order.promised_at,
        "vehicle": work_order.vehicle,
        "advisor_first_name": advisor_first_name(link),
    }

"""What the customer's pages show, read for one link: only the visit's own facts, in plain
words. Never internal notes, never a staff member's name beyond the advisor's first name,
never another customer's record."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from complaints.models import Complaint, State
from vehicles.models import InspectionItem, WorkOrderLine, WorkOrderStatus
from vehicles.selectors import inspection_for_work_order
from vehicles.services import inspection_item_actions

from .models import CustomerLink, CustomerLinkEvent, LinkEventKind
from .services.links import link_url, live_link_for

CENT = Decimal("0.01")

# The car's progress as the customer sees it, in order.
# In the customer's words, not the workshop's: a context of their own, so the staff's
# translations of the same English words (vehicles' "In progress" = 施工中) are not used.
STEPS = (
    (WorkOrderStatus.OPEN, pgettext_lazy("car progress", "Received")),
    (WorkOrderStatus.AUTHORIZED, pgettext_lazy("car progress", "Authorized")),
    (WorkOrderStatus.IN_PROGRESS, pgettext_lazy("car progress", "In progress")),
    (WorkOrderStatus.READY, pgettext_lazy("car progress", "Ready for pickup")),
    (WorkOrderStatus.DELIVERED, pgettext_lazy("car progress", "Delivered")),
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


# A complaint's state as the customer reads it: what is happening, not the shop's procedure.
COMPLAINT_WORDS = {
    State.RECEIVED: _("We have received your concern and will contact you shortly."),
    State.INVESTIGATING: _("We are looking into what happened."),
    State.RESOLVING: _("We are working out a solution with you."),
    State.CUSTOMER_CONFIRMED: _("You agreed to the solution; we are carrying it out."),
    State.CORRECTIVE_ACTION: _(
        "The solution is agreed; we are making sure it does not happen again."
    ),
    State.FOLLOW_UP: _("We will check with you that everything is fine."),
    State.CLOSED: _("Your concern is resolved. Thank you for your patience."),
}


@dataclass(frozen=True)
class ComplaintView:
    """Only what the customer may read of a complaint: no notes, no names, no categories."""

    number: str
    words: str
    resolved: bool
    expected_on: object  # a datetime: the resolution due, while unresolved
    resolved_on: object


def visit_complaints(link: CustomerLink) -> list[ComplaintView]:
    work_order = link.work_order
    rows = Complaint.objects.filter(
        work_order_id=work_order.pk, customer_id=work_order.customer_id
    ).only("number", "state", "resolution_due", "resolved_at", "closed_at")
    return [
        ComplaintView(
            number=c.number,
            words=str(COMPLAINT_WORDS.get(c.state, "")),
            resolved=c.resolved_at is not None or c.state == State.CLOSED,
            expected_on=None if c.resolved_at or c.state == State.CLOSED else c.resolution_due,
            resolved_on=c.resolved_at or c.closed_at,
        )
        for c in rows.order_by("received_at", "pk")
    ]


def visit_status(link: CustomerLink) -> dict:
    work_order = link.work_order
    return {
        "complaints": visit_complaints(link),
        "steps": progress(work_order.status),
        "ready_for_pickup": work_order.status == WorkOrderStatus.READY,
        "delivered": work_order.status == WorkOrderStatus.DELIVERED,
        "promised_at": work_order.promised_at,
        "vehicle": work_order.vehicle,
        "advisor_first_name": advisor_first_name(link),
        **visit_pages(work_order.pk),
    }


def visit_pages(work_order_pk: int) -> dict:
    """Which of the visit's pages the status page offers: the inspection once it has an item
    to show, the authorization while a line waits for it (``visit_estimate``'s pending)."""
    return {
        "has_inspection": InspectionItem.objects.filter(
            inspection__work_order_id=work_order_pk
        ).exists(),
        "to_authorize": WorkOrderLine.objects.filter(
            work_order_id=work_order_pk, authorization__isnull=True
        ).exists(),
    }


def link_events(work_order_id: int):
    """The link's audit rows for the work order's history, oldest first, with who did it."""
    return CustomerLinkEvent.objects.filter(work_order_id=work_order_id).select_related("actor")


def link_summary(work_order) -> dict:
    """The live link and when it was last sent, for the advisor's panel (two queries)."""
    link = live_link_for(work_order.pk)
    if link is None:
        return {"link": None}
    last_sent = (
        link.events.filter(kind=LinkEventKind.SENT)
        .order_by("-at", "-pk")
        .values_list("at", flat=True)
        .first()
    )
    return {"link": link, "link_url": link_url(link), "last_sent_at": last_sent}


# ---------------------------------------------------------------- the inspection and the estimate


def _with_tax(amount: Decimal, rate: Decimal) -> Decimal:
    """What a job priced ``amount`` costs with the shop's tax, as its line will total."""
    return amount + (amount * rate / 100).quantize(CENT)


def visit_inspection(link: CustomerLink) -> dict:
    """The visit's courtesy inspection as the customer sees it: each item with its condition,
    the technician's note, photos and videos, the recommended job and its price with tax, its
    decision and what the customer may still decide ("decide", or "approve" a deferred one);
    the work order's total now. Never who inspected or any internal note of the order."""
    inspection = inspection_for_work_order(link.work_order_id)
    rate = link.shop.tax_rate
    items = list(inspection.items.all()) if inspection else []
    for item in items:
        item.inspection.work_order = link.work_order  # loaded already: no query per item
        item.allowed_actions = inspection_item_actions(item, None)
        item.price_with_tax = _with_tax(item.price, rate) if item.price is not None else None
    return {
        "inspection": inspection,
        "items": items,
        "open_items": [i for i in items if i.allowed_actions],
        "total": lines_total(link.work_order_id),
    }


def lines_total(work_order_id: int) -> Decimal:
    return sum(
        (line.total for line in WorkOrderLine.objects.filter(work_order_id=work_order_id)),
        Decimal("0"),
    )


def visit_estimate(link: CustomerLink) -> dict:
    """What the customer authorizes: every line with its total, the lines not yet authorized,
    the total, the promised time and the terms; the version read, so a line added meanwhile is
    not authorized unseen."""
    work_order = link.work_order
    lines = list(WorkOrderLine.objects.filter(work_order_id=work_order.pk).order_by("pk"))
    pending = [line for line in lines if line.authorization_id is None]
    return {
        "lines": lines,
        "pending": pending,
        "total": sum((line.total for line in lines), Decimal("0")),
        "pending_total": sum((line.total for line in pending), Decimal("0")),
        "promised_at": work_order.promised_at,
        "version": work_order.version,
        "terms": TERMS,
    }


TERMS = _(
    "By signing you authorize the shop to carry out the work listed above at the prices shown, "
    "taxes included. Work starts only after your authorization; any further work needs your "
    "approval first. The promised time is our best estimate: we will tell you at once if it "
    "changes. You pay on collection of the car."
)

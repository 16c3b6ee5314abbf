"""The service history of a vehicle or a customer, as one list of dated entries.

This app adds its own entries (work orders, inspections, invoices, mileage). Higher apps
(interactions, complaints…) add theirs without this app importing them: in their
``AppConfig.ready()`` they call::

    from vehicles import timeline

    def interaction_entries(subject, *, user):   # subject: a Vehicle or a Customer
        return [timeline.Entry(when=…, kind="interaction", title=…, url=…), …]

    timeline.register("interactions", interaction_entries)

A provider receives the vehicle or customer (already checked to be the user's) and the user,
and returns a list of ``Entry``; it should cost a fixed number of queries whatever the history's
length. ``for_vehicle`` / ``for_customer`` merge every provider's entries, newest first.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Customer, Inspection, Invoice, MileageReading, Vehicle, WorkOrder


@dataclass(frozen=True)
class Entry:
    when: datetime
    kind: str  # a short key: "work_order", "inspection", "invoice", "mileage", "interaction"…
    title: str
    detail: str = ""
    url: str = ""
    badge: str = ""  # a short status label
    tone: str = "secondary"  # a Bootstrap colour: success, warning, danger, info, secondary
    extra: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        """The kind as a person reads it, in the active language."""
        return str(_KIND_LABELS.get(self.kind, self.kind))

    def as_dict(self) -> dict:
        return {
            "when": self.when,
            "kind": self.kind,
            "kind_label": self.label,
            "title": self.title,
            "detail": self.detail,
            "url": self.url,
            "badge": self.badge,
        }


Provider = Callable[..., list[Entry]]
_PROVIDERS: dict[str, Provider] = {}
_KIND_LABELS: dict[str, str] = {}


def register_kind(kind: str, label) -> None:
    """Name an entry kind for people (a lazy translation), e.g. ("complaint", _("Complaint"))."""
    _KIND_LABELS[kind] = label


def register(name: str, provider: Provider) -> None:
    """Add (or replace, by name) a provider of entries for vehicles and customers."""
    _PROVIDERS[name] = provider


def _collect(subject, *, user) -> list[Entry]:
    entries: list[Entry] = []
    for provider in _PROVIDERS.values():
        entries.extend(provider(subject, user=user))
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries


def for_vehicle(vehicle: Vehicle, *, user) -> list[Entry]:
    return _collect(vehicle, user=user)


def for_customer(customer: Customer, *, user) -> list[Entry]:
    return _collect(customer, user=user)


# ---------------------------------------------------------------- this app's own entries

STATUS_TONE = {
    "open": "secondary",
    "authorized": "info",
    "in_progress": "primary",
    "ready": "success",
    "delivered": "dark",
    "cancelled": "light",
}


def _filter(subject):
    if isinstance(subject, Vehicle):
        return {"vehicle": subject}
    return {"customer": subject}


def _vehicle_label(subject):
    """How a vehicle's own timeline names it (every entry is about it: named once, not joined
    to every row); None on a customer's, whose rows name each their own."""
    return str(subject) if isinstance(subject, Vehicle) else None


def work_order_entries(subject, *, user) -> list[Entry]:
    vehicle = _vehicle_label(subject)
    orders = WorkOrder.objects.filter(**_filter(subject)).select_related("comeback_of")
    if vehicle is None:
        orders = orders.select_related("vehicle")
    title = _("Work order %(number)s · %(vehicle)s")
    entries = []
    for wo in orders:
        detail = wo.concern
        if wo.comeback_of_id and wo.comeback_review != "not_related":
            detail = _("Comeback of %(number)s. ") % {"number": wo.comeback_of.number} + detail
        entries.append(
            Entry(
                when=wo.opened_at,
                kind="work_order",
                title=title % {"number": wo.number, "vehicle": vehicle or wo.vehicle},
                detail=detail,
                url=reverse("vehicles:work-order-detail", args=[wo.pk]),
                badge=wo.get_status_display(),
                tone=STATUS_TONE.get(wo.status, "secondary"),
            )
        )
    return entries


def inspection_entries(subject, *, user) -> list[Entry]:
    if isinstance(subject, Vehicle):
        qs = Inspection.objects.filter(vehicle=subject)
    else:
        qs = Inspection.objects.filter(work_order__customer=subject)
    entries = []
    for insp in qs.select_related("work_order").prefetch_related("items"):
        items = list(insp.items.all())
        red = sum(1 for i in items if i.condition == "red")
        yellow = sum(1 for i in items if i.condition == "yellow")
        waiting = [i for i in items if i.decision in ("declined", "deferred")]
        detail = _("%(red)s red, %(yellow)s yellow of %(n)s items.") % {
            "red": red,
            "yellow": yellow,
            "n": len(items),
        }
        if waiting:
            detail += " " + _("Declined or deferred: %(jobs)s.") % {
                "jobs": ", ".join(i.recommended_job or i.name for i in waiting)
            }
        entries.append(
            Entry(
                when=insp.created_at,
                kind="inspection",
                title=_("Courtesy inspection · %(number)s") % {"number": insp.work_order.number},
                detail=detail,
                url=reverse("vehicles:inspection-detail", args=[insp.pk]),
                tone="danger" if red else ("warning" if yellow else "success"),
            )
        )
    return entries


def invoice_entries(subject, *, user) -> list[Entry]:
    key = "work_order__vehicle" if isinstance(subject, Vehicle) else "work_order__customer"
    return [
        Entry(
            when=inv.issued_at,
            kind="invoice",
            title=_("Invoice %(number)s") % {"number": inv.number},
            detail=_("Total %(total)s") % {"total": inv.total},
            url=reverse("vehicles:invoice-detail", args=[inv.pk]),
            tone="success",
        )
        for inv in Invoice.objects.filter(**{key: subject})
    ]


# Where a reading came from, as the services record it, for people to read.
MILEAGE_SOURCES = {
    "intake": gettext_lazy("When the vehicle was registered"),
    "counter": gettext_lazy("Recorded at the counter"),
    "work order in": gettext_lazy("Mileage in, at the work order's opening"),
    "work order out": gettext_lazy("Mileage out, at delivery"),
}


def mileage_entries(subject, *, user) -> list[Entry]:
    vehicle = _vehicle_label(subject)
    if vehicle is not None:
        qs = MileageReading.objects.filter(vehicle=subject)
    else:
        qs = MileageReading.objects.filter(vehicle__owner=subject).select_related("vehicle")
    entries = []
    for reading in qs:
        detail = str(MILEAGE_SOURCES.get(reading.source, reading.source))
        if reading.correction_reason:
            detail = _("Lower than before: %(reason)s") % {"reason": reading.correction_reason}
        entries.append(
            Entry(
                when=reading.recorded_at,
                kind="mileage",
                title=_("Mileage %(km)s km · %(vehicle)s")
                % {"km": reading.km, "vehicle": vehicle or reading.vehicle},
                detail=detail,
                tone="warning" if reading.correction_reason else "secondary",
            )
        )
    return entries


register_kind("work_order", gettext_lazy("Work order"))
register_kind("inspection", gettext_lazy("Inspection"))
register_kind("invoice", gettext_lazy("Invoice"))
register_kind("mileage", gettext_lazy("Mileage"))
register("vehicles.work_orders", work_order_entries)
register("vehicles.inspections", inspection_entries)
register("vehicles.invoices", invoice_entries)
register("vehicles.mileage", mileage_entries)

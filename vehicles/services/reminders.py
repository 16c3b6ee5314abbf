"""Declined and deferred inspection work: N days after the decision, a reminder to the customer
who agreed to reminders. Found with one query on (shop, decision, decided_at); each inspection's
reminder claims its key first, so a second run sends nothing twice."""

from datetime import timedelta

from django.db import transaction
from django.utils import formats, timezone, translation

from servicedesk.outbox.models import MessageKind
from servicedesk.outbox.services import (
    DEFAULT_REMINDER_SETTINGS,
    customer_message,
    per_shop_range_q,
    reminder_record,
    reminder_settings_by_shop,
)

from ..models import Decision, Inspection, InspectionItem

REMINDED = (Decision.DECLINED, Decision.DEFERRED)
# Decisions older than the delay plus this window are not reminded of any more: switching
# reminders on does not write to every customer of years past.
WINDOW_DAYS = 30


def _bounds(now, days: int):
    cutoff = now - timedelta(days=days)
    return (cutoff - timedelta(days=WINDOW_DAYS), cutoff)


def inspection_reminders_due(*, now=None) -> list[int]:
    """The inspections with declined or deferred items whose reminder is due now."""
    now = now or timezone.now()
    ranges = {
        shop_id: _bounds(now, s.inspection_after_days)
        for shop_id, s in reminder_settings_by_shop().items()
    }
    q = per_shop_range_q(
        "decided_at",
        ranges=ranges,
        default=_bounds(now, DEFAULT_REMINDER_SETTINGS.inspection_after_days),
    )
    return list(
        InspectionItem.objects.filter(
            q,
            decision__in=REMINDED,
            reminded_at__isnull=True,
            inspection__work_order__customer__reminder_consent=True,
        )
        .values_list("inspection_id", flat=True)
        .distinct()
        .order_by("inspection_id")
    )


@transaction.atomic
def inspection_remind(*, pk: int, now=None) -> bool:
    now = now or timezone.now()
    inspection = Inspection.objects.select_related(
        "shop", "vehicle", "work_order__customer", "work_order__advisor"
    ).get(pk=pk)
    customer = inspection.work_order.customer
    if not customer.reminder_consent:
        return False
    items = list(
        InspectionItem.objects.select_for_update()
        .filter(inspection=inspection, decision__in=REMINDED, reminded_at__isnull=True)
        .order_by("pk")
    )
    if not items:
        return False
    key = f"inspection-reminder:{inspection.pk}:" + "-".join(str(i.pk) for i in items)
    if reminder_record(shop_id=inspection.shop_id, kind="inspection", key=key) is None:
        return False
    shop = inspection.shop
    with translation.override(customer.preferred_language):
        visit = formats.date_format(timezone.localtime(inspection.created_at), "DATE_FORMAT")
    customer_message(
        customer=customer,
        kind=MessageKind.INSPECTION_REMINDER,
        key=key,
        responsible=inspection.work_order.advisor,
        vehicle_id=inspection.vehicle_id,
        context={
            "shop": shop.name,
            "phone": shop.phone,
            "vehicle": str(inspection.vehicle),
            "visit": visit,
            "jobs": "; ".join(i.recommended_job or i.name for i in items),
        },
    )
    InspectionItem.objects.filter(pk__in=[i.pk for i in items]).update(reminded_at=now)
    return True


def inspection_reminders_send(*, now=None) -> int:
    """Sends every due inspection reminder; returns how many went out."""
    return sum(inspection_remind(pk=pk, now=now) for pk in inspection_reminders_due(now=now))

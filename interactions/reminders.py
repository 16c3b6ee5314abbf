"""The next-visit reminder agreed at the keep stage: a few days before ``next_visit_on``, to a
customer who agreed to reminders. One query on (shop, next_visit_on); each reminder claims its
key (interaction and date) first, so a second run sends nothing twice."""

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

from .models import Interaction


def _bounds(today, days_before: int):
    return (today, today + timedelta(days=days_before))


def next_visits_due(*, now=None) -> list[int]:
    today = timezone.localdate(now or timezone.now())
    ranges = {
        shop_id: _bounds(today, s.next_visit_days_before)
        for shop_id, s in reminder_settings_by_shop().items()
    }
    q = per_shop_range_q(
        "next_visit_on",
        ranges=ranges,
        default=_bounds(today, DEFAULT_REMINDER_SETTINGS.next_visit_days_before),
    )
    return list(
        Interaction.objects.filter(q, customer__reminder_consent=True)
        .values_list("pk", flat=True)
        .order_by("pk")
    )


@transaction.atomic
def next_visit_remind(*, interaction_id: int) -> bool:
    interaction = Interaction.objects.select_related("shop", "customer", "vehicle", "advisor").get(
        pk=interaction_id
    )
    customer = interaction.customer
    if customer is None or not customer.reminder_consent or interaction.next_visit_on is None:
        return False
    key = f"next-visit:{interaction.pk}:{interaction.next_visit_on:%Y%m%d}"
    if reminder_record(shop_id=interaction.shop_id, kind="next_visit", key=key) is None:
        return False
    shop = interaction.shop
    with translation.override(customer.preferred_language):
        date = formats.date_format(interaction.next_visit_on, "DATE_FORMAT")
    vehicle = interaction.vehicle or customer.vehicles.order_by("pk").first()
    customer_message(
        customer=customer,
        kind=MessageKind.NEXT_VISIT_REMINDER,
        key=key,
        responsible=interaction.advisor,
        vehicle_id=vehicle.pk if vehicle else None,
        context={
            "shop": shop.name,
            "phone": shop.phone,
            "vehicle": str(vehicle) if vehicle else "",
            "date": date,
        },
    )
    return True


def remind_next_visits(*, now=None) -> int:
    return sum(next_visit_remind(interaction_id=pk) for pk in next_visits_due(now=now))

"""The next-visit reminder agreed at the keep stage: a few days before ``next_visit_on``, to a
customer who agreed to reminders. One query on (shop, next_visit_on); each reminder claims its
key (interaction and date) first, so a second run sends nothing twice."""

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation

from servicedesk.accounts.models import Membership
from servicedesk.accounts.selectors import shop_calendar
from servicedesk.business_time import business_between
from servicedesk.notifications import messages
from servicedesk.notifications.services import notification_send
from servicedesk.outbox.models import MessageKind
from servicedesk.outbox.services import (
    DEFAULT_REMINDER_SETTINGS,
    customer_message,
    per_shop_range_q,
    reminder_record,
    reminder_settings_by_shop,
)

from . import permissions, texts
from .models import Escalation, Interaction
from .services.escalations import escalation_response_target


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


# --- escalations nobody answered -------------------------------------------------------------


def escalations_unanswered(*, now=None) -> list[int]:
    """Escalations still unanswered past their answer-due time (one indexed query)."""
    now = now or timezone.now()
    return list(
        Escalation.objects.filter(responded_at__isnull=True, response_due__lt=now)
        .values_list("pk", flat=True)
        .order_by("pk")
    )


@transaction.atomic
def escalation_escalate_again(*, escalation_id: int, now=None, calendars=None) -> bool:
    """Tell every manager and supervisor of the shop (not only the one on duty) that an
    escalation is still unanswered. Once per answer period of business time past its due time:
    the key names the period, so a second run in the same period sends nothing, and the next
    period (another ``ESCALATION_RESPONSE_MINUTES`` of open hours) escalates it again."""
    now = now or timezone.now()
    escalation = Escalation.objects.select_related("raised_by").get(pk=escalation_id)
    if escalation.responded_at is not None or escalation.response_due is None:
        return False
    if escalation.response_due >= now:
        return False
    calendars = {} if calendars is None else calendars
    if escalation.shop_id not in calendars:
        calendars[escalation.shop_id] = shop_calendar(shop_id=escalation.shop_id)
    target = escalation_response_target()
    late_by = business_between(calendars[escalation.shop_id], escalation.response_due, now)
    period = 1 + late_by // target
    key = f"escalation-again:{escalation.pk}:{period}"
    if reminder_record(shop_id=escalation.shop_id, kind="escalation_again", key=key) is None:
        return False
    raiser = escalation.raised_by
    params = {
        "advisor": raiser.get_full_name() or raiser.username,
        "due": messages.when(escalation.response_due),
        "reason": escalation.display_reason,
    }
    for membership in Membership.objects.filter(
        shop_id=escalation.shop_id, role__in=permissions.ROLES_FOR["respond"]
    ).select_related("user"):
        notification_send(
            recipient=membership.user,
            shop_id=escalation.shop_id,
            kind="escalation_unanswered",
            message=texts.ESCALATION_UNANSWERED,
            params=params,
            url=reverse("interactions:escalation", args=[escalation.pk]),
            key=key,
        )
    return True


def escalate_unanswered(*, now=None) -> int:
    """Escalate again what nobody answered; part of the manager's escalation job
    (``complaints.escalate_overdue``), which runs every few minutes."""
    calendars: dict = {}
    return sum(
        escalation_escalate_again(escalation_id=pk, now=now, calendars=calendars)
        for pk in escalations_unanswered(now=now)
    )

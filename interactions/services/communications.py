"""The communication log and what it teaches about the customer's profile."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from servicedesk.dates import happened_at
from servicedesk.errors import Invalid
from servicedesk.field_history import attribute_to
from vehicles.models import Channel, Customer, CustomerType, MainConcern, Vehicle, WorkOrder
from vehicles.services.records import record_get

from .. import permissions
from ..models import (
    CommunicationChannel,
    CommunicationKind,
    CommunicationLog,
    Direction,
    Interaction,
)
from .common import _named
from .errors import (
    INTERACTION_OTHER_CUSTOMER,
    NOT_IN_FUTURE,
    SUMMARY_REQUIRED,
    UNKNOWN_PROFILE_FIELD,
    WORK_ORDER_OTHER_CUSTOMER,
)

PROFILE_FIELDS = (
    "customer_type",
    "main_concern",
    "preferred_channel",
    "preferred_language",
    "wants_ride",
    "wants_loaner",
    "waits_on_site",
)


@transaction.atomic
def communication_log(
    *,
    user,
    customer_pk: int,
    direction: str,
    channel: str,
    kind: str,
    summary: str,
    vehicle_pk: int | None = None,
    work_order_pk: int | None = None,
    interaction_pk: int | None = None,
    at: datetime | None = None,
    learned: dict | None = None,
) -> CommunicationLog:
    """Log one inquiry, concern, resolution … with a customer; ``learned`` (type, main concern,
    preferences) updates the customer's profile in the same transaction."""
    customer = record_get(Customer.objects, customer_pk)
    permissions.require(user, shop_id=customer.shop_id, action="log")
    for value, choices, name in (
        (direction, Direction, "direction"),
        (channel, CommunicationChannel, "channel"),
        (kind, CommunicationKind, "kind"),
    ):
        if value not in choices.values:
            raise Invalid(_("Choose one of the listed values."), field=name)
    if not (summary or "").strip():
        raise Invalid(SUMMARY_REQUIRED, field="summary")
    at = happened_at(at)
    if at > timezone.now() + timedelta(minutes=5):
        raise Invalid(NOT_IN_FUTURE, field="at")
    shop_id = customer.shop_id
    vehicle = _named(Vehicle.objects, vehicle_pk, shop_id=shop_id, field="vehicle")
    work_order = _named(WorkOrder.objects, work_order_pk, shop_id=shop_id, field="work_order")
    if work_order is not None and work_order.customer_id != customer.pk:
        raise Invalid(WORK_ORDER_OTHER_CUSTOMER, field="work_order")
    interaction = _named(Interaction.objects, interaction_pk, shop_id=shop_id, field="interaction")
    if interaction is not None and interaction.customer_id not in (None, customer.pk):
        raise Invalid(INTERACTION_OTHER_CUSTOMER, field="interaction")
    entry = CommunicationLog.objects.create(
        shop_id=customer.shop_id,
        customer=customer,
        vehicle=vehicle,
        work_order=work_order,
        interaction=interaction,
        direction=direction,
        channel=channel,
        kind=kind,
        summary=summary.strip(),
        by=user,
        at=at,
    )
    if learned:
        _learn(customer_id=customer.pk, changes=learned, user=user)
    return entry


@transaction.atomic
def customer_profile_learn(*, user, customer_pk: int, changes: dict) -> Customer:
    """What was learned about a customer — type, main concern, preferred channel and language,
    amenities — written to their profile. Empty values leave a field as it was."""
    shop_id = record_get(Customer.objects.values_list("shop_id", flat=True), customer_pk)
    permissions.require(user, shop_id=shop_id, action="log")
    return _learn(customer_id=customer_pk, changes=changes, user=user)


def _learn(*, customer_id: int, changes: dict, user=None) -> Customer:
    customer = attribute_to(Customer.objects.select_for_update().get(pk=customer_id), user)
    valid = {
        "customer_type": CustomerType.values,
        "main_concern": MainConcern.values,
        "preferred_channel": Channel.values,
        "preferred_language": [
            code for code, _label in Customer._meta.get_field("preferred_language").choices
        ],
    }
    updated = []
    for name, value in changes.items():
        if name not in PROFILE_FIELDS:
            raise Invalid(UNKNOWN_PROFILE_FIELD, field=name)
        if value is None or value == "":
            continue
        if name in valid and value not in valid[name]:
            raise Invalid(_("Choose one of the listed values."), field=name)
        if name == "main_concern" and value == MainConcern.UNKNOWN:
            continue
        if name not in valid:
            value = bool(value)
        if getattr(customer, name) != value:
            setattr(customer, name, value)
            updated.append(name)
    if updated:
        customer.save(update_fields=updated)
    return customer

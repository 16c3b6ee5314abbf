"""Opening the work order an interaction agreed on, from the interaction."""

from datetime import datetime
from decimal import Decimal

from django.db import transaction

from servicedesk.errors import Conflict, Invalid
from vehicles import services as vehicle_services
from vehicles.models import WorkOrder

from ..models import Interaction, Stage
from .common import _lock, _save
from .errors import (
    WORK_ORDER_ALREADY_LINKED,
    WORK_ORDER_NEEDS_CONCERN,
    WORK_ORDER_NEEDS_VEHICLE,
    WORK_ORDER_STAGE,
)

# Where a work order may be opened from the interaction: once the work is being agreed on
# (confirm) or carried out (help).
WORK_ORDER_STAGES = (Stage.CONFIRM, Stage.HELP)


def interaction_work_order_defaults(interaction: Interaction) -> dict:
    """What a work order opened from the interaction starts with: the customer's concern in
    their words (else the agreed work), the promised time and the estimate agreed at confirm,
    the car's mileage."""
    concern = (interaction.need_in_customer_words or "").strip()
    agreed = (interaction.agreed_work or "").strip()
    if agreed and agreed != concern:
        concern = f"{concern}\n{agreed}".strip()
    return {
        "concern": concern,
        "promised_at": interaction.promised_at,
        "estimate": interaction.estimate,
        "mileage_in": interaction.vehicle.mileage if interaction.vehicle_id else None,
    }


def _guard_work_order(interaction: Interaction) -> None:
    """Conflict unless the interaction may open its work order now: at a stage that agrees on
    one, not linked to one yet, with a customer and a vehicle."""
    if interaction.stage not in WORK_ORDER_STAGES:
        raise Conflict(
            WORK_ORDER_STAGE % {"current": Stage(interaction.stage).label}, code="out_of_order"
        )
    if interaction.work_order_id:
        raise Conflict(
            WORK_ORDER_ALREADY_LINKED % {"number": interaction.work_order.number},
            code="already_linked",
        )
    if not (interaction.customer_id and interaction.vehicle_id):
        raise Conflict(WORK_ORDER_NEEDS_VEHICLE, code="no_vehicle")


def interaction_may_open_work_order(interaction: Interaction) -> bool:
    """Whether the page offers the button: asks the guard the service refuses with."""
    try:
        _guard_work_order(interaction)
    except Conflict:
        return False
    return True


@transaction.atomic
def interaction_open_work_order(
    *,
    user,
    pk: int,
    version: int | None = None,
    concern: str | None = None,
    promised_at: datetime | None = None,
    mileage_in: int | None = None,
    mileage_reason: str = "",
    estimate: Decimal | None = None,
    at: datetime | None = None,
) -> WorkOrder:
    """Open the work order this interaction agreed on (``at``, now unless said) and link it.
    Values not given come from the interaction (``interaction_work_order_defaults``); the
    vehicles service numbers the order, records the mileage in and flags a comeback. The
    interaction row is locked, so two taps open one work order."""
    interaction = _lock(user=user, pk=pk, version=version)
    _guard_work_order(interaction)
    defaults = interaction_work_order_defaults(interaction)
    concern = (concern if concern is not None else defaults["concern"]).strip()
    if not concern:
        raise Invalid(WORK_ORDER_NEEDS_CONCERN, field="concern")
    work_order = vehicle_services.work_order_open(
        user=user,
        vehicle_pk=interaction.vehicle_id,
        customer_pk=interaction.customer_id,
        concern=concern,
        promised_at=promised_at if promised_at is not None else defaults["promised_at"],
        estimate=estimate if estimate is not None else defaults["estimate"],
        mileage_in=mileage_in,
        mileage_reason=mileage_reason,
        at=at,
    )
    interaction.work_order = work_order
    _save(interaction, ["work_order"])
    return work_order

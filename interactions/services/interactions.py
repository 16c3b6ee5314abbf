"""An interaction's life: open, say who the customer is, edit the current stage, advance, close.

Every stage change goes through ``interaction_advance``: it locks the row, refuses a stale copy
(``version``), enters only the next stage (or closes early with an outcome) and saves the entered
stage's fields. A closed interaction is never edited again.
"""

from datetime import datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from servicedesk.dates import check_plausible, check_promise, happened_at
from servicedesk.errors import Conflict, Invalid, passes
from servicedesk.field_history import attribute_to
from vehicles import services as vehicle_services
from vehicles.models import Customer, MainConcern, Vehicle, WorkOrder

from .. import permissions, texts
from ..models import EscalationKind, Interaction, InteractionChannel, Outcome, Stage
from ..stages import (
    LEAVE_REQUIREMENTS,
    NOT_SATISFIED_AT_MOST,
    STAGE_FIELDS,
    STAGE_TIMESTAMP,
    next_stage,
)
from .common import _guard_open, _lock, _named, _save
from .communications import _learn
from .errors import (
    IDENTITY_REQUIRED,
    NOT_A_STAGE_FIELD,
    NOT_CURRENT_STAGE,
    OUT_OF_ORDER,
    OUTCOME_COMPLETED_ONLY_FROM_KEEP,
    OUTCOME_REQUIRED,
    SATISFACTION_RANGE,
    UNKNOWN_OUTCOME,
    UNKNOWN_STAGE,
    VEHICLE_NEEDS_CUSTOMER,
    WORK_ORDER_OTHER_CUSTOMER,
    WRONG_SHOP,
)
from .escalations import _escalate
from .work_orders import _guard_work_order

IDENTITY_FIELDS = ("customer", "vehicle", "walk_in_name")


@transaction.atomic
def interaction_open(
    *,
    user,
    shop_id: int,
    channel: str,
    customer_pk: int | None = None,
    vehicle_pk: int | None = None,
    walk_in_name: str = "",
    greet: dict | None = None,
    at: datetime | None = None,
) -> Interaction:
    """Open an interaction at greet (``at``, now unless said), with the greet fields (wait,
    first cues, notes)."""
    permissions.require(user, shop_id=shop_id, action="run")
    if channel not in InteractionChannel.values:
        raise Invalid(_("Unknown channel."), field="channel")
    customer = _named(Customer.objects, customer_pk, shop_id=shop_id, field="customer")
    vehicle = _named(Vehicle.objects, vehicle_pk, shop_id=shop_id, field="vehicle")
    _check_identity(shop_id=shop_id, customer=customer, vehicle=vehicle)
    interaction = Interaction(
        shop_id=shop_id,
        channel=channel,
        customer=customer,
        vehicle=vehicle,
        walk_in_name=(walk_in_name or "").strip(),
        advisor=user,
        stage=Stage.GREET,
        greet_at=happened_at(at),
    )
    _apply_fields(interaction, Stage.GREET, greet or {})
    attribute_to(interaction, user)
    interaction.save()
    return interaction


# How old a greeting the new-walk-in page may carry: a page left open longer than this was not
# the greeting of the customer now at the counter.
DRAFT_GREET_MAX_AGE = timedelta(hours=12)


@transaction.atomic
def interaction_start(
    *,
    user,
    shop_id: int,
    channel: str,
    greet_at: datetime | None = None,
    customer_pk: int | None = None,
    vehicle_pk: int | None = None,
    walk_in_name: str = "",
    greet: dict | None = None,
    new_customer: dict | None = None,
    then: str = "save",
    outcome: str = "",
) -> Interaction:
    """The advisor's first submit on the new-walk-in page, which records nothing before it: open
    the interaction greeted when they tapped "New walk-in" (``greet_at``, believed only if it is
    past and recent), with its greet fields or a new customer (``interaction_customer_new``);
    then go on to the next stage (``then="advance"``) or close early (``then="close"``). One
    transaction: refused, nothing is recorded."""
    now = timezone.now()
    if greet_at is None or not now - DRAFT_GREET_MAX_AGE <= greet_at <= now:
        greet_at = now
    interaction = interaction_open(
        user=user,
        shop_id=shop_id,
        channel=channel,
        customer_pk=customer_pk,
        vehicle_pk=vehicle_pk,
        walk_in_name=walk_in_name,
        greet=greet,
        at=greet_at,
    )
    if new_customer:
        interaction = interaction_customer_new(
            user=user, pk=interaction.pk, version=interaction.version, **new_customer
        )
    if then == "advance":
        interaction = interaction_advance(
            user=user, pk=interaction.pk, stage=Stage.KNOW_NEED, version=interaction.version
        )
    elif then == "close":
        interaction = interaction_advance(
            user=user,
            pk=interaction.pk,
            stage=Stage.CLOSED,
            outcome=outcome,
            version=interaction.version,
        )
    return interaction


@transaction.atomic
def interaction_customer_new(
    *, user, pk: int, customer: dict, vehicle: dict | None = None, version: int | None = None
) -> Interaction:
    """A walk-in not on file: create the customer (and their car) in the interaction's shop —
    through the vehicles services, so a duplicate phone or a bad VIN is refused as anywhere
    else — and make them the interaction's customer (and vehicle), in one transaction."""
    interaction = _lock(user=user, pk=pk, version=version)
    created = vehicle_services.customer_create(shop_pk=interaction.shop_id, user=user, **customer)
    car = None
    if vehicle:
        car = vehicle_services.vehicle_create(
            shop_pk=interaction.shop_id, owner_pk=created.pk, user=user, **vehicle
        )
    interaction.customer = created
    interaction.vehicle = car
    _save(interaction, ["customer", "vehicle"])
    return interaction


@transaction.atomic
def interaction_advance(
    *,
    user,
    pk: int,
    stage: str,
    fields: dict | None = None,
    outcome: str = "",
    version: int | None = None,
    at: datetime | None = None,
) -> Interaction:
    """Enter ``stage`` — the next one, or ``closed`` (early with an outcome) — with its fields,
    at ``at`` (now unless said).

    State is checked before fields: a refused move answers 409 even with bad fields.
    """
    interaction = _lock(user=user, pk=pk, version=version)
    fields = dict(fields or {})
    if stage not in Stage.values:
        raise Invalid(UNKNOWN_STAGE, field="stage")
    at = happened_at(at)
    if stage == Stage.CLOSED:
        return _close(user=user, interaction=interaction, outcome=outcome, fields=fields, at=at)
    _guard_next(interaction, stage)
    _check_may_leave(interaction)
    _apply_fields(interaction, stage, fields)
    interaction.stage = stage
    setattr(interaction, STAGE_TIMESTAMP[stage], at)
    _save(interaction, [*fields, "stage", STAGE_TIMESTAMP[stage]])
    _after_stage_fields(user=user, interaction=interaction, changed=set(fields))
    return interaction


@transaction.atomic
def interaction_update(
    *, user, pk: int, fields: dict, version: int | None = None, advance: bool = False
) -> Interaction:
    """Edit the fields of the current stage, and who the customer is (a walk-in completed later).

    With ``advance``, then enter the next stage (at keep: close, completed) in the same
    transaction: "save and go on" does both or, refused, neither."""
    interaction = _lock(user=user, pk=pk, version=version)
    fields = dict(fields)
    identity = {k: fields.pop(k) for k in IDENTITY_FIELDS if k in fields}
    for name in fields:
        owner = _stage_of_field(name)
        if owner is None:
            raise Invalid(NOT_A_STAGE_FIELD % {"stage": Stage(interaction.stage).label}, field=name)
        if owner != interaction.stage:
            raise Conflict(
                NOT_CURRENT_STAGE
                % {"stage": Stage(owner).label, "current": Stage(interaction.stage).label},
                code="not_current_stage",
            )
    if identity:
        customer = identity.get("customer", interaction.customer)
        vehicle = identity.get("vehicle", interaction.vehicle)
        _check_identity(shop_id=interaction.shop_id, customer=customer, vehicle=vehicle)
        interaction.customer = customer
        interaction.vehicle = vehicle
        if "walk_in_name" in identity:
            interaction.walk_in_name = (identity["walk_in_name"] or "").strip()
        if interaction.customer is None and not interaction.walk_in_name:
            # Saying who the customer is with nobody and no name says nothing.
            raise Invalid(IDENTITY_REQUIRED, field="walk_in_name")
    _apply_fields(interaction, interaction.stage, fields)
    _save(interaction, [*fields, *identity])
    _after_stage_fields(user=user, interaction=interaction, changed=set(fields))
    if advance:
        return interaction_advance(
            user=user, pk=pk, stage=next_stage(interaction.stage), version=interaction.version
        )
    return interaction


def interaction_actions(interaction: Interaction, user) -> frozenset[str]:
    """What ``user`` may do with ``interaction`` now, asked of the guards the services refuse
    with and the role table: ``edit`` (the current stage's fields, who the customer is),
    ``advance`` (to the next open stage), ``complete`` (close from keep), ``close`` (early, with
    an outcome), ``escalate``, ``open_work_order``; and, once the customer is known, ``log`` (a
    contact) and ``learn`` (their profile). What the fields say (a stage's requirements, the
    kind of an escalation) is left to the service, whose refusal says what is missing."""
    i = interaction
    offered = set()
    if permissions.may(user, shop_id=i.shop_id, action="run") and passes(lambda: _guard_open(i)):
        offered |= {"edit", "close", "escalate"}
        if passes(lambda: _guard_next(i, next_stage(i.stage))):
            offered.add("advance")
        if passes(lambda: _guard_complete(i)):
            offered.add("complete")
        if passes(lambda: _guard_work_order(i)):
            offered.add("open_work_order")
    if i.customer_id and permissions.may(user, shop_id=i.shop_id, action="log"):
        offered |= {"log", "learn"}
    return frozenset(offered)


def _guard_next(interaction: Interaction, stage: str) -> None:
    """Conflict unless ``stage`` is the open stage that follows the current one."""
    current = interaction.stage
    expected = next_stage(current)
    if stage != expected or expected == Stage.CLOSED:
        raise Conflict(
            OUT_OF_ORDER % {"current": Stage(current).label, "next": Stage(expected).label},
            code="out_of_order",
        )


def _guard_complete(interaction: Interaction) -> None:
    if interaction.stage != Stage.KEEP:
        raise Conflict(OUTCOME_COMPLETED_ONLY_FROM_KEEP, code="out_of_order")


def _close(
    *, user, interaction: Interaction, outcome: str, fields: dict, at: datetime
) -> Interaction:
    at_keep = interaction.stage == Stage.KEEP
    outcome = outcome or (Outcome.COMPLETED if at_keep else "")
    if not outcome:
        raise Invalid(OUTCOME_REQUIRED, field="outcome")
    if outcome not in Outcome.values:
        raise Invalid(UNKNOWN_OUTCOME, field="outcome")
    if outcome == Outcome.COMPLETED:
        _guard_complete(interaction)
    if fields:
        name = next(iter(fields))
        raise Invalid(NOT_A_STAGE_FIELD % {"stage": Stage.CLOSED.label}, field=name)
    if outcome == Outcome.COMPLETED:
        _check_may_leave(interaction)
    interaction.stage = Stage.CLOSED
    interaction.outcome = outcome
    interaction.closed_at = at
    _save(interaction, ["stage", "outcome", "closed_at"])
    return interaction


def _stage_of_field(name: str) -> str | None:
    for stage, names in STAGE_FIELDS.items():
        if name in names:
            return stage
    return None


def _check_may_leave(interaction: Interaction) -> None:
    for name, message in LEAVE_REQUIREMENTS.get(interaction.stage, ()):
        value = getattr(interaction, name)
        if value in (None, "", False) or (isinstance(value, str) and not value.strip()):
            raise Invalid(message, field=name)


def _check_identity(*, shop_id: int, customer: Customer | None, vehicle: Vehicle | None) -> None:
    if customer is not None and customer.shop_id != shop_id:
        raise Invalid(WRONG_SHOP, field="customer")
    if vehicle is not None:
        if vehicle.shop_id != shop_id:
            raise Invalid(WRONG_SHOP, field="vehicle")
        if customer is None:
            raise Invalid(VEHICLE_NEEDS_CUSTOMER, field="vehicle")


def _apply_fields(interaction: Interaction, stage: str, fields: dict) -> None:
    """Validate and set the given fields of ``stage``; Invalid names the first bad field."""
    allowed = STAGE_FIELDS[stage]
    for name, value in fields.items():
        if name not in allowed:
            raise Invalid(NOT_A_STAGE_FIELD % {"stage": Stage(stage).label}, field=name)
        if name == "work_order":
            _check_work_order(interaction, value)
            interaction.work_order = value
            continue
        field = Interaction._meta.get_field(name)
        if value is None and isinstance(field, models.CharField | models.TextField):
            value = ""
        if name == "satisfaction" and value is not None:
            try:
                score = int(value)
            except (TypeError, ValueError):
                raise Invalid(SATISFACTION_RANGE, field=name) from None
            if not 1 <= score <= 5 or Decimal(str(value)) != score:
                raise Invalid(SATISFACTION_RANGE, field=name)
        try:
            value = field.clean(value, interaction)
        except ValidationError as exc:
            raise Invalid(exc.messages[0], field=name) from None
        if name == "promised_at":
            value = check_promise(value, field=name, previous=interaction.promised_at)
        elif isinstance(field, models.DateField | models.DateTimeField):
            check_plausible(value, field=name)
        if name == "estimate" and value is not None and value < 0:
            raise Invalid(_("The estimate cannot be negative."), field=name)
        setattr(interaction, name, value)


def _check_work_order(interaction: Interaction, work_order: WorkOrder | None) -> None:
    if work_order is None:
        return
    if work_order.shop_id != interaction.shop_id:
        raise Invalid(WRONG_SHOP, field="work_order")
    if interaction.customer_id and work_order.customer_id != interaction.customer_id:
        raise Invalid(WORK_ORDER_OTHER_CUSTOMER, field="work_order")


def _after_stage_fields(*, user, interaction: Interaction, changed: set[str]) -> None:
    """What recorded stage data sets off: the profile learns the main concern; a low score at
    keep escalates the customer as not satisfied (once)."""
    if (
        "main_concern" in changed
        and interaction.customer_id
        and interaction.main_concern != MainConcern.UNKNOWN
    ):
        _learn(
            customer_id=interaction.customer_id,
            changes={"main_concern": interaction.main_concern},
            user=user,
        )
    if (
        "satisfaction" in changed
        and interaction.stage == Stage.KEEP
        and interaction.satisfaction is not None
        and interaction.satisfaction <= NOT_SATISFIED_AT_MOST
        and not interaction.escalations.filter(kind=EscalationKind.NOT_SATISFIED).exists()
    ):
        _escalate(
            user=user,
            interaction=interaction,
            kind=EscalationKind.NOT_SATISFIED,
            reason=interaction.satisfaction_words.strip(),
            reason_message=texts.NOT_SATISFIED,
            reason_params={"score": interaction.satisfaction},
        )

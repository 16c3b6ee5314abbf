"""Writes of the interactions app. Views, the API and jobs all call these.

Every stage change goes through ``interaction_advance``: it locks the row, refuses a stale copy
(``version``), enters only the next stage (or closes early with an outcome) and saves the entered
stage's fields. A closed interaction is never edited again.
"""

from datetime import datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from servicedesk.accounts.models import Membership
from servicedesk.accounts.selectors import get_for_user, on_duty_approvers
from servicedesk.dates import check_plausible, check_promise
from servicedesk.errors import Conflict, Invalid
from servicedesk.field_history import attribute_to
from servicedesk.notifications import messages
from servicedesk.notifications.services import notification_send
from vehicles import services as vehicle_services
from vehicles.models import Channel, Customer, CustomerType, MainConcern, Vehicle, WorkOrder

from . import hooks, permissions, texts
from .models import (
    CommunicationChannel,
    CommunicationKind,
    CommunicationLog,
    Direction,
    Escalation,
    EscalationKind,
    Interaction,
    InteractionChannel,
    Outcome,
    Stage,
)
from .stages import (
    LEAVE_REQUIREMENTS,
    NOT_SATISFIED_AT_MOST,
    STAGE_FIELDS,
    STAGE_TIMESTAMP,
    next_stage,
)

ALREADY_CLOSED = _("This interaction is closed and can no longer be changed.")
STALE_COPY = _("Someone else changed this interaction; reload it and try again.")
OUT_OF_ORDER = _(
    "The interaction is at %(current)s; the only stage it can enter next is %(next)s "
    "(or close early with an outcome)."
)
UNKNOWN_STAGE = _("Unknown stage.")
NOT_A_STAGE_FIELD = _("This is not a field of the %(stage)s stage.")
NOT_CURRENT_STAGE = _(
    "This field belongs to the %(stage)s stage; the interaction is at %(current)s."
)
OUTCOME_REQUIRED = _("Closing before keep needs an outcome: answered, booked or no action.")
OUTCOME_COMPLETED_ONLY_FROM_KEEP = _("Only an interaction at keep can close as completed.")
UNKNOWN_OUTCOME = _("Unknown outcome.")
SATISFACTION_RANGE = _("Satisfaction is a score from 1 to 5.")
REASON_REQUIRED = _("Say why you are escalating.")
NOT_SATISFIED_ONLY_AT_KEEP = _("A customer is marked not satisfied at the keep stage.")
ALREADY_NOT_SATISFIED = _("This customer's dissatisfaction is already escalated.")
RESPONSE_REQUIRED = _("Write the response.")
ALREADY_ANSWERED = _("This escalation has already been answered.")
WRONG_SHOP = _("This record belongs to another shop.")
WORK_ORDER_OTHER_CUSTOMER = _("This work order is for another customer.")
SUMMARY_REQUIRED = _("Write a summary.")
NOT_IN_FUTURE = _("This cannot be in the future.")
VEHICLE_NEEDS_CUSTOMER = _("Choose the customer before the vehicle.")
IDENTITY_REQUIRED = _("Choose the customer, or write the name they gave.")
INTERACTION_OTHER_CUSTOMER = _("This interaction is with another customer.")
UNKNOWN_PROFILE_FIELD = _("Not a profile field.")
WORK_ORDER_STAGE = _(
    "A work order is opened at the confirm or help stage; the interaction is at %(current)s."
)
WORK_ORDER_ALREADY_LINKED = _("Work order %(number)s is already linked to this interaction.")
WORK_ORDER_NEEDS_VEHICLE = _("Choose the customer and the vehicle before opening a work order.")
WORK_ORDER_NEEDS_CONCERN = _(
    "Write down the customer's concern: record the need in their words or the agreed work first."
)

# Where a work order may be opened from the interaction: once the work is being agreed on
# (confirm) or carried out (help).
WORK_ORDER_STAGES = (Stage.CONFIRM, Stage.HELP)

IDENTITY_FIELDS = ("customer", "vehicle", "walk_in_name")
PROFILE_FIELDS = (
    "customer_type",
    "main_concern",
    "preferred_channel",
    "preferred_language",
    "wants_ride",
    "wants_loaner",
    "waits_on_site",
)


# --- interactions -------------------------------------------------------------------------


@transaction.atomic
def interaction_open(
    *,
    user,
    shop_id: int,
    channel: str,
    customer: Customer | None = None,
    vehicle: Vehicle | None = None,
    walk_in_name: str = "",
    greet: dict | None = None,
    greet_at: datetime | None = None,
) -> Interaction:
    """Open an interaction at greet, with the greet fields (wait, first cues, notes)."""
    permissions.require(user, shop_id=shop_id, action="run")
    if channel not in InteractionChannel.values:
        raise Invalid(_("Unknown channel."), field="channel")
    _check_identity(shop_id=shop_id, customer=customer, vehicle=vehicle)
    interaction = Interaction(
        shop_id=shop_id,
        channel=channel,
        customer=customer,
        vehicle=vehicle,
        walk_in_name=(walk_in_name or "").strip(),
        advisor=user,
        stage=Stage.GREET,
        greet_at=greet_at or timezone.now(),
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
    customer: Customer | None = None,
    vehicle: Vehicle | None = None,
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
        customer=customer,
        vehicle=vehicle,
        walk_in_name=walk_in_name,
        greet=greet,
        greet_at=greet_at,
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
) -> Interaction:
    """Enter ``stage`` — the next one, or ``closed`` (early with an outcome) — with its fields.

    State is checked before fields: a refused move answers 409 even with bad fields.
    """
    interaction = _lock(user=user, pk=pk, version=version)
    fields = dict(fields or {})
    if stage not in Stage.values:
        raise Invalid(UNKNOWN_STAGE, field="stage")
    current = interaction.stage
    if stage == Stage.CLOSED:
        return _close(user=user, interaction=interaction, outcome=outcome, fields=fields)
    expected = next_stage(current)
    if stage != expected or expected == Stage.CLOSED:
        raise Conflict(
            OUT_OF_ORDER % {"current": Stage(current).label, "next": Stage(expected).label},
            code="out_of_order",
        )
    _check_may_leave(interaction)
    _apply_fields(interaction, stage, fields)
    interaction.stage = stage
    setattr(interaction, STAGE_TIMESTAMP[stage], timezone.now())
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
) -> WorkOrder:
    """Open the work order this interaction agreed on and link it. Values not given come from
    the interaction (``interaction_work_order_defaults``); the vehicles service numbers the
    order, records the mileage in and flags a comeback. The interaction row is locked, so two
    taps open one work order."""
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
    )
    interaction.work_order = work_order
    _save(interaction, ["work_order"])
    return work_order


def _close(*, user, interaction: Interaction, outcome: str, fields: dict) -> Interaction:
    at_keep = interaction.stage == Stage.KEEP
    outcome = outcome or (Outcome.COMPLETED if at_keep else "")
    if not outcome:
        raise Invalid(OUTCOME_REQUIRED, field="outcome")
    if outcome not in Outcome.values:
        raise Invalid(UNKNOWN_OUTCOME, field="outcome")
    if outcome == Outcome.COMPLETED and not at_keep:
        raise Conflict(OUTCOME_COMPLETED_ONLY_FROM_KEEP, code="out_of_order")
    if fields:
        name = next(iter(fields))
        raise Invalid(NOT_A_STAGE_FIELD % {"stage": Stage.CLOSED.label}, field=name)
    if outcome == Outcome.COMPLETED:
        _check_may_leave(interaction)
    interaction.stage = Stage.CLOSED
    interaction.outcome = outcome
    interaction.closed_at = timezone.now()
    _save(interaction, ["stage", "outcome", "closed_at"])
    return interaction


def _lock(*, user, pk, version: int | None) -> Interaction:
    """The interaction, row-locked, after the access, closed and stale-copy checks."""
    interaction = get_for_user(
        Interaction.objects.select_for_update(),
        user=user,
        pk=pk,
        roles=permissions.ROLES_FOR["run"],
    )
    if interaction.stage == Stage.CLOSED:
        raise Conflict(ALREADY_CLOSED, code="closed")
    if version is not None and int(version) != interaction.version:
        raise Conflict(STALE_COPY, code="stale")
    return attribute_to(interaction, user)


def _save(interaction: Interaction, changed: list[str]) -> None:
    interaction.version += 1
    interaction.save(update_fields=sorted({*changed, "version"}))


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


# --- escalations --------------------------------------------------------------------------


@transaction.atomic
def interaction_escalate(
    *, user, pk: int, reason: str, kind: str = EscalationKind.UNEXPECTED_DEMAND
) -> Escalation:
    """Hand a demand the advisor cannot meet — or a customer not satisfied at keep — to the
    manager on duty (or the duty supervisor), who is notified in the app.

    For ``not_satisfied``, the handlers registered in ``interactions.hooks`` run inside this
    transaction (the complaints app opens a complaint there).
    """
    interaction = _lock(user=user, pk=pk, version=None)
    if kind not in EscalationKind.values:
        raise Invalid(_("Unknown kind of escalation."), field="kind")
    if not (reason or "").strip():
        raise Invalid(REASON_REQUIRED, field="reason")
    if kind == EscalationKind.NOT_SATISFIED:
        if interaction.stage != Stage.KEEP:
            raise Conflict(NOT_SATISFIED_ONLY_AT_KEEP, code="out_of_order")
        if interaction.escalations.filter(kind=EscalationKind.NOT_SATISFIED).exists():
            raise Conflict(ALREADY_NOT_SATISFIED, code="already_escalated")
    return _escalate(user=user, interaction=interaction, kind=kind, reason=reason.strip())


def _escalate(
    *,
    user,
    interaction: Interaction,
    kind: str,
    reason: str,
    reason_message: str = "",
    reason_params: dict | None = None,
) -> Escalation:
    """Precondition: the interaction's row is locked by the caller's transaction."""
    approvers = list(on_duty_approvers(shop_id=interaction.shop_id))
    assignee = approvers[0].user if approvers else None
    escalation = Escalation.objects.create(
        interaction=interaction,
        shop_id=interaction.shop_id,
        kind=kind,
        stage=interaction.stage,
        reason=str(reason),
        reason_message=reason_message,
        reason_params=reason_params or {},
        raised_by=user,
        raised_at=timezone.now(),
        assigned_to=assignee,
    )
    if assignee is not None:
        recipients = [assignee]
    else:  # nobody on duty: every manager and supervisor of the shop sees it
        recipients = [
            m.user
            for m in Membership.objects.filter(
                shop_id=interaction.shop_id, role__in=permissions.ROLES_FOR["respond"]
            ).select_related("user")
        ]
    url = reverse("interactions:escalation", args=[escalation.pk])

    params = {
        "advisor": user.get_full_name() or user.username,
        "kind": messages.choice(escalation, "kind"),
        "reason": escalation.reason,
        "reason_message": escalation.reason_message,
        "reason_params": escalation.reason_params,
    }
    for recipient in recipients:
        notification_send(
            recipient=recipient,
            shop_id=interaction.shop_id,
            kind="escalation",
            message=texts.ESCALATION,
            params=params,
            url=url,
            key=f"escalation:{escalation.pk}",
        )
    if kind == EscalationKind.NOT_SATISFIED:
        escalation.interaction = interaction
        hooks.run_not_satisfied_handlers(escalation=escalation)
    return escalation


@transaction.atomic
def escalation_respond(*, user, pk: int, response: str) -> Escalation:
    """Record the manager's (or duty supervisor's) answer once and notify the advisor."""
    escalation = get_for_user(
        Escalation.objects.select_for_update(),
        user=user,
        pk=pk,
        roles=permissions.ROLES_FOR["respond"],
    )
    if escalation.responded_at is not None:
        raise Conflict(ALREADY_ANSWERED, code="already_answered")
    if not (response or "").strip():
        raise Invalid(RESPONSE_REQUIRED, field="response")
    escalation.response = response.strip()
    escalation.responded_by = user
    escalation.responded_at = timezone.now()
    escalation.save(update_fields=["response", "responded_by", "responded_at"])
    interaction = escalation.interaction
    notification_send(
        recipient=escalation.raised_by,
        shop_id=escalation.shop_id,
        kind="escalation_response",
        message=texts.ESCALATION_ANSWERED,
        params={
            "manager": user.get_full_name() or user.username,
            "response": escalation.response,
        },
        url=reverse("interactions:detail", args=[interaction.pk]),
        key=f"escalation-response:{escalation.pk}",
    )
    return escalation


# --- communication log and the customer's profile -----------------------------------------


@transaction.atomic
def communication_log(
    *,
    user,
    customer: Customer,
    direction: str,
    channel: str,
    kind: str,
    summary: str,
    vehicle: Vehicle | None = None,
    work_order: WorkOrder | None = None,
    interaction: Interaction | None = None,
    at: datetime | None = None,
    learned: dict | None = None,
) -> CommunicationLog:
    """Log one inquiry, concern, resolution … with a customer; ``learned`` (type, main concern,
    preferences) updates the customer's profile in the same transaction."""
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
    at = at or timezone.now()
    check_plausible(at, field="at")
    if at > timezone.now() + timedelta(minutes=5):
        raise Invalid(NOT_IN_FUTURE, field="at")
    for name, record in (("vehicle", vehicle), ("work_order", work_order)):
        if record is not None and record.shop_id != customer.shop_id:
            raise Invalid(WRONG_SHOP, field=name)
    if work_order is not None and work_order.customer_id != customer.pk:
        raise Invalid(WORK_ORDER_OTHER_CUSTOMER, field="work_order")
    if interaction is not None:
        if interaction.shop_id != customer.shop_id:
            raise Invalid(WRONG_SHOP, field="interaction")
        if interaction.customer_id not in (None, customer.pk):
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
        customer_profile_learn(user=user, customer=customer, changes=learned)
    return entry


@transaction.atomic
def customer_profile_learn(*, user, customer: Customer, changes: dict) -> Customer:
    """What was learned about a customer — type, main concern, preferred channel and language,
    amenities — written to their profile. Empty values leave a field as it was."""
    permissions.require(user, shop_id=customer.shop_id, action="log")
    return _learn(customer_id=customer.pk, changes=changes, user=user)


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

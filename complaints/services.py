"""Every write to a complaint: intake, edits, the one transition service, remedies and their
decisions, the customer's confirmation, corrective action, supplier deductions, follow-ups.

Each service is one transaction, locks the rows it changes and writes the history row."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from servicedesk.accounts.models import Role, Shop
from servicedesk.accounts.selectors import department_heads, on_duty_approvers, role_in_shop
from servicedesk.accounts.templatetags.people import person
from servicedesk.dates import check_plausible
from servicedesk.errors import Conflict, Forbidden, Invalid, NotFound
from servicedesk.notifications import messages
from servicedesk.notifications.services import notification_send
from servicedesk.numbering import number_allocate
from servicedesk.signatures import signature_png
from vehicles.models import AuthorizationMethod

from . import permissions as rules
from . import texts
from .models import (
    MONEY_KINDS,
    RESOLVED_STATES,
    Category,
    Complaint,
    ComplaintChannel,
    ComplaintHistory,
    ComplaintPolicy,
    CorrectiveAction,
    CustomerSettlement,
    FollowUp,
    HistoryKind,
    Opinion,
    Remedy,
    RemedyKind,
    RemedyStatus,
    Responsibility,
    Severity,
    Source,
    State,
    SupplierDeduction,
)

# Guards: a refused transition names the one that failed.
GUARD_NOT_ALLOWED = _("No transition from “%(from)s” to “%(to)s”.")
GUARD_CATEGORY = _(
    "Guard “category and responsibility”: set the complaint's category and responsibility "
    "before resolving."
)
GUARD_REMEDY = _("Guard “remedy”: propose at least one remedy that is not rejected.")
GUARD_PENDING = _("Guard “approvals”: a remedy is still awaiting approval.")
GUARD_CONFIRMATION = _(
    "Guard “customer confirmation”: the customer has not confirmed the remedies yet."
)
GUARD_ACTION_PLANNED = _(
    "Guard “corrective action”: plan the corrective and preventive action (root cause, "
    "department, owner, due date) first."
)
GUARD_ACTION_RESULT = _("Guard “action result”: the owner has not recorded the result yet.")
GUARD_ACTION_VERIFIED = _(
    "Guard “verification”: a manager has not verified the corrective action yet."
)
GUARD_ACTION_EFFECTIVE = _(
    "Guard “effectiveness”: no corrective action was verified effective; plan another."
)
GUARD_SKIP_ONLY_CUSTOMER = _(
    "Guard “skip corrective action”: only when the customer is responsible may the stage be "
    "skipped."
)
GUARD_SKIP_REASON = _("Guard “skip corrective action”: give the reason for skipping.")
GUARD_SUPPLIER_DEDUCTION = _(
    "Guard “supplier deduction”: the supplier is responsible; raise the deduction and the "
    "improvement request first."
)
GUARD_FOLLOW_UP = _(
    "Guard “follow-up”: record the customer's opinion, or that they could not be reached after "
    "%(tries)s tries."
)
GUARD_REOPEN_REASON = _("Guard “reopen”: give the reason for reopening.")

STALE_COPY = _(
    "Someone else changed this complaint since you opened it. Reload it and make your change again."
)
VERSION_REQUIRED = _("Send the version of the complaint you read.")
CLOSED_NO_EDIT = _("The complaint is closed: reopen it to change it.")
NO_REMEDY_NOW = _("Remedies are proposed before the customer confirms.")
ALREADY_DECIDED = _("This remedy has already been decided (%(status)s).")
NEGATIVE_AMOUNT = _("The amount cannot be negative.")
BAD_AMOUNT = _("Enter a valid amount.")
CONFIRM_ONLY_RESOLVING = _("The customer confirms while the complaint is being resolved.")
CONFIRM_NAME_REQUIRED = _("The customer must print their name.")
CONFIRM_METHOD = _("Choose how the customer confirmed.")
NOT_IN_SHOP = _("This record does not belong to the complaint's shop.")
OWNER_NOT_QUALITY = _("The owner must be a head of department (quality role) of this shop.")
FIELD_REQUIRED = _("This field is required.")
RESULT_ALREADY_VERIFIED = _("This action is already verified: its result can no longer change.")
RESULT_MISSING = _("The owner must record the result before it is verified.")
ALREADY_VERIFIED = _("This corrective action has already been verified.")
DEDUCTION_ONLY_SUPPLIER = _("A supplier deduction is raised only when the supplier is responsible.")
SUPPLIER_REQUIRED = _("Name the supplier.")
ALREADY_APPLIED = _("This deduction has already been applied.")
ALREADY_SETTLED = _("This money has already been paid to the customer.")
FOLLOW_UP_ONLY_IN_STATE = _("Follow-up attempts are recorded in the follow-up stage.")
OPINION_REQUIRED = _("The customer was reached: record their opinion.")
OPINION_WITHOUT_CONTACT = _("No opinion can be recorded when the customer was not reached.")

EDITABLE_FIELDS = (
    "customer_words",
    "requested_remedy",
    "channel",
    "severity",
    "immediate_response",
    "category",
    "responsibility",
    "nature",
    "supplier",
    "customer",
    "customer_name",
    "vehicle",
    "work_order",
    "work_order_line",
    "technician",
)

TRANSITIONS: dict[str, set[str]] = {
    State.RECEIVED: {State.INVESTIGATING},
    State.INVESTIGATING: {State.RESOLVING},
    State.RESOLVING: {State.CUSTOMER_CONFIRMED},
    State.CUSTOMER_CONFIRMED: {State.CORRECTIVE_ACTION, State.FOLLOW_UP},
    State.CORRECTIVE_ACTION: {State.FOLLOW_UP},
    State.FOLLOW_UP: {State.CLOSED},
    State.CLOSED: {State.INVESTIGATING},
}
REOPEN = "reopened"  # the API's name for closed → investigating


# --- helpers ---------------------------------------------------------------------------------


def policy_for_shop(shop_id: int) -> ComplaintPolicy:
    """The shop's policy, or the defaults (unsaved) where it has none."""
    return ComplaintPolicy.objects.filter(shop_id=shop_id).first() or ComplaintPolicy(
        shop_id=shop_id
    )


def _log(complaint, *, kind, by, note="", from_state="", to_state="", changes=None):
    return ComplaintHistory.objects.create(
        complaint=complaint,
        kind=kind,
        by=by,
        note=note or "",
        from_state=from_state,
        to_state=to_state,
        changes=changes or {},
    )


def _locked(pk: int) -> Complaint:
    try:
        return Complaint.objects.select_for_update().get(pk=pk)
    except Complaint.DoesNotExist:
        raise NotFound() from None


def _bump(complaint: Complaint, fields: list[str]) -> None:
    complaint.version += 1
    complaint.save(update_fields=[*fields, "version"])


def _set_clocks(complaint: Complaint) -> None:
    policy = policy_for_shop(complaint.shop_id)
    complaint.first_response_due = complaint.received_at + policy.response_delta(complaint.severity)
    complaint.resolution_due = complaint.received_at + policy.resolution_delta(complaint.severity)


def _check_links(shop_id: int, **links) -> None:
    """Every linked record must belong to the complaint's shop (Invalid on that field)."""
    owners = {
        "customer": lambda o: o.shop_id,
        "vehicle": lambda o: o.shop_id,
        "work_order": lambda o: o.shop_id,
        "work_order_line": lambda o: o.work_order.shop_id,
        "supplier": lambda o: o.shop_id,
        "interaction": lambda o: o.shop_id,
    }
    for field, obj in links.items():
        if obj is None:
            continue
        if field == "technician":
            if role_in_shop(obj, shop_id) is None:
                raise Invalid(NOT_IN_SHOP, field=field)
        elif owners[field](obj) != shop_id:
            raise Invalid(NOT_IN_SHOP, field=field)


def _cashiers(shop_id: int):
    return get_user_model().objects.filter(
        memberships__shop_id=shop_id, memberships__role=Role.CASHIER
    )


def _url(complaint) -> str:
    return reverse("complaints:detail", args=[complaint.pk])


def _notify(users, complaint, *, kind, message, key, params=None):
    for user in users:
        notification_send(
            recipient=user,
            shop_id=complaint.shop_id,
            kind=kind,
            message=message,
            params={"number": complaint.number, **(params or {})},
            url=_url(complaint),
            key=f"{key}:{user.pk}",
        )


# --- intake ----------------------------------------------------------------------------------


@transaction.atomic
def complaint_open(
    *,
    shop: Shop,
    customer_words: str,
    channel: str,
    received_by=None,
    source: str = Source.DIRECT,
    severity: str = Severity.NORMAL,
    requested_remedy: str = "",
    received_at=None,
    customer=None,
    customer_name: str = "",
    vehicle=None,
    work_order=None,
    work_order_line=None,
    technician=None,
    interaction=None,
    escalation=None,
) -> Complaint:
    """Open a complaint at ``received``. ``received_by`` None is a system intake (a survey job);
    a person must be a handler of the shop."""
    if received_by is not None:
        rules.require(received_by, shop_id=shop.pk, action="take_in")
    if not (customer_words or "").strip():
        raise Invalid(FIELD_REQUIRED, field="customer_words")
    if channel not in ComplaintChannel.values:
        raise Invalid(FIELD_REQUIRED, field="channel")
    if severity not in Severity.values:
        raise Invalid(FIELD_REQUIRED, field="severity")
    _check_links(
        shop.pk,
        customer=customer,
        vehicle=vehicle,
        work_order=work_order,
        work_order_line=work_order_line,
        technician=technician,
        interaction=interaction,
    )
    if work_order_line is not None:
        work_order = work_order or work_order_line.work_order
        technician = technician or work_order_line.technician
    if work_order is not None:
        customer = customer or work_order.customer
        vehicle = vehicle or work_order.vehicle
    if vehicle is not None and customer is None:
        customer = vehicle.owner
    received_at = received_at or timezone.now()
    numbered = number_allocate(shop=shop, kind="C", when=received_at)
    complaint = Complaint(
        shop=shop,
        year=numbered.year,
        sequence=numbered.sequence,
        number=numbered.number,
        source=source,
        channel=channel,
        customer=customer,
        customer_name=customer_name if customer is None else "",
        vehicle=vehicle,
        work_order=work_order,
        work_order_line=work_order_line,
        technician=technician,
        interaction=interaction,
        escalation=escalation,
        customer_words=customer_words.strip(),
        requested_remedy=requested_remedy,
        received_by=received_by,
        received_at=received_at,
        severity=severity,
    )
    _set_clocks(complaint)
    complaint.save()
    _log(
        complaint,
        kind=HistoryKind.OPENED,
        by=received_by,
        to_state=State.RECEIVED,
        note=Source(source).label,
        changes={"source": source},
    )
    return complaint


_INTERACTION_CHANNELS = {
    "walk_in": ComplaintChannel.IN_PERSON,
    "phone": ComplaintChannel.PHONE,
    "message": ComplaintChannel.MESSAGE,
    "email": ComplaintChannel.EMAIL,
}


@transaction.atomic
def complaint_open_from_escalation(*, escalation) -> Complaint:
    """The complaint for a `not_satisfied` escalation, prefilled from its interaction.
    Idempotent: the escalation's complaint if it already has one."""
    existing = Complaint.objects.filter(escalation=escalation).first()
    if existing is not None:
        return existing
    interaction = escalation.interaction
    words = interaction.satisfaction_words or escalation.reason
    if not words:
        # Only a score: the report (the shop's document) says so in the shop's language.
        with translation.override(escalation.shop.language):
            words = escalation.display_reason
    complaint = complaint_open(
        shop=escalation.shop,
        customer_words=words,
        channel=_INTERACTION_CHANNELS.get(interaction.channel, ComplaintChannel.IN_PERSON),
        received_by=None,
        source=Source.INTERACTION,
        received_at=escalation.raised_at,
        customer=interaction.customer,
        customer_name=interaction.walk_in_name,
        vehicle=interaction.vehicle,
        work_order=interaction.work_order,
        interaction=interaction,
        escalation=escalation,
    )
    # The advisor who escalated received it; no role check: the escalation already happened.
    complaint.received_by_id = escalation.raised_by_id
    complaint.save(update_fields=["received_by"])
    return complaint


def on_not_satisfied(*, escalation) -> None:
    """Registered with interactions.hooks: a customer not satisfied at `keep` opens a complaint."""
    if escalation.kind == "not_satisfied":
        complaint_open_from_escalation(escalation=escalation)


# --- edits -----------------------------------------------------------------------------------


def _display(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "pk"):
        return str(value)
    return str(value)


@transaction.atomic
def complaint_update(*, pk: int, by, version: int | None, note: str = "", **facts) -> Complaint:
    """Edit the facts; ``version`` is the one the caller read (a stale copy is a Conflict)."""
    complaint = _locked(pk)
    rules.require_complaint_handler(by, complaint=complaint)
    if version is None:
        raise Invalid(VERSION_REQUIRED, field="version")
    if int(version) != complaint.version:
        raise Conflict(STALE_COPY, code="stale")
    _guard_open(complaint)
    unknown = set(facts) - set(EDITABLE_FIELDS)
    if unknown:
        raise Invalid(FIELD_REQUIRED, field=sorted(unknown)[0])
    links = {
        k: v
        for k, v in facts.items()
        if k in ("customer", "vehicle", "work_order", "work_order_line", "technician", "supplier")
    }
    _check_links(complaint.shop_id, **links)
    if "customer_words" in facts and not (facts["customer_words"] or "").strip():
        raise Invalid(FIELD_REQUIRED, field="customer_words")
    checks = {
        "severity": Severity.values,
        "channel": ComplaintChannel.values,
        "category": ["", *Category.values],
        "responsibility": ["", *Responsibility.values],
    }
    for field, allowed in checks.items():
        if field in facts and facts[field] not in allowed:
            raise Invalid(FIELD_REQUIRED, field=field)
    changes = {}
    for field, value in facts.items():
        old = getattr(complaint, field)
        if (old.pk if hasattr(old, "pk") else old) == (value.pk if hasattr(value, "pk") else value):
            continue
        changes[field] = [_display(old), _display(value)]
        setattr(complaint, field, value)
    if "nature" in changes:
        rules.require(by, shop_id=complaint.shop_id, action="determine_nature")
    if not changes:
        return complaint
    fields = list(changes)
    if "severity" in changes:
        _set_clocks(complaint)
        fields += ["first_response_due", "resolution_due"]
    if "immediate_response" in changes and complaint.first_responded_at is None:
        complaint.first_responded_at = timezone.now()
        fields.append("first_responded_at")
    _bump(complaint, fields)
    _log(complaint, kind=HistoryKind.EDIT, by=by, note=note, changes=changes)
    return complaint


# --- the transition --------------------------------------------------------------------------


def _since_reopen(qs, complaint, field):
    if complaint.reopened_at:
        return qs.filter(**{f"{field}__gt": complaint.reopened_at})
    return qs


def _guard_resolving(complaint):
    if not complaint.category or not complaint.responsibility:
        raise Conflict(GUARD_CATEGORY, code="guard_category")


def _guard_confirmed(complaint):
    remedies = list(complaint.remedies.all())
    if not any(r.status != RemedyStatus.REJECTED for r in remedies):
        raise Conflict(GUARD_REMEDY, code="guard_remedy")
    if any(r.status == RemedyStatus.PENDING for r in remedies):
        raise Conflict(GUARD_PENDING, code="guard_pending")
    confirmed = complaint.confirmed_at is not None and bool(complaint.confirmed_name)
    if confirmed and complaint.reopened_at and complaint.confirmed_at <= complaint.reopened_at:
        confirmed = False
    if not confirmed:
        raise Conflict(GUARD_CONFIRMATION, code="guard_confirmation")


def _guard_supplier(complaint):
    needs = complaint.responsibility == Responsibility.SUPPLIER
    if needs and not complaint.supplier_deductions.exists():
        raise Conflict(GUARD_SUPPLIER_DEDUCTION, code="guard_supplier_deduction")


def _guard_actions_done(complaint):
    actions = list(complaint.corrective_actions.all())
    if not actions:
        raise Conflict(GUARD_ACTION_PLANNED, code="guard_action_planned")
    if any(a.result_at is None for a in actions):
        raise Conflict(GUARD_ACTION_RESULT, code="guard_action_result")
    if any(a.verified_at is None for a in actions):
        raise Conflict(GUARD_ACTION_VERIFIED, code="guard_action_verified")
    if not any(a.effective for a in actions):
        raise Conflict(GUARD_ACTION_EFFECTIVE, code="guard_action_effective")


def _guard_skip(complaint, by, note):
    rules.require(by, shop_id=complaint.shop_id, action="skip")
    if complaint.responsibility != Responsibility.CUSTOMER:
        raise Conflict(GUARD_SKIP_ONLY_CUSTOMER, code="guard_skip")
    if not note.strip():
        raise Invalid(GUARD_SKIP_REASON, field="note")


def _guard_closed(complaint):
    follow_ups = list(_since_reopen(complaint.follow_ups.all(), complaint, "at"))
    if any(f.reached and f.opinion for f in follow_ups):
        return
    tries = policy_for_shop(complaint.shop_id).follow_up_max_tries
    if sum(1 for f in follow_ups if not f.reached) >= tries:
        return
    raise Conflict(GUARD_FOLLOW_UP % {"tries": tries}, code="guard_follow_up")


def may_skip_corrective_action(complaint, user) -> bool:
    return (
        complaint.responsibility == Responsibility.CUSTOMER
        and rules.may(user, shop_id=complaint.shop_id, action="skip")
        and complaint.state in (State.CUSTOMER_CONFIRMED, State.CORRECTIVE_ACTION)
    )


def next_states(complaint) -> list[str]:
    return sorted(TRANSITIONS.get(complaint.state, ()), key=lambda s: State.values.index(s))


# --- the guards the services refuse with, and ``complaint_actions`` built from them ------------
# Each raises Forbidden/NotFound (who) or Conflict (the record's state); the services call them
# and ``complaint_actions`` asks them, so a page offers exactly what the service accepts.


def _guard_open(complaint):
    if complaint.state == State.CLOSED:
        raise Conflict(CLOSED_NO_EDIT)


def _guard_remedy_open(complaint):
    if complaint.state in RESOLVED_STATES:
        raise Conflict(NO_REMEDY_NOW)


def _guard_confirm_state(complaint):
    if complaint.state != State.RESOLVING:
        raise Conflict(CONFIRM_ONLY_RESOLVING)


def _guard_follow_up_state(complaint):
    if complaint.state != State.FOLLOW_UP:
        raise Conflict(FOLLOW_UP_ONLY_IN_STATE)


def _guard_deduction_applies(complaint):
    if complaint.responsibility != Responsibility.SUPPLIER:
        raise Conflict(DEDUCTION_ONLY_SUPPLIER)
    _guard_open(complaint)


def _require_mover(complaint, by):
    """Who may move the complaint: the reopeners once it is closed, its handlers before."""
    if complaint.state == State.CLOSED:
        rules.require(by, shop_id=complaint.shop_id, action="reopen")
    else:
        rules.require_complaint_handler(by, complaint=complaint)


def _guard_transition(complaint, to):
    if to not in TRANSITIONS.get(complaint.state, set()):
        labels = {
            "from": State(complaint.state).label,
            "to": State(to).label if to in State.values else to,
        }
        raise Conflict(GUARD_NOT_ALLOWED % labels, code="guard_transition")


def _guard_result_open(action):
    if action.verified_at is not None:
        raise Conflict(RESULT_ALREADY_VERIFIED)


def _guard_verifiable(action):
    if action.verified_at is not None:
        raise Conflict(ALREADY_VERIFIED, code="decided")
    if action.result_at is None:
        raise Conflict(RESULT_MISSING)


def _passes(*checks) -> bool:
    """Whether every check (a callable that raises to refuse) lets it through."""
    try:
        for check in checks:
            check()
    except (Forbidden, NotFound, Conflict):
        return False
    return True


def transition_action(complaint, to: str) -> str:
    """The action name of moving ``complaint`` to ``to``: ``skip`` (skipping the corrective
    action of a customer-caused complaint), ``reopen``, or ``to:<state>``."""
    if complaint.state == State.CUSTOMER_CONFIRMED and to == State.FOLLOW_UP:
        return "skip"
    if complaint.state == State.CLOSED:
        return "reopen"
    return f"to:{to}"


def complaint_actions(complaint, user) -> frozenset[str]:
    """What ``user`` may do with ``complaint`` now (who they are, and its state), asked of the
    guards the services refuse with: ``edit``, ``determine_nature``, ``propose``, ``confirm``,
    ``follow_up``, ``plan``, ``raise_deduction``, and the moves (``to:<state>``, ``skip``,
    ``reopen``). The content a move checks (a category, a remedy, a result) is left to the
    service, whose refusal says what is missing."""
    c = complaint

    def handler():
        rules.require_complaint_handler(user, complaint=c)

    def role(action):
        return lambda: rules.require(user, shop_id=c.shop_id, action=action)

    def state(guard):
        return lambda: guard(c)

    checks = {
        "edit": (handler, state(_guard_open)),
        "determine_nature": (handler, state(_guard_open), role("determine_nature")),
        "propose": (handler, state(_guard_remedy_open)),
        "confirm": (handler, state(_guard_confirm_state)),
        "follow_up": (handler, state(_guard_follow_up_state)),
        "plan": (role("plan"), state(_guard_open)),
        "raise_deduction": (role("raise_deduction"), state(_guard_deduction_applies)),
    }
    offered = {name for name, guards in checks.items() if _passes(*guards)}
    if _passes(lambda: _require_mover(c, user)):
        for to in next_states(c):
            name = transition_action(c, to)
            if name == "skip" and not may_skip_corrective_action(c, user):
                continue
            offered.add(name)
    return frozenset(offered)


def corrective_action_actions(action, user) -> frozenset[str]:
    """What ``user`` may do with a corrective action now: ``record`` its result (its owner,
    until it is verified), ``verify`` it (a manager, once it has a result)."""
    offered = set()
    if _passes(
        lambda: rules.require_action_owner(user, action=action),
        lambda: _guard_result_open(action),
    ):
        offered.add("record")
    if _passes(
        lambda: rules.require(user, shop_id=action.complaint.shop_id, action="verify"),
        lambda: _guard_verifiable(action),
    ):
        offered.add("verify")
    return frozenset(offered)


@transaction.atomic
def complaint_transition(*, pk: int, by, to: str, note: str = "") -> Complaint:
    """Move the complaint to ``to`` if its guard holds. Holds the complaint's row lock from
    reading the guard to writing the history row."""
    complaint = _locked(pk)
    note = (note or "").strip()
    if to == REOPEN:
        to = State.INVESTIGATING
    source = complaint.state
    _require_mover(complaint, by)
    _guard_transition(complaint, to)

    now = timezone.now()
    fields = ["state"]
    kind = HistoryKind.TRANSITION
    if to == State.INVESTIGATING and source == State.RECEIVED:
        if complaint.first_responded_at is None:
            complaint.first_responded_at = now
            fields.append("first_responded_at")
    elif to == State.RESOLVING:
        _guard_resolving(complaint)
    elif to == State.CUSTOMER_CONFIRMED:
        _guard_confirmed(complaint)
        complaint.resolved_at = now
        fields.append("resolved_at")
    elif to == State.FOLLOW_UP:
        if source == State.CUSTOMER_CONFIRMED:
            _guard_skip(complaint, by, note)
            skipped = True
        else:
            try:
                _guard_actions_done(complaint)
                skipped = False
            except Conflict:
                if (
                    not may_skip_corrective_action(complaint, by)
                    or complaint.corrective_actions.exists()
                ):
                    raise
                _guard_skip(complaint, by, note)
                skipped = True
        if skipped:
            complaint.corrective_skip_reason = note
            fields.append("corrective_skip_reason")
        _guard_supplier(complaint)
    elif to == State.CLOSED:
        _guard_closed(complaint)
        complaint.closed_at = now
        fields.append("closed_at")
    elif source == State.CLOSED:
        if not note:
            raise Invalid(GUARD_REOPEN_REASON, field="note")
        kind = HistoryKind.REOPENED
        complaint.closed_at = None
        complaint.resolved_at = None
        complaint.reopened_at = now
        complaint.reopen_count += 1
        fields += ["closed_at", "resolved_at", "reopened_at", "reopen_count"]
    complaint.state = to
    _bump(complaint, fields)
    _log(complaint, kind=kind, by=by, note=note, from_state=source, to_state=to)
    return complaint


# --- remedies --------------------------------------------------------------------------------


def _amount(value) -> Decimal:
    try:
        amount = Decimal(str(value if value not in (None, "") else "0"))
    except (InvalidOperation, ValueError):
        raise Invalid(BAD_AMOUNT, field="amount") from None
    if not amount.is_finite():
        raise Invalid(BAD_AMOUNT, field="amount")
    if amount < 0:
        raise Invalid(NEGATIVE_AMOUNT, field="amount")
    if amount >= Decimal("1e10"):
        raise Invalid(BAD_AMOUNT, field="amount")
    return amount.quantize(Decimal("0.01"))


@transaction.atomic
def remedy_propose(*, complaint_pk: int, by, kind: str, amount, description: str = "") -> Remedy:
    complaint = _locked(complaint_pk)
    role = rules.require_complaint_handler(by, complaint=complaint)
    if kind not in RemedyKind.values:
        raise Invalid(FIELD_REQUIRED, field="kind")
    amount = _amount(amount)
    _guard_remedy_open(complaint)
    pending = rules.needs_approval(kind=kind, amount=amount, shop_id=complaint.shop_id, role=role)
    remedy = Remedy.objects.create(
        complaint=complaint,
        kind=kind,
        amount=amount,
        description=description or "",
        proposed_by=by,
        status=RemedyStatus.PENDING if pending else RemedyStatus.NOT_REQUIRED,
    )
    _log(
        complaint,
        kind=HistoryKind.REMEDY_PROPOSED,
        by=by,
        note=f"{remedy.get_kind_display()} {amount} · {remedy.get_status_display()}",
        changes={
            "remedy": remedy.pk,
            "remedy_kind": remedy.kind,
            "amount": str(amount),
            "remedy_status": remedy.status,
        },
    )
    if pending:
        approvers = [m.user for m in on_duty_approvers(shop_id=complaint.shop_id) if m.user != by]
        _notify(
            approvers,
            complaint,
            kind="remedy_pending",
            message=texts.REMEDY_PENDING,
            key=f"remedy:{remedy.pk}",
        )
    return remedy


@transaction.atomic
def remedy_decide(*, pk: int, by, approve: bool, note: str = "") -> Remedy:
    """Approve or reject once. The remedy row is locked first, so of two deciders at the same
    moment the second sees the first's decision and gets a Conflict."""
    try:
        remedy = (
            Remedy.objects.select_for_update(of=("self",)).select_related("complaint").get(pk=pk)
        )
    except Remedy.DoesNotExist:
        raise NotFound() from None
    rules.require_approver(by, remedy=remedy)
    if remedy.status != RemedyStatus.PENDING:
        raise Conflict(ALREADY_DECIDED % {"status": remedy.get_status_display()}, code="decided")
    remedy.status = RemedyStatus.APPROVED if approve else RemedyStatus.REJECTED
    remedy.decided_by = by
    remedy.decided_at = timezone.now()
    remedy.decision_note = note or ""
    remedy.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    _log(
        remedy.complaint,
        kind=HistoryKind.REMEDY_APPROVED if approve else HistoryKind.REMEDY_REJECTED,
        by=by,
        note=f"{remedy.get_kind_display()} {remedy.amount}" + (f" · {note}" if note else ""),
        changes={
            "remedy": remedy.pk,
            "remedy_kind": remedy.kind,
            "amount": str(remedy.amount),
            "text": note or "",
        },
    )
    if remedy.proposed_by_id != by.pk:
        _notify(
            [remedy.proposed_by],
            remedy.complaint,
            kind="remedy_decided",
            message=texts.REMEDY_APPROVED if approve else texts.REMEDY_REJECTED,
            key=f"remedy-decided:{remedy.pk}",
        )
    if approve and remedy.kind in MONEY_KINDS and remedy.amount > 0:
        _settlement_raise(remedy, by=by)
    return remedy


def _settlement_raise(remedy: Remedy, *, by) -> CustomerSettlement:
    """Approved money becomes a line the cashier settles. Precondition: the remedy row is locked
    and was pending until now, so this runs once per remedy (the one-to-one holds it too)."""
    complaint = remedy.complaint
    settlement = CustomerSettlement.objects.create(
        shop_id=complaint.shop_id,
        complaint=complaint,
        remedy=remedy,
        kind=remedy.kind,
        amount=remedy.amount,
    )
    _log(
        complaint,
        kind=HistoryKind.SETTLEMENT_RAISED,
        by=by,
        note=f"{remedy.get_kind_display()} {remedy.amount}",
        changes={
            "settlement": settlement.pk,
            "remedy_kind": remedy.kind,
            "amount": str(remedy.amount),
        },
    )
    _notify(
        _cashiers(complaint.shop_id),
        complaint,
        kind="customer_settlement",
        message=texts.SETTLEMENT_TO_PAY,
        key=f"settlement:{settlement.pk}",
    )
    return settlement


# --- confirmation ----------------------------------------------------------------------------


@transaction.atomic
def complaint_confirm(
    *,
    pk: int,
    by,
    signed_name: str,
    signature: str | None = None,
    method: str = AuthorizationMethod.IN_PERSON,
) -> Complaint:
    """The customer's printed name, the time and how they confirmed: in person with a signature
    drawn on the screen (required then), or by phone or message (no signature)."""
    complaint = _locked(pk)
    rules.require_complaint_handler(by, complaint=complaint)
    if method not in AuthorizationMethod.values:
        raise Invalid(CONFIRM_METHOD, field="method")
    signed_name = (signed_name or "").strip()
    if not signed_name:
        raise Invalid(CONFIRM_NAME_REQUIRED, field="signed_name")
    png = signature_png(signature, required=method == AuthorizationMethod.IN_PERSON)
    _guard_confirm_state(complaint)
    remedies = list(complaint.remedies.all())
    if any(r.status == RemedyStatus.PENDING for r in remedies):
        raise Conflict(GUARD_PENDING, code="guard_pending")
    if not any(r.agreed for r in remedies):
        raise Conflict(GUARD_REMEDY, code="guard_remedy")
    complaint.confirmed_name = signed_name[:120]
    complaint.confirmed_at = timezone.now()
    complaint.confirmation_recorded_by = by
    complaint.confirmation_language = (
        (complaint.customer.preferred_language if complaint.customer_id else "")
        or translation.get_language()
        or ""
    )
    fields = ["confirmed_name", "confirmed_at", "confirmation_recorded_by", "confirmation_language"]
    if png is not None:
        complaint.confirmation_signature.save(
            f"{complaint.number}-{complaint.confirmed_at:%Y%m%d%H%M%S}.png",
            ContentFile(png),
            save=False,
        )
        fields.append("confirmation_signature")
    elif complaint.confirmation_signature:
        complaint.confirmation_signature = ""
        fields.append("confirmation_signature")
    _bump(complaint, fields)
    _log(
        complaint,
        kind=HistoryKind.CONFIRMED,
        by=by,
        note=signed_name,
        changes={"signed": png is not None, "method": method},
    )
    return complaint


# --- corrective action -----------------------------------------------------------------------


@transaction.atomic
def corrective_action_plan(
    *,
    complaint_pk: int,
    by,
    root_cause: str,
    corrective_action: str,
    preventive_action: str,
    department: str,
    owner,
    due_date: date,
) -> CorrectiveAction:
    complaint = _locked(complaint_pk)
    rules.require(by, shop_id=complaint.shop_id, action="plan")
    _guard_open(complaint)
    for field, value in (
        ("root_cause", root_cause),
        ("corrective_action", corrective_action),
        ("preventive_action", preventive_action),
        ("department", department),
    ):
        if not (value or "").strip():
            raise Invalid(FIELD_REQUIRED, field=field)
    if due_date is None:
        raise Invalid(FIELD_REQUIRED, field="due_date")
    check_plausible(due_date, field="due_date")
    if owner is None or not rules.may(owner, shop_id=complaint.shop_id, action="own_action"):
        raise Invalid(OWNER_NOT_QUALITY, field="owner")
    action = CorrectiveAction.objects.create(
        complaint=complaint,
        root_cause=root_cause.strip(),
        corrective_action=corrective_action.strip(),
        preventive_action=preventive_action.strip(),
        department=department.strip(),
        owner=owner,
        due_date=due_date,
        created_by=by,
    )
    _log(
        complaint,
        kind=HistoryKind.ACTION_PLANNED,
        by=by,
        note=f"{action.department} · {owner} · {due_date:%Y-%m-%d}",
        changes={"action": action.pk},
    )
    _notify(
        [owner],
        complaint,
        kind="corrective_action",
        message=texts.ACTION_ASSIGNED,
        key=f"action:{action.pk}",
    )
    # The department answers for the action, not only the one head named owner.
    _notify(
        [
            u
            for u in department_heads(shop_id=complaint.shop_id, department=action.department)
            if u.pk != owner.pk
        ],
        complaint,
        kind="corrective_action",
        message=texts.ACTION_FOR_DEPARTMENT,
        params={
            "department": action.department,
            "owner": person(owner),
            "due": messages.when(action.due_date),
        },
        key=f"action-department:{action.pk}",
    )
    return action


def _locked_action(pk: int) -> CorrectiveAction:
    try:
        return (
            CorrectiveAction.objects.select_for_update(of=("self",))
            .select_related("complaint")
            .get(pk=pk)
        )
    except CorrectiveAction.DoesNotExist:
        raise NotFound() from None


@transaction.atomic
def corrective_action_record_result(*, pk: int, by, result: str) -> CorrectiveAction:
    action = _locked_action(pk)
    rules.require_action_owner(by, action=action)
    if not (result or "").strip():
        raise Invalid(FIELD_REQUIRED, field="result")
    _guard_result_open(action)
    action.result = result.strip()
    action.result_at = timezone.now()
    action.save(update_fields=["result", "result_at"])
    _log(
        action.complaint,
        kind=HistoryKind.ACTION_RESULT,
        by=by,
        note=action.result,
        changes={"action": action.pk},
    )
    return action


@transaction.atomic
def corrective_action_verify(*, pk: int, by, effective: bool, note: str = "") -> CorrectiveAction:
    action = _locked_action(pk)
    rules.require(by, shop_id=action.complaint.shop_id, action="verify")
    _guard_verifiable(action)
    action.effective = bool(effective)
    action.verified_by = by
    action.verified_at = timezone.now()
    action.verification_note = note or ""
    action.save(update_fields=["effective", "verified_by", "verified_at", "verification_note"])
    verdict = _("effective") if effective else _("not effective")
    _log(
        action.complaint,
        kind=HistoryKind.ACTION_VERIFIED,
        by=by,
        note=f"{verdict}" + (f" · {note}" if note else ""),
        changes={"action": action.pk, "effective": bool(effective), "text": note or ""},
    )
    return action


# --- supplier deduction ----------------------------------------------------------------------


@transaction.atomic
def supplier_deduction_raise(
    *,
    complaint_pk: int,
    by,
    amount,
    part: str,
    improvement_request: str,
    supplier=None,
    work_order_line=None,
) -> SupplierDeduction:
    complaint = _locked(complaint_pk)
    rules.require(by, shop_id=complaint.shop_id, action="raise_deduction")
    _guard_deduction_applies(complaint)
    line = work_order_line or complaint.work_order_line
    supplier = supplier or complaint.supplier or (line.supplier if line else None)
    if supplier is None:
        raise Invalid(SUPPLIER_REQUIRED, field="supplier")
    _check_links(complaint.shop_id, supplier=supplier, work_order_line=work_order_line)
    amount = _amount(amount)
    if amount == 0:
        raise Invalid(BAD_AMOUNT, field="amount")
    part = (part or (line.description if line else "")).strip()
    if not part:
        raise Invalid(FIELD_REQUIRED, field="part")
    if not (improvement_request or "").strip():
        raise Invalid(FIELD_REQUIRED, field="improvement_request")
    deduction = SupplierDeduction.objects.create(
        shop_id=complaint.shop_id,
        complaint=complaint,
        supplier=supplier,
        work_order_line=line,
        part=part[:200],
        amount=amount,
        improvement_request=improvement_request.strip(),
        raised_by=by,
    )
    _log(
        complaint,
        kind=HistoryKind.DEDUCTION_RAISED,
        by=by,
        note=f"{supplier} · {part} · {amount}",
        changes={"deduction": deduction.pk},
    )
    _notify(
        _cashiers(complaint.shop_id),
        complaint,
        kind="supplier_deduction",
        message=texts.DEDUCTION_TO_APPLY,
        key=f"deduction:{deduction.pk}",
    )
    return deduction


@transaction.atomic
def supplier_deduction_apply(*, pk: int, by, reference: str = "") -> SupplierDeduction:
    try:
        deduction = (
            SupplierDeduction.objects.select_for_update(of=("self",))
            .select_related("complaint")
            .get(pk=pk)
        )
    except SupplierDeduction.DoesNotExist:
        raise NotFound() from None
    rules.require(by, shop_id=deduction.shop_id, action="apply_deduction")
    if deduction.applied_at is not None:
        raise Conflict(ALREADY_APPLIED, code="decided")
    deduction.applied_at = timezone.now()
    deduction.applied_by = by
    deduction.settlement_reference = (reference or "")[:80]
    deduction.save(update_fields=["applied_at", "applied_by", "settlement_reference"])
    _log(
        deduction.complaint,
        kind=HistoryKind.DEDUCTION_APPLIED,
        by=by,
        note=f"{deduction.supplier} · {deduction.amount} {deduction.settlement_reference}".strip(),
        changes={"deduction": deduction.pk},
    )
    return deduction


# --- money to pay the customer --------------------------------------------------------------


@transaction.atomic
def customer_settlement_settle(*, pk: int, by, reference: str = "") -> CustomerSettlement:
    """The cashier paid or credited the customer: once. The row is locked first, so of two
    cashiers settling at the same moment the second sees the first's and gets a Conflict."""
    try:
        settlement = (
            CustomerSettlement.objects.select_for_update(of=("self",))
            .select_related("complaint")
            .get(pk=pk)
        )
    except CustomerSettlement.DoesNotExist:
        raise NotFound() from None
    rules.require(by, shop_id=settlement.shop_id, action="settle")
    if settlement.settled_at is not None:
        raise Conflict(ALREADY_SETTLED, code="decided")
    settlement.settled_at = timezone.now()
    settlement.settled_by = by
    settlement.settlement_reference = (reference or "").strip()[:80]
    settlement.save(update_fields=["settled_at", "settled_by", "settlement_reference"])
    _log(
        settlement.complaint,
        kind=HistoryKind.SETTLEMENT_SETTLED,
        by=by,
        note=f"{settlement.get_kind_display()} {settlement.amount} "
        f"{settlement.settlement_reference}".strip(),
        changes={
            "settlement": settlement.pk,
            "remedy_kind": settlement.kind,
            "amount": str(settlement.amount),
            "text": settlement.settlement_reference,
        },
    )
    return settlement


# --- follow-up -------------------------------------------------------------------------------


@transaction.atomic
def follow_up_record(
    *, complaint_pk: int, by, reached: bool, opinion: str = "", comment: str = "", next_try=None
) -> FollowUp:
    complaint = _locked(complaint_pk)
    rules.require_complaint_handler(by, complaint=complaint)
    if reached and opinion not in Opinion.values:
        raise Invalid(OPINION_REQUIRED, field="opinion")
    if not reached and opinion:
        raise Invalid(OPINION_WITHOUT_CONTACT, field="opinion")
    check_plausible(next_try, field="next_try")
    _guard_follow_up_state(complaint)
    follow_up = FollowUp.objects.create(
        complaint=complaint,
        by=by,
        reached=bool(reached),
        opinion=opinion or "",
        comment=comment or "",
        next_try=next_try,
    )
    label = Opinion(opinion).label if opinion else _("not reached")
    _log(
        complaint,
        kind=HistoryKind.FOLLOW_UP,
        by=by,
        note=f"{label}" + (f" · {comment}" if comment else ""),
        changes={"follow_up": follow_up.pk, "opinion": opinion or "", "text": comment or ""},
    )
    return follow_up


def follow_up_tries_left(complaint) -> int:
    tries = policy_for_shop(complaint.shop_id).follow_up_max_tries
    unreached = _since_reopen(complaint.follow_ups.filter(reached=False), complaint, "at").count()
    return max(tries - unreached, 0)

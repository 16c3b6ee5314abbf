"""Work orders (施工单): open, edit, the customer's authorization, and the status steps
open → authorized → in_progress → ready → delivered, or cancelled. Their lines are in
``lines``, the invoice issued at delivery in ``invoices``, the warranty of earlier work in
``warranty``.

Every step goes through ``_lock``, which locks the row, checks the user's role, that the step is
allowed from the current status and that the copy is not stale; ``_move`` changes the status and
writes a WorkOrderEvent in the same transaction.
"""

from datetime import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from servicedesk.dates import check_promise, happened_at
from servicedesk.errors import Conflict, Invalid
from servicedesk.field_history import attribute_to
from servicedesk.numbering import number_allocate
from servicedesk.signatures import signature_png

from .. import permissions
from ..models import (
    AuthorizationMethod,
    ComebackReview,
    Customer,
    Invoice,
    Vehicle,
    WorkOrder,
    WorkOrderAuthorization,
    WorkOrderEvent,
    WorkOrderLine,
    WorkOrderStatus,
)
from . import errors as E
from .invoices import _invoice_issue
from .records import record_get, record_locked
from .vehicles import _record_mileage_locked
from .warranty import vehicle_warranty_covers

S = WorkOrderStatus
EDITABLE = (S.OPEN, S.AUTHORIZED, S.IN_PROGRESS)

# What each step is called in a refusal, and the statuses it may start from.
ACTIONS = {
    "authorize": (_("authorizing"), (S.OPEN, S.AUTHORIZED, S.IN_PROGRESS)),
    "start": (_("starting work"), (S.AUTHORIZED,)),
    "ready": (_("marking it ready"), (S.IN_PROGRESS,)),
    "deliver": (_("delivering"), (S.READY,)),
    "cancel": (_("cancelling"), (S.OPEN, S.AUTHORIZED, S.IN_PROGRESS, S.READY)),
    "update": (_("editing"), EDITABLE),
    "lines": (_("changing lines"), EDITABLE),
    "comeback": (_("reviewing the comeback"), (S.OPEN, S.AUTHORIZED, S.IN_PROGRESS)),
}
STAMP = {
    S.AUTHORIZED: "authorized_at",
    S.IN_PROGRESS: "started_at",
    S.READY: "ready_at",
    S.DELIVERED: "delivered_at",
    S.CANCELLED: "cancelled_at",
}


def work_order_actions(work_order: WorkOrder, user) -> frozenset[str]:
    """What ``user`` may do to the work order now: the steps of ``ACTIONS`` its status and the
    user's role allow, and "inspect" (start the courtesy inspection) while it has none.
    Reads ``work_order.inspections``: prefetch them for a page (a list annotates instead)."""
    found = {
        action
        for action, (_label, allowed) in ACTIONS.items()
        if work_order.status in allowed
        and permissions.may(user, shop_id=work_order.shop_id, action=action)
    }
    if (
        work_order.status in EDITABLE
        and permissions.may(user, shop_id=work_order.shop_id, action="inspect")
        and not has_inspection(work_order)
    ):
        found.add("inspect")
    return frozenset(found)


def has_inspection(work_order: WorkOrder) -> bool:
    """A visit has one courtesy inspection: once it exists, items are added to it. A list's
    rows carry the answer (``inspected``, see ``selectors.work_order_list``)."""
    inspected = getattr(work_order, "inspected", None)
    if inspected is not None:
        return inspected
    return bool(work_order.inspections.all())


def _lock(pk: int, *, action: str, user, version: int | None = None) -> WorkOrder:
    """The work order read under a row lock; NotFound if there is none, Forbidden if the
    user's role may not do the action, Conflict if its status does not allow it or the caller's
    copy (``version``) is stale."""
    locked = record_locked(WorkOrder.objects, pk)
    permissions.require(user, shop_id=locked.shop_id, action=action)
    attribute_to(locked, user)
    if version is not None and int(version) != locked.version:
        raise Conflict(E.STALE_COPY, code="stale")
    label, allowed = ACTIONS[action]
    if locked.status not in allowed:
        raise Conflict(
            E.WRONG_STATUS % {"status": locked.get_status_display(), "action": label},
            code="wrong_status",
        )
    return locked


def _bump(work_order: WorkOrder, fields: list[str]) -> None:
    work_order.version += 1
    if fields:
        work_order.save(update_fields=[*fields, "version"])
    else:
        # Only the version moves (a line changed, and the line's own history says how): no
        # field-edit row for the order.
        work_order.save_without_historical_record(update_fields=["version"])


def _move(work_order: WorkOrder, *, to: str, user, at: datetime, note: str = "", fields=()) -> None:
    """Precondition: work_order is locked and the step was checked."""
    now = at
    old = work_order.status
    work_order.status = to
    setattr(work_order, STAMP[to], now)
    _bump(work_order, ["status", STAMP[to], *fields])
    WorkOrderEvent.objects.create(
        work_order=work_order, from_status=old, to_status=to, actor=user, note=note[:200], at=now
    )


# ---------------------------------------------------------------- open and edit


@transaction.atomic
def work_order_open(
    *,
    user,
    vehicle_pk: int,
    concern: str,
    customer_pk: int | None = None,
    promised_at: datetime | None = None,
    mileage_in: int | None = None,
    mileage_reason: str = "",
    estimate: Decimal | None = None,
    at: datetime | None = None,
) -> WorkOrder:
    """A new work order numbered per shop and year (the year of ``at``, when it was opened).
    Mileage in is recorded on the vehicle (a lower one needs a reason); work still under warranty
    flags the order as a possible comeback. ``estimate`` is what the customer agreed the work
    would cost (at the counter's confirm); the customer is the vehicle's owner unless
    ``customer_pk`` names another."""
    vehicle = record_locked(Vehicle.objects.select_related("shop"), vehicle_pk)
    permissions.require(user, shop_id=vehicle.shop_id, action="open")
    customer = record_get(Customer.objects, customer_pk) if customer_pk else vehicle.owner
    if customer.shop_id != vehicle.shop_id:
        raise Invalid(E.OWNER_OTHER_SHOP, field="customer")
    if not (concern or "").strip():
        raise Invalid(_("Write down the customer's concern."), field="concern")
    now = happened_at(at)
    promised_at = check_promise(promised_at, field="promised_at", made_at=now)
    if estimate is not None and estimate < 0:
        raise Invalid(E.NEGATIVE_ESTIMATE, field="estimate")
    if mileage_in is not None:
        _record_mileage_locked(
            vehicle=vehicle,
            km=mileage_in,
            user=user,
            source="work order in",
            reason=mileage_reason,
            at=now,
        )
    shop = vehicle.shop
    numbered = number_allocate(shop=shop, kind="WO", when=now)
    covers = vehicle_warranty_covers(vehicle=vehicle, now=now, km=mileage_in)
    work_order = WorkOrder(
        shop=shop,
        number=numbered.number,
        year=numbered.year,
        sequence=numbered.sequence,
        vehicle=vehicle,
        customer=customer,
        advisor=user,
        concern=concern.strip(),
        promised_at=promised_at,
        estimate=estimate,
        mileage_in=mileage_in,
        comeback_of=covers[0].line.work_order if covers else None,
        comeback_review=ComebackReview.PENDING if covers else "",
        opened_at=now,
    )
    attribute_to(work_order, user).save(force_insert=True)
    WorkOrderEvent.objects.create(
        work_order=work_order, from_status="", to_status=S.OPEN, actor=user, at=now
    )
    return work_order


@transaction.atomic
def work_order_update(*, user, pk: int, version: int | None = None, **fields) -> WorkOrder:
    """Edit the facts; ``version`` is the version the caller read and is required: two people
    editing from the same copy must not silently overwrite each other (the second gets a
    Conflict)."""
    if version is None:
        raise Invalid(E.VERSION_REQUIRED, field="version")
    wo = _lock(pk, action="update", user=user, version=version)
    if "promised_at" in fields:
        fields["promised_at"] = check_promise(
            fields["promised_at"], field="promised_at", previous=wo.promised_at
        )
    changed = []
    for key in ("concern", "cause", "correction", "promised_at"):
        if key in fields and getattr(wo, key) != fields[key]:
            setattr(wo, key, fields[key])
            changed.append(key)
    if "concern" in changed and not (wo.concern or "").strip():
        raise Invalid(_("Write down the customer's concern."), field="concern")
    if changed:
        _bump(wo, changed)
    return wo


@transaction.atomic
def work_order_review_comeback(*, user, pk: int, related: bool, note: str = "") -> WorkOrder:
    """The advisor looked at the earlier work: the flag stands (related) or is cleared."""
    wo = _lock(pk, action="comeback", user=user)
    if not wo.comeback_of_id:
        raise Conflict(E.NOT_A_COMEBACK)
    wo.comeback_review = ComebackReview.RELATED if related else ComebackReview.NOT_RELATED
    wo.comeback_note = (note or "")[:200]
    _bump(wo, ["comeback_review", "comeback_note"])
    return wo


# ---------------------------------------------------------------- authorization


# The methods where the customer signs on a screen: the counter's, or their own phone's.
SIGNED = (AuthorizationMethod.IN_PERSON, AuthorizationMethod.LINK)


def unauthorized_lines(work_order: WorkOrder):
    return work_order.lines.filter(authorization__isnull=True)


def _describe(lines) -> str:
    return ", ".join(line.description for line in lines[:5])


@transaction.atomic
def work_order_authorize(
    *,
    user,
    pk: int,
    method: str,
    authorized_by_name: str,
    signature: str = "",
    note: str = "",
    version: int | None = None,
    at: datetime | None = None,
) -> WorkOrderAuthorization:
    """The customer's consent to the estimate, covering every line not yet authorized.

    A pending comeback flag must be reviewed first, so the advisor has seen the earlier work.
    ``method`` LINK is the customer signing on the visit's link: ``user`` is None then (no one
    at the shop recorded it), and the caller resolved the link to this work order."""
    wo = _lock(pk, action="authorize", user=user, version=version)
    at = happened_at(at)
    if method not in AuthorizationMethod.values:
        raise Invalid(_("Choose how the customer authorized."), field="method")
    by_link = method == AuthorizationMethod.LINK
    if by_link and user is not None:
        raise Invalid(E.LINK_IS_CUSTOMERS, field="method")
    if not (authorized_by_name or "").strip():
        raise Invalid(_("Enter the name of the person who authorized."), field="authorized_by_name")
    if wo.comeback_of_id and wo.comeback_review == ComebackReview.PENDING:
        raise Conflict(E.COMEBACK_NOT_REVIEWED % {"number": wo.comeback_of.number})
    lines = list(wo.lines.all())
    if not lines:
        raise Conflict(E.NO_LINES)
    pending = [line for line in lines if line.authorization_id is None]
    if not pending:
        raise Conflict(E.NOTHING_TO_AUTHORIZE)
    png = signature_png(signature, required=method in SIGNED)
    auth = WorkOrderAuthorization(
        work_order=wo,
        method=method,
        authorized_by_name=authorized_by_name.strip(),
        amount=sum((line.total for line in lines), Decimal("0")),
        note=(note or "")[:200],
        recorded_by=user,
        authorized_at=at,
    )
    if png is not None:
        auth.signature = ContentFile(png, name="signature.png")
    auth.save()
    WorkOrderLine.objects.filter(pk__in=[line.pk for line in pending]).update(authorization=auth)
    if wo.status == S.OPEN:
        # Stored untranslated: the page names it in the reader's language.
        note = (
            gettext_noop("Estimate authorized by the customer, via link")
            if by_link
            else gettext_noop("Estimate authorized")
        )
        _move(wo, to=S.AUTHORIZED, user=user, at=at, note=note)
    else:
        _bump(wo, [])
    return auth


# ---------------------------------------------------------------- status steps


def _require_all_authorized(wo: WorkOrder) -> None:
    pending = list(unauthorized_lines(wo))
    if pending:
        raise Conflict(E.UNAUTHORIZED_LINES % {"lines": _describe(pending)}, code="unauthorized")


@transaction.atomic
def work_order_start(
    *, user, pk: int, version: int | None = None, at: datetime | None = None
) -> WorkOrder:
    wo = _lock(pk, action="start", user=user, version=version)
    if not wo.lines.exists():
        raise Conflict(E.NO_LINES)
    _require_all_authorized(wo)
    _move(wo, to=S.IN_PROGRESS, user=user, at=happened_at(at))
    return wo


@transaction.atomic
def work_order_ready(
    *, user, pk: int, version: int | None = None, note: str = "", at: datetime | None = None
) -> WorkOrder:
    wo = _lock(pk, action="ready", user=user, version=version)
    _require_all_authorized(wo)
    _move(wo, to=S.READY, user=user, at=happened_at(at), note=note)
    return wo


@transaction.atomic
def work_order_deliver(
    *,
    user,
    pk: int,
    mileage_out: int | None,
    version: int | None = None,
    mileage_reason: str = "",
    at: datetime | None = None,
) -> Invoice:
    """Hands the car back: records mileage out on the order and the vehicle, issues the invoice."""
    wo = _lock(pk, action="deliver", user=user, version=version)
    at = happened_at(at)
    if mileage_out is None or mileage_out == "":
        raise Invalid(E.MILEAGE_OUT_REQUIRED, field="mileage_out")
    mileage_out = int(mileage_out)
    if wo.mileage_in is not None and mileage_out < wo.mileage_in:
        raise Invalid(E.MILEAGE_OUT_LOWER % {"km": wo.mileage_in}, field="mileage_out")
    _require_all_authorized(wo)
    vehicle = Vehicle.objects.select_for_update().get(pk=wo.vehicle_id)
    _record_mileage_locked(
        vehicle=vehicle,
        km=mileage_out,
        user=user,
        source="work order out",
        reason=mileage_reason,
        at=at,
    )
    wo.mileage_out = mileage_out
    _move(wo, to=S.DELIVERED, user=user, at=at, fields=["mileage_out"])
    return _invoice_issue(wo, user=user, at=at)


@transaction.atomic
def work_order_cancel(
    *, user, pk: int, reason: str, version: int | None = None, at: datetime | None = None
) -> WorkOrder:
    """Cancelling keeps the order and its lines (never deleted), with the reason."""
    wo = _lock(pk, action="cancel", user=user, version=version)
    reason = (reason or "").strip()
    if not reason:
        raise Invalid(E.CANCEL_REASON_REQUIRED, field="reason")
    wo.cancel_reason = reason[:200]
    _move(wo, to=S.CANCELLED, user=user, at=happened_at(at), note=reason, fields=["cancel_reason"])
    return wo

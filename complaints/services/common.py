"""What every complaint service shares: the shop's policy, the row lock, the version bump,
the history row, the clocks, the shop check of linked records, the amount parser."""

from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from interactions.models import Escalation, Interaction
from servicedesk.accounts.selectors import role_in_shop, shop_calendar
from servicedesk.business_time import business_add, business_between
from servicedesk.errors import Invalid, NotFound
from servicedesk.notifications.services import notification_send
from vehicles.models import Customer, Supplier, Vehicle, WorkOrder, WorkOrderLine
from vehicles.services.records import record_get

from ..models import Complaint, ComplaintHistory, ComplaintPolicy
from .errors import BAD_AMOUNT, NEGATIVE_AMOUNT, NOT_IN_SHOP


def policy_for_shop(shop_id: int) -> ComplaintPolicy:
    """The shop's policy, or the defaults (unsaved) where it has none."""
    return ComplaintPolicy.objects.filter(shop_id=shop_id).first() or ComplaintPolicy(
        shop_id=shop_id
    )


def log(complaint, *, kind, by, note="", from_state="", to_state="", changes=None, at=None):
    """The complaint's history row, stamped ``at`` (now unless the service says when)."""
    return ComplaintHistory.objects.create(
        complaint=complaint,
        at=at or timezone.now(),
        kind=kind,
        by=by,
        note=note or "",
        from_state=from_state,
        to_state=to_state,
        changes=changes or {},
    )


def locked(pk: int) -> Complaint:
    try:
        return Complaint.objects.select_for_update().get(pk=pk)
    except Complaint.DoesNotExist:
        raise NotFound() from None


def lock_row(model, pk: int):
    """A complaint's dependent row (a remedy, an action, a money line) locked, with its complaint
    read beside it (not locked); NotFound if there is none."""
    try:
        return model.objects.select_for_update(of=("self",)).select_related("complaint").get(pk=pk)
    except model.DoesNotExist:
        raise NotFound() from None


def bump(complaint: Complaint, fields: list[str]) -> None:
    complaint.version += 1
    complaint.save(update_fields=[*fields, "version"])


def set_clocks(complaint: Complaint) -> None:
    """The due times from the receipt, in the shop's business time, each moved on by the
    business time the complaint spent paused while that clock ran (its ended pauses)."""
    policy = policy_for_shop(complaint.shop_id)
    calendar = shop_calendar(shop_id=complaint.shop_id)
    pauses = (
        list(complaint.pauses.filter(ended_at__isnull=False).order_by("started_at"))
        if complaint.pk is not None
        else []
    )

    def due(delta, stopped_at):
        paused = paused_business_time(pauses, calendar, stopped_at=stopped_at)
        return business_add(calendar, complaint.received_at, delta + paused)

    severity = complaint.severity
    complaint.first_response_due = due(
        policy.response_delta(severity), complaint.first_responded_at
    )
    complaint.resolution_due = due(policy.resolution_delta(severity), complaint.resolved_at)


def paused_business_time(pauses, calendar, *, stopped_at=None) -> timedelta:
    """The business time of ``pauses`` (ended) before the clock stopped at ``stopped_at``: a
    pause after a clock stopped does not move it (an answer already late stays late)."""
    total = timedelta(0)
    for pause in pauses:
        end = pause.ended_at if stopped_at is None else min(pause.ended_at, stopped_at)
        total += business_between(calendar, pause.started_at, end)
    return total


def check_links(shop_id: int, **links) -> None:
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


def _link_querysets() -> dict:
    return {
        "customer": Customer.objects.all(),
        "vehicle": Vehicle.objects.select_related("owner"),
        "work_order": WorkOrder.objects.select_related("customer", "vehicle"),
        "work_order_line": WorkOrderLine.objects.select_related("work_order", "technician"),
        "technician": get_user_model().objects.all(),
        "supplier": Supplier.objects.all(),
        "interaction": Interaction.objects.all(),
        "escalation": Escalation.objects.all(),
    }


def links_load(**pks) -> dict:
    """The records a complaint service is given by id (``customer_pk=`` …; CONVENTIONS §9), by
    their name (``customer``): None stays None, a missing id is NotFound. Whether they belong to
    the complaint's shop is ``check_links``'s question."""
    querysets = _link_querysets()
    return {
        key.removesuffix("_pk"): None if pk is None else record_get(querysets[key[:-3]], pk)
        for key, pk in pks.items()
    }


def since_reopen(qs, complaint, field):
    if complaint.reopened_at:
        return qs.filter(**{f"{field}__gt": complaint.reopened_at})
    return qs


def parse_amount(value) -> Decimal:
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


def _url(complaint) -> str:
    return reverse("complaints:detail", args=[complaint.pk])


def notify(users, complaint, *, kind, message, key, params=None, at=None):
    """Tell ``users`` of ``complaint``; ``at`` is when (a moment past is history: see
    ``notification_send``)."""
    for user in users:
        notification_send(
            recipient=user,
            shop_id=complaint.shop_id,
            kind=kind,
            message=message,
            params={"number": complaint.number, **(params or {})},
            url=_url(complaint),
            key=f"{key}:{user.pk}",
            at=at,
        )

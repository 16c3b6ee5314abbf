"""Reads of complaints, each scoped to the user's shops and with its joins done."""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from interactions.models import InboundMessage
from servicedesk.accounts.selectors import (
    get_for_user,
    memberships_for_user,
    scope_to_user,
)

from . import clocks, permissions
from .models import (
    Complaint,
    ComplaintHistory,
    CorrectiveAction,
    CustomerSettlement,
    FollowUp,
    Remedy,
    RemedyStatus,
    SupplierDeduction,
)

LIST_RELATED = ("shop", "customer", "vehicle", "work_order", "received_by")


def complaint_list(*, user, filters: dict | None = None) -> QuerySet:
    """The user's shops' complaints with the filters of the list page and the API applied.

    filters: state, category, severity, advisor (received_by id), q (search), mine, overdue,
    received_from / received_to (dates)."""
    filters = filters or {}
    qs = scope_to_user(Complaint.objects.all(), user=user).select_related(*LIST_RELATED)
    # A correlated EXISTS, not a Count over a join: it is computed for the rows of the page
    # only, and the paginator's COUNT(*) leaves it out (an aggregate would GROUP BY every row).
    qs = qs.annotate(
        pending_remedies=Exists(
            Remedy.objects.filter(complaint=OuterRef("pk"), status=RemedyStatus.PENDING)
        )
    )
    for field in ("state", "category", "severity", "responsibility"):
        if filters.get(field):
            qs = qs.filter(**{field: filters[field]})
    if filters.get("advisor"):
        qs = qs.filter(received_by_id=filters["advisor"])
    if filters.get("mine"):
        qs = qs.filter(received_by=user)
    if filters.get("overdue"):
        qs = qs.filter(clocks.overdue_q())
    if filters.get("received_from"):
        qs = qs.filter(received_at__date__gte=filters["received_from"])
    if filters.get("received_to"):
        qs = qs.filter(received_at__date__lte=filters["received_to"])
    if filters.get("q"):
        term = filters["q"].strip()
        qs = qs.filter(
            Q(number__icontains=term)
            | Q(customer_words__icontains=term)
            | Q(customer__name__icontains=term)
            | Q(customer_name__icontains=term)
            | Q(customer__phone__icontains=term)
            | Q(vehicle__plate__icontains=term)
            | Q(work_order__number__icontains=term)
        )
    return qs.order_by("-received_at", "-pk")


def complaint_rows(*, user) -> QuerySet:
    """``complaint_list`` as the API answers it: of the links, only the customer is joined (its
    name is the row's ``customer_display``); the API says the others by id."""
    return complaint_list(user=user).select_related(None).select_related("customer")


def complaint_row_for_user(*, user, pk) -> Complaint:
    """One complaint as the API answers it (``complaint_rows``), or NotFound."""
    return get_for_user(Complaint.objects.select_related("customer"), user=user, pk=pk)


# The links most complaints leave empty. Joined, they cost more than they return: PostgreSQL
# plans a query of a dozen joins in ~5 ms (run in 0.5 ms); prefetched, each is a query by
# primary key, made only when some complaint has the link. Only those the page and the report
# show: the interaction, the escalation and who recorded the confirmation are read as their ids
# (a link, the API's fields), and loading them cost a query each (the interaction's ~4 ms).
RARE_RELATED = (
    "work_order_line",
    "technician",
    "supplier",
)


def complaint_register(*, user, received_from, received_to) -> QuerySet:
    """The user's shops' complaints received from ``received_from`` to ``received_to`` (dates,
    both included), oldest first, with what ``register.register_rows`` reads already joined."""
    qs = complaint_list(
        user=user, filters={"received_from": received_from, "received_to": received_to}
    )
    return qs.prefetch_related("remedies").order_by("received_at", "pk")


def complaint_get_for_user(*, user, pk) -> Complaint:
    return get_for_user(Complaint.objects.select_related(*LIST_RELATED), user=user, pk=pk)


def complaint_detail(*, user, pk) -> Complaint:
    """One complaint with everything its page and report show, in a fixed number of queries."""
    qs = Complaint.objects.select_related(*LIST_RELATED).prefetch_related(
        *RARE_RELATED,
        Prefetch(
            "remedies",
            Remedy.objects.select_related(
                "proposed_by", "decided_by", "settlement", "settlement__settled_by"
            ),
        ),
        Prefetch(
            "corrective_actions",
            CorrectiveAction.objects.select_related("owner", "verified_by", "created_by"),
        ),
        Prefetch(
            "supplier_deductions",
            SupplierDeduction.objects.select_related("supplier", "raised_by", "applied_by"),
        ),
        Prefetch("follow_ups", FollowUp.objects.select_related("by")),
        Prefetch("history", ComplaintHistory.objects.select_related("by")),
    )
    return get_for_user(qs, user=user, pk=pk)


def complaint_history(*, complaint) -> QuerySet:
    return ComplaintHistory.objects.filter(complaint=complaint).select_related("by")


def remedy_get_for_user(*, user, pk) -> Remedy:
    return get_for_user(
        Remedy.objects.select_related("complaint"), user=user, pk=pk, shop_field="complaint__shop"
    )


def action_get_for_user(*, user, pk) -> CorrectiveAction:
    return get_for_user(
        CorrectiveAction.objects.select_related("complaint"),
        user=user,
        pk=pk,
        shop_field="complaint__shop",
    )


def deduction_get_for_user(*, user, pk) -> SupplierDeduction:
    return get_for_user(SupplierDeduction.objects.all(), user=user, pk=pk)


def _approval_shops(user) -> dict[int, object]:
    """Shop id → the user's approval limit there (None: unlimited), where they may decide
    remedies now: the approver rule of ``permissions.approval_authority``, shop by shop."""
    shops = {}
    for m in memberships_for_user(user):
        authority = permissions.approval_authority(user, shop_id=m.shop_id)
        if authority.member and authority.refusal is None:
            shops[m.shop_id] = authority.limit
    return shops


def remedies_awaiting(*, user) -> QuerySet:
    """Pending remedies this user may decide now, oldest first, with the complaint's facts: the
    rest of ``permissions.require_approver`` (never the proposer, within the limit) as a query."""
    shops = _approval_shops(user)
    if not shops:
        return Remedy.objects.none()
    within = Q()
    for shop_id, limit in shops.items():
        part = Q(complaint__shop_id=shop_id)
        if limit is not None:
            part &= Q(amount__lte=limit)
        within |= part
    return (
        Remedy.objects.filter(within, status=RemedyStatus.PENDING)
        .exclude(proposed_by=user)
        .select_related(
            "complaint",
            "complaint__customer",
            "complaint__vehicle",
            "complaint__received_by",
            "complaint__shop",
            "proposed_by",
        )
        .order_by("proposed_at", "pk")
    )


def actions_for_user(*, user, open_only: bool = True) -> QuerySet:
    """Corrective actions: a quality owner sees theirs, a manager all of the shop's."""
    memberships = memberships_for_user(user)
    manager_shops = [shop.pk for shop in permissions.shops(user, "verify")]
    qs = CorrectiveAction.objects.filter(
        Q(owner=user, complaint__shop_id__in=[m.shop_id for m in memberships])
        | Q(complaint__shop_id__in=manager_shops)
    )
    if open_only:
        qs = qs.filter(verified_at__isnull=True)
    return qs.select_related("complaint", "complaint__customer", "owner", "verified_by").order_by(
        "due_date", "pk"
    )


def deductions_for_user(*, user, applied: bool | None = None) -> QuerySet:
    qs = scope_to_user(SupplierDeduction.objects.all(), user=user).select_related(
        "supplier", "complaint", "work_order_line", "raised_by", "applied_by", "answer_recorded_by"
    )
    if applied is not None:
        qs = qs.filter(applied_at__isnull=not applied)
    return qs.order_by("raised_at", "pk")


SETTLEMENT_RELATED = (
    "shop",
    "complaint",
    "complaint__customer",
    "complaint__vehicle",
    "complaint__work_order",
    "remedy__decided_by",
    "settled_by",
)


def settlements_for_user(*, user, settled: bool | None = None) -> QuerySet:
    """Money to pay customers in the shops where the user's role sees it, oldest first (the
    order the cashier works in); Forbidden for a role that sees none."""
    qs = CustomerSettlement.objects.filter(
        shop_id__in=permissions.settlement_shops(user)
    ).select_related(*SETTLEMENT_RELATED)
    if settled is not None:
        qs = qs.filter(settled_at__isnull=not settled)
    return qs.order_by("raised_at", "pk")


def settlement_get_for_user(*, user, pk) -> CustomerSettlement:
    return get_for_user(
        CustomerSettlement.objects.select_related(*SETTLEMENT_RELATED), user=user, pk=pk
    )


def settlements_for_work_order(work_order_id: int) -> QuerySet:
    """What the invoice of this work order shows under its figures, in the order approved."""
    return (
        CustomerSettlement.objects.filter(complaint__work_order_id=work_order_id)
        .select_related("complaint")
        .order_by("raised_at", "pk")
    )


# How an inbound message claimed by a complaint says so (``InboundMessage.claimed_as``).
CLAIM_KIND = "complaint"


def complaint_emails(*, complaint) -> list:
    """The emails the customer sent about the complaint (the one that opened it, replies on
    its thread), oldest first, with their files."""
    return list(
        InboundMessage.objects.filter(claimed_as=CLAIM_KIND, claimed_ref=complaint.pk)
        .prefetch_related("attachments")
        .order_by("received_at", "pk")
    )

"""Reads of the vehicles app: querysets with their joins done, scoped to the user's shops.

The ``*_get_for_user`` helpers are the one way other apps and views fetch a single record: a
missing record and another shop's answer alike (NotFound → 404).
"""

from datetime import datetime
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from servicedesk.accounts.selectors import get_for_user, scope_to_user
from servicedesk.errors import NotFound

from .models import (
    Customer,
    Decision,
    Inspection,
    InspectionItem,
    InspectionPhoto,
    InspectionTemplate,
    InspectionVideo,
    Invoice,
    Supplier,
    Vehicle,
    WorkOrder,
    WorkOrderLine,
    WorkOrderStatus,
)
from .services.customers import normalize_phone
from .vin import normalize_vin

# ---------------------------------------------------------------- customers


def _with_figures(qs: QuerySet) -> QuerySet:
    """Visits (delivered work orders), last visit and lifetime spend (invoiced), in one query."""
    delivered = WorkOrder.objects.filter(customer=OuterRef("pk"), status=WorkOrderStatus.DELIVERED)
    visits = delivered.order_by().values("customer").annotate(n=Count("pk")).values("n")[:1]
    last = delivered.order_by("-delivered_at").values("delivered_at")[:1]
    spend = (
        Invoice.objects.filter(work_order__customer=OuterRef("pk"))
        .order_by()
        .values("work_order__customer")
        .annotate(s=Sum("total"))
        .values("s")[:1]
    )
    money = DecimalField(max_digits=14, decimal_places=2)
    return qs.annotate(
        visits=Coalesce(Subquery(visits), Value(0)),
        last_visit=Subquery(last),
        lifetime_spend=Coalesce(
            Subquery(spend, output_field=money), Value(Decimal("0")), output_field=money
        ),
    )


def customer_list(*, user, q: str = "") -> QuerySet:
    qs = scope_to_user(Customer.objects.all(), user=user)
    if q:
        qs = qs.filter(customer_search_q(q))
    return _with_figures(qs.select_related("shop"))


def customer_search_q(q: str) -> Q:
    q = q.strip()
    cond = Q(name__icontains=q) | Q(email__iexact=q)
    phone = normalize_phone(q)
    # Stored in E.164, which writes the international 00 as + and drops a national trunk 0
    # (010-5555-0100 is +861055550100): a whole number typed so is read so; a fragment as is.
    if len(phone) >= 7 and phone.startswith("00"):
        phone = "+" + phone[2:]
    elif len(phone) >= 7 and phone.startswith("0"):
        phone = phone[1:]
    if phone and any(ch.isdigit() for ch in phone):
        # icontains, the form the trigram indexes on UPPER(phone) and UPPER(phone_alt) answer:
        # each branch of the OR has its index, so PostgreSQL combines them instead of reading
        # every customer of the shop.
        cond |= Q(phone__icontains=phone) | Q(phone_alt__icontains=phone)
    return cond


def customer_get_for_user(*, user, pk) -> Customer:
    return get_for_user(_with_figures(Customer.objects.select_related("shop")), user=user, pk=pk)


# ---------------------------------------------------------------- vehicles


def vehicle_search_q(q: str) -> Q:
    token = normalize_vin(q)
    cond = Q(plate__icontains=token)
    if len(token) == 17:
        cond |= Q(vin=token)
    elif len(token) == 6:
        cond |= Q(vin_tail=token)
    elif len(token) > 6:
        # icontains on an upper-cased token: the same rows as contains, and the form the
        # trigram index on UPPER(vin) answers (migration 0003).
        cond |= Q(vin__icontains=token)
    return cond


def vehicle_list(*, user, q: str = "", owner_id=None) -> QuerySet:
    qs = scope_to_user(Vehicle.objects.select_related("owner", "shop"), user=user)
    if q:
        qs = qs.filter(vehicle_search_q(q))
    if owner_id:
        qs = qs.filter(owner_id=owner_id)
    return qs


def vehicle_get_for_user(*, user, pk) -> Vehicle:
    return get_for_user(
        Vehicle.objects.select_related("owner", "shop", "vin_override_by"), user=user, pk=pk
    )


def vehicle_row_for_user(*, user, pk) -> Vehicle:
    """The vehicle without its links (owner, shop) joined: for what reads only its own row."""
    return get_for_user(Vehicle.objects.all(), user=user, pk=pk)


def counter_search(*, user, q: str, limit: int = 20) -> dict:
    """What the counter finds for a plate, a VIN or its last 6, a phone or a name."""
    q = (q or "").strip()
    if not q:
        return {"customers": [], "vehicles": []}
    # A found car shows its owner's name; its shop (one of the user's) is not shown.
    vehicles = list(
        vehicle_list(user=user, q=q).select_related(None).select_related("owner")[:limit]
    )
    # The owners of the cars found by their ids: a join to every vehicle would read them all.
    owners = {v.owner_id for v in vehicles}
    # With the same figures as the customer list (subqueries: no query per customer found).
    customers = list(
        _with_figures(
            scope_to_user(Customer.objects.all(), user=user).filter(
                customer_search_q(q) | Q(pk__in=owners)
            )
        )[:limit]
    )
    return {"customers": customers, "vehicles": vehicles}


# ---------------------------------------------------------------- work orders

LINES = Prefetch(
    "lines",
    queryset=WorkOrderLine.objects.select_related("technician", "supplier", "authorization"),
)


def work_order_list(*, user, status: str | None = None) -> QuerySet:
    """Each row knows whether it has its courtesy inspection (``has_inspection`` reads it), so
    its ``work_order_actions`` cost no query per row."""
    qs = scope_to_user(
        WorkOrder.objects.select_related("vehicle", "customer", "advisor", "comeback_of").annotate(
            inspected=Exists(Inspection.objects.filter(work_order=OuterRef("pk")))
        ),
        user=user,
    )
    if status:
        qs = qs.filter(status=status)
    return qs


BOARD_CARD = (
    "pk",
    "number",
    "comeback_of_id",
    "comeback_review",
    "promised_at",
    "vehicle__plate",
    "vehicle__vin",
    "customer__name",
)


def work_order_board(*, user, per_column: int = 30) -> dict[str, list[dict]]:
    """The board: each status with its most recent orders (the done columns cut short), as
    rows of only what a card shows (``BOARD_CARD``). Up to 180 cards: plain rows, not model
    instances with their joined instances, which cost more to build than the page to render."""
    columns = {}
    cards = scope_to_user(WorkOrder.objects.all(), user=user).values(*BOARD_CARD)
    for status in WorkOrderStatus:
        qs = cards.filter(status=status)
        if status in (WorkOrderStatus.DELIVERED, WorkOrderStatus.CANCELLED):
            # "not null" lets the (shop, -delivered_at) index skip the open orders' nulls,
            # which a descending index puts first.
            qs = qs.filter(**{f"{status}_at__isnull": False}).order_by(f"-{status}_at", "-pk")
        else:
            qs = qs.order_by("promised_at", "opened_at", "pk")
        columns[status] = list(qs[:per_column])
    return columns


def work_order_get_for_user(*, user, pk) -> WorkOrder:
    return get_for_user(
        WorkOrder.objects.select_related(
            "shop", "vehicle", "customer", "advisor", "comeback_of", "comeback_of__vehicle"
        ).prefetch_related(
            LINES,
            "authorizations__recorded_by",
            "events__actor",
            "comeback_of__lines",
            "inspections__items",
        ),
        user=user,
        pk=pk,
    )


def line_get_for_user(*, user, work_order: WorkOrder, pk) -> WorkOrderLine:
    return get_for_user(
        WorkOrderLine.objects.filter(work_order=work_order).select_related("work_order"),
        user=user,
        pk=pk,
        shop_field="work_order__shop",
    )


# ---------------------------------------------------------------- inspections and invoices

ITEMS = Prefetch(
    "items",
    queryset=InspectionItem.objects.select_related("line", "decided_by").prefetch_related(
        "photos", "videos"
    ),
)


def inspection_templates(*, user, shop_id: int | None = None) -> QuerySet:
    """The checklists of the user's shops (of one shop with ``shop_id``), items prefetched."""
    found = scope_to_user(InspectionTemplate.objects.prefetch_related("items"), user=user)
    return found if shop_id is None else found.filter(shop_id=shop_id)


def inspection_template_get_for_user(*, user, pk) -> InspectionTemplate:
    return get_for_user(InspectionTemplate.objects.prefetch_related("items"), user=user, pk=pk)


# The files of an inspection, by kind: the model, the path to the item, the file field.
INSPECTION_FILES = {
    "photo": (InspectionPhoto, "item__", "image"),
    "video": (InspectionVideo, "item__", "file"),
    "signature": (InspectionItem, "", "decision_signature"),
}


def inspection_file(*, kind: str, pk, user=None, work_order_pk: int | None = None):
    """The stored file (a FieldFile) of an inspection's photo, video or a decision's signature:
    for staff, of the user's shops; for the customer's link (``work_order_pk``, resolved from
    the token), of that visit only. NotFound alike for missing, not yours or no file."""
    model, to_item, field = INSPECTION_FILES.get(kind, (None, "", ""))
    if model is None:
        raise NotFound()
    if work_order_pk is not None:
        found = model.objects.filter(
            pk=pk, **{f"{to_item}inspection__work_order_id": work_order_pk}
        ).first()
        if found is None:
            raise NotFound()
    else:
        found = get_for_user(model.objects.all(), user=user, pk=pk, shop_field=f"{to_item}shop")
    stored = getattr(found, field)
    if not stored:
        raise NotFound()
    return stored


def inspection_for_work_order(work_order_pk: int) -> Inspection | None:
    """The visit's courtesy inspection with its items, photos and videos (the customer's link:
    the caller resolved the token to this work order)."""
    return (
        Inspection.objects.select_related("work_order", "vehicle")
        .prefetch_related(ITEMS)
        .filter(work_order_id=work_order_pk)
        .first()
    )


def inspection_list(*, user) -> QuerySet:
    return scope_to_user(
        Inspection.objects.select_related("work_order", "vehicle", "inspected_by").prefetch_related(
            ITEMS
        ),
        user=user,
    )


def inspection_get_for_user(*, user, pk) -> Inspection:
    return get_for_user(
        Inspection.objects.select_related(
            "work_order", "work_order__customer", "vehicle", "inspected_by"
        ).prefetch_related(ITEMS),
        user=user,
        pk=pk,
    )


def inspection_items_to_remind(
    *,
    shop_id: int | None = None,
    decided_from: datetime | None = None,
    decided_until: datetime | None = None,
    decisions=(Decision.DECLINED, Decision.DEFERRED),
) -> QuerySet:
    """Declined or deferred recommendations by decision date: what a reminders job follows up.
    Not scoped to a user: a job passes the shop (the index is shop, decision, decided_at)."""
    qs = InspectionItem.objects.filter(decision__in=decisions).select_related(
        "inspection__vehicle", "inspection__work_order__customer"
    )
    if shop_id is not None:
        qs = qs.filter(shop_id=shop_id)
    if decided_from is not None:
        qs = qs.filter(decided_at__gte=decided_from)
    if decided_until is not None:
        qs = qs.filter(decided_at__lt=decided_until)
    return qs.order_by("decided_at", "pk")


def invoice_get_for_user(*, user, pk) -> Invoice:
    return get_for_user(
        Invoice.objects.select_related(
            "shop", "work_order", "work_order__vehicle", "work_order__customer", "issued_by"
        ).prefetch_related(Prefetch("work_order__lines", queryset=WorkOrderLine.objects.all())),
        user=user,
        pk=pk,
    )


def supplier_list(*, user) -> QuerySet:
    return scope_to_user(Supplier.objects.all(), user=user)


def supplier_get_for_user(*, user, pk) -> Supplier:
    return get_for_user(Supplier.objects.all(), user=user, pk=pk)

"""The complaint figures: volumes, clocks and close times, corrective actions, the money of
deductions and settlements, root causes."""

from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal
from math import floor
from zoneinfo import ZoneInfo

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import Trim

from complaints import clocks
from complaints.models import (
    MONEY_KINDS,
    Category,
    Complaint,
    ComplaintPause,
    CorrectiveAction,
    CustomerSettlement,
    Responsibility,
    Severity,
    SupplierDeduction,
)
from servicedesk.accounts.models import Shop
from servicedesk.accounts.selectors import shop_calendar
from servicedesk.business_time import business_between

from .measures import (
    PercentileCont,
    _duration,
    _hours,
    _is_postgresql,
    _share,
    percentile_by_offset,
)

UNSET = "unset"  # the key of complaints whose category or responsibility is not set yet
TOP_ROOT_CAUSES = 5
CLOSE_BUCKETS = [
    # key, lower bound (inclusive), upper bound (exclusive)
    ("lt_1d", timedelta(0), timedelta(days=1)),
    ("1_3d", timedelta(days=1), timedelta(days=3)),
    ("3_7d", timedelta(days=3), timedelta(days=7)),
    ("7_14d", timedelta(days=7), timedelta(days=14)),
    ("14_30d", timedelta(days=14), timedelta(days=30)),
    ("gte_30d", timedelta(days=30), None),
]
# The figures compared with the year before, and where each lives in the figures.


def _complaint_rows(shop: Shop, start: datetime, end: datetime):
    """The year's complaints, each with its response and close times and whether the same
    customer or car complained earlier in the period (a repeat)."""
    earlier = Complaint.objects.filter(
        Q(received_at__lt=OuterRef("received_at"))
        | Q(received_at=OuterRef("received_at"), pk__lt=OuterRef("pk")),
        Q(customer_id=OuterRef("customer_id")) | Q(vehicle_id=OuterRef("vehicle_id")),
        shop=shop,
        received_at__gte=start,
    )
    return Complaint.objects.filter(
        shop=shop, received_at__gte=start, received_at__lt=end
    ).annotate(
        response_time=_duration("first_responded_at", "received_at"),
        close_time=_duration("closed_at", "received_at"),
        has_earlier=Exists(earlier),
    )


RESPONDED = Q(first_responded_at__isnull=False)
CLOSED = Q(closed_at__isnull=False)


def _counts(now: datetime) -> dict:
    """Every count of the year's complaints, for one aggregate query."""
    aggregates = {
        "total": Count("pk"),
        "responded": Count("pk", filter=RESPONDED),
        "response_on_time": Count("pk", filter=clocks.RESPONSE.met_q()),
        "response_missed_open": Count("pk", filter=clocks.RESPONSE.past_due_unmet_q(now)),
        "closed": Count("pk", filter=CLOSED),
        "resolved": Count("pk", filter=Q(resolved_at__isnull=False)),
        "resolution_on_time": Count("pk", filter=clocks.RESOLUTION.met_q()),
        "resolution_missed_open": Count("pk", filter=clocks.RESOLUTION.past_due_unmet_q(now)),
        "repeat": Count("pk", filter=Q(has_earlier=True)),
    }
    for prefix, field, choices in (
        ("category", "category", Category.values),
        ("severity", "severity", Severity.values),
        ("responsibility", "responsibility", Responsibility.values),
    ):
        for value in choices:
            aggregates[f"{prefix}:{value}"] = Count("pk", filter=Q(**{field: value}))
        if prefix != "severity":
            aggregates[f"{prefix}:{UNSET}"] = Count("pk", filter=Q(**{field: ""}))
    for key, low, high in CLOSE_BUCKETS:
        condition = CLOSED & Q(close_time__gte=low)
        if high is not None:
            condition &= Q(close_time__lt=high)
        aggregates[f"bucket:{key}"] = Count("pk", filter=condition)
    return aggregates


def _aggregate_with_percentiles(qs, aggregates: dict) -> dict:
    """The counts, and the median and 90th percentile of the response and close times: in the
    same query on PostgreSQL, by offset on SQLite (which has no percentile function)."""
    postgresql = _is_postgresql(qs)
    if postgresql:
        for name in ("response_time", "close_time"):
            aggregates[f"{name}:p50"] = PercentileCont(name, 0.5)
            aggregates[f"{name}:p90"] = PercentileCont(name, 0.9)
    row = qs.aggregate(**aggregates)
    if not postgresql:
        for name, count, condition in (
            ("response_time", row["responded"], RESPONDED),
            ("close_time", row["closed"], CLOSED),
        ):
            subset = qs.filter(condition)
            row[f"{name}:p50"] = percentile_by_offset(subset, name, count, 0.5)
            row[f"{name}:p90"] = percentile_by_offset(subset, name, count, 0.9)
    return row


def _percentile(values: list, fraction: float):
    """``percentile_cont`` of sorted ``values`` (linear between the two nearest ranks)."""
    if not values:
        return None
    position = (len(values) - 1) * fraction
    k = floor(position)
    upper = values[min(k + 1, len(values) - 1)]
    return values[k] + (upper - values[k]) * (position - k)


def _in_business_time(shop: Shop, start: datetime, end: datetime, row: dict) -> None:
    """For a shop with business hours, the times to first response and to close (their median,
    90th percentile and the close distribution) in its business time, less the business time
    the complaint spent paused before the event: what the clocks count. A shop without hours
    counts wall time, which the query already measured (``row`` is left as it is)."""
    calendar = shop_calendar(shop_id=shop.pk)
    if calendar.around_the_clock:
        return
    complaints = Complaint.objects.filter(shop=shop, received_at__gte=start, received_at__lt=end)
    pauses = defaultdict(list)
    for complaint_id, began, ended in ComplaintPause.objects.filter(
        complaint__in=complaints, ended_at__isnull=False
    ).values_list("complaint_id", "started_at", "ended_at"):
        pauses[complaint_id].append((began, ended))

    def spent(pk, received, at):
        paused = sum(
            (business_between(calendar, began, min(ended, at)) for began, ended in pauses[pk]),
            timedelta(0),
        )
        return business_between(calendar, received, at) - paused

    response, close = [], []
    for pk, received, responded, closed in complaints.values_list(
        "pk", "received_at", "first_responded_at", "closed_at"
    ):
        if responded is not None:
            response.append(spent(pk, received, responded))
        if closed is not None:
            close.append(spent(pk, received, closed))
    for name, values in (("response_time", sorted(response)), ("close_time", sorted(close))):
        row[f"{name}:p50"] = _percentile(values, 0.5)
        row[f"{name}:p90"] = _percentile(values, 0.9)
    for key, low, high in CLOSE_BUCKETS:
        row[f"bucket:{key}"] = sum(1 for v in close if v >= low and (high is None or v < high))


def _complaints(shop: Shop, start: datetime, end: datetime, now: datetime) -> dict:
    row = _aggregate_with_percentiles(_complaint_rows(shop, start, end), _counts(now))
    _in_business_time(shop, start, end, row)

    def counts(prefix):
        return {k.split(":", 1)[1]: v for k, v in row.items() if k.startswith(f"{prefix}:")}

    by_responsibility = counts("responsibility")
    response_assessed = row["responded"] + row["response_missed_open"]
    resolution_assessed = row["resolved"] + row["resolution_missed_open"]
    return {
        "total": row["total"],
        "by_category": counts("category"),
        "by_severity": counts("severity"),
        "by_responsibility": by_responsibility,
        "supplier_share": _share(by_responsibility[Responsibility.SUPPLIER], row["total"]),
        "repeat": row["repeat"],
        "repeat_share": _share(row["repeat"], row["total"]),
        "first_response": {
            "responded": row["responded"],
            "median_hours": _hours(row["response_time:p50"]),
            "p90_hours": _hours(row["response_time:p90"]),
            "within_target": row["response_on_time"],
            "assessed": response_assessed,
            "within_target_share": _share(row["response_on_time"], response_assessed),
        },
        "close": {
            "closed": row["closed"],
            "median_hours": _hours(row["close_time:p50"]),
            "p90_hours": _hours(row["close_time:p90"]),
            "distribution": counts("bucket"),
        },
        "resolution": {
            "resolved": row["resolved"],
            "within_target": row["resolution_on_time"],
            "assessed": resolution_assessed,
            "within_target_share": _share(row["resolution_on_time"], resolution_assessed),
        },
    }


def _corrective_actions(shop: Shop, year: int, today: date) -> dict:
    tz = ZoneInfo(shop.timezone)
    row = (
        CorrectiveAction.objects.filter(
            complaint__shop=shop, due_date__gte=date(year, 1, 1), due_date__lte=date(year, 12, 31)
        )
        .annotate(**{clocks.DONE_ON: clocks.action_done_on(tz)})
        .aggregate(
            due=Count("pk"),
            on_time=Count("pk", filter=clocks.action_done_on_time_q()),
            late=Count("pk", filter=clocks.action_done_late_q()),
            open_overdue=Count("pk", filter=clocks.action_overdue_q(today)),
            verified_effective=Count("pk", filter=Q(effective=True)),
            verified_not_effective=Count("pk", filter=Q(effective=False)),
        )
    )
    assessed = row["on_time"] + row["late"] + row["open_overdue"]
    return {
        "due": row["due"],
        "done_on_time": row["on_time"],
        "done_late": row["late"],
        "open_overdue": row["open_overdue"],
        "on_time_share": _share(row["on_time"], assessed),
        "verified_effective": row["verified_effective"],
        "verified_not_effective": row["verified_not_effective"],
    }


def _supplier_deductions(shop: Shop, start: datetime, end: datetime) -> dict:
    row = SupplierDeduction.objects.filter(
        shop=shop, raised_at__gte=start, raised_at__lt=end
    ).aggregate(count=Count("pk"), amount=Sum("amount"), applied=Count("applied_at"))
    return {
        "count": row["count"],
        "applied": row["applied"],
        "amount": str(Decimal(row["amount"] or 0).quantize(Decimal("0.01"))),
    }


def _money(value) -> str:
    return str(Decimal(value or 0).quantize(Decimal("0.01")))


def _customer_settlements(shop: Shop, start: datetime, end: datetime) -> dict:
    """Remedies' money (discounts, compensation, refunds) from the rows the cashier settles, in
    the year it was approved: the statistics and the cashier's list cannot disagree."""
    paid = Q(settled_at__isnull=False)
    aggregates = {
        "n": Count("pk"),
        "sum": Sum("amount"),
        "paid_n": Count("pk", filter=paid),
        "paid_sum": Sum("amount", filter=paid),
    }
    for kind in MONEY_KINDS:
        aggregates[f"{kind}:n"] = Count("pk", filter=Q(kind=kind))
        aggregates[f"{kind}:sum"] = Sum("amount", filter=Q(kind=kind))
    row = CustomerSettlement.objects.filter(
        shop=shop, raised_at__gte=start, raised_at__lt=end
    ).aggregate(**aggregates)
    return {
        "count": row["n"],
        "amount": _money(row["sum"]),
        "settled": row["paid_n"],
        "settled_amount": _money(row["paid_sum"]),
        "by_kind": {
            str(kind): {"count": row[f"{kind}:n"], "amount": _money(row[f"{kind}:sum"])}
            for kind in MONEY_KINDS
        },
    }


def _root_causes(shop: Shop, start: datetime, end: datetime) -> list[dict]:
    rows = (
        CorrectiveAction.objects.filter(
            complaint__shop=shop, complaint__received_at__gte=start, complaint__received_at__lt=end
        )
        .annotate(cause=Trim("root_cause"))
        .values("cause")
        .annotate(count=Count("pk"))
        .order_by("-count", "cause")[:TOP_ROOT_CAUSES]
    )
    return [{"cause": r["cause"], "count": r["count"]} for r in rows]

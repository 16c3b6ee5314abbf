"""The annual satisfaction statistics of a shop, computed in the database.

Every figure is an aggregate or an annotation; Python only arranges the aggregated rows. The
number of queries is fixed (about thirty on SQLite, fewer on PostgreSQL) whatever the number
of records — ``tests/reports/test_query_bound.py`` holds it to that.

Conventions (docs/reports.md explains them for the reader of the report):

- The year runs from 1 January 00:00 to 1 January 00:00 in the shop's time zone; months too.
- A record belongs to the year of its defining moment: an interaction its greeting, a survey
  when it was sent, a complaint when it was received, a work order when it was delivered (and,
  for comebacks, when it was opened), a corrective action its due date.
- Shares are percentages with one decimal; durations are hours with two; None where there is
  nothing to divide by.
- Percentiles are ``percentile_cont`` (linear interpolation between the nearest ranks): the
  database's own on PostgreSQL, and on other databases the same definition from the one or two
  rows read by ``ORDER BY … LIMIT 2 OFFSET k``.
"""

from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from math import floor
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import connections
from django.db.models import (
    Aggregate,
    Avg,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import Coalesce, ExtractMonth, Trim
from django.utils import timezone

from complaints import clocks
from complaints.models import (
    MONEY_KINDS,
    Category,
    Complaint,
    CorrectiveAction,
    CustomerSettlement,
    Responsibility,
    Severity,
    SupplierDeduction,
)
from interactions.models import Escalation, Interaction, Outcome, Stage
from servicedesk.accounts.models import Shop
from surveys.models import Survey
from vehicles.models import ComebackReview, WorkOrder, WorkOrderStatus

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
HEADLINE = {
    "interactions": ("interactions", "total"),
    "work_orders_delivered": ("work_orders", "delivered"),
    "surveys_sent": ("surveys", "sent"),
    "surveys_answered": ("surveys", "answered"),
    "response_rate": ("surveys", "response_rate"),
    "csat_mean": ("surveys", "csat_mean"),
    "csat_top2_share": ("surveys", "csat_top2_share"),
    "nps": ("surveys", "nps"),
    "complaints": ("complaints", "total"),
    "complaints_per_100_work_orders": ("complaints", "per_100_work_orders"),
    "first_response_median_hours": ("complaints", "first_response", "median_hours"),
    "first_response_within_target_share": ("complaints", "first_response", "within_target_share"),
    "close_median_hours": ("complaints", "close", "median_hours"),
    "resolution_within_target_share": ("complaints", "resolution", "within_target_share"),
    "repeat_complaints": ("complaints", "repeat"),
    "comebacks": ("work_orders", "comebacks"),
    "supplier_share": ("complaints", "supplier_share"),
}

Progress = Callable[[int], None]


class PercentileCont(Aggregate):
    """PostgreSQL's ordered-set aggregate ``percentile_cont(f) WITHIN GROUP (ORDER BY x)``."""

    function = "PERCENTILE_CONT"
    name = "PercentileCont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression, fraction: float, **extra):
        fraction = float(fraction)
        if not 0.0 <= fraction <= 1.0:
            raise ValueError("A percentile's fraction lies between 0 and 1.")
        # A float we formatted ourselves, never user input: safe to put in the SQL text.
        super().__init__(expression, fraction=f"{fraction:.6f}", **extra)


# --- small helpers ---------------------------------------------------------------------------


def year_bounds(shop: Shop, year: int) -> tuple[datetime, datetime]:
    tz = ZoneInfo(shop.timezone)
    return datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)


def _year_earlier(moment: datetime) -> datetime:
    try:
        return moment.replace(year=moment.year - 1)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - 1, day=28)


def _share(part, whole) -> float | None:
    if not whole:
        return None
    return round(100.0 * part / whole, 1)


def _round(value, digits: int = 2) -> float | None:
    return None if value is None else round(float(value), digits)


def _hours(value: timedelta | None) -> float | None:
    return None if value is None else round(value.total_seconds() / 3600, 2)


def _nps(promoters: int, detractors: int, answered: int) -> float | None:
    if not answered:
        return None
    return round(100.0 * (promoters - detractors) / answered, 1)


def _duration(end: str, start: str) -> ExpressionWrapper:
    return ExpressionWrapper(F(end) - F(start), output_field=DurationField())


def _is_postgresql(qs: QuerySet) -> bool:
    return connections[qs.db].vendor == "postgresql"


def percentile_by_offset(qs: QuerySet, field: str, count: int, fraction: float):
    """``percentile_cont`` on databases without it: the one or two values around rank
    ``(count - 1) * fraction``, read in order from the database, interpolated linearly.

    ``qs`` holds exactly the ``count`` rows whose ``field`` is not null.
    """
    if not count:
        return None
    position = (count - 1) * fraction
    k = floor(position)
    values = list(qs.order_by(field).values_list(field, flat=True)[k : k + 2])
    lower = values[0]
    upper = values[1] if len(values) > 1 else lower
    return lower + (upper - lower) * (position - k)


def _safe_progress(progress: Progress | None) -> Progress:
    return progress or (lambda _pct: None)


# --- blocks ----------------------------------------------------------------------------------


def _surveys(shop: Shop, start: datetime, end: datetime) -> dict:
    answered = Q(answered_at__isnull=False)
    row = Survey.objects.filter(shop=shop, sent_at__gte=start, sent_at__lt=end).aggregate(
        sent=Count("pk"),
        answered=Count("pk", filter=answered),
        csat_n=Count("csat", filter=answered),
        csat_mean=Avg("csat", filter=answered),
        csat_top2=Count("pk", filter=answered & Q(csat__gte=4)),
        nps_n=Count("nps", filter=answered),
        promoters=Count("pk", filter=answered & Q(nps__gte=9)),
        detractors=Count("pk", filter=answered & Q(nps__lte=6)),
    )
    passives = row["nps_n"] - row["promoters"] - row["detractors"]
    return {
        "sent": row["sent"],
        "answered": row["answered"],
        "response_rate": _share(row["answered"], row["sent"]),
        "csat_answers": row["csat_n"],
        "csat_mean": _round(row["csat_mean"]),
        "csat_top2": row["csat_top2"],
        "csat_top2_share": _share(row["csat_top2"], row["csat_n"]),
        "nps_answers": row["nps_n"],
        "promoters": row["promoters"],
        "passives": passives,
        "detractors": row["detractors"],
        "nps": _nps(row["promoters"], row["detractors"], row["nps_n"]),
    }


def _interactions(shop: Shop, start: datetime, end: datetime) -> dict:
    escalations = Escalation.objects.filter(interaction=OuterRef("pk"))
    qs = Interaction.objects.filter(shop=shop, greet_at__gte=start, greet_at__lt=end)
    row = qs.annotate(was_escalated=Exists(escalations)).aggregate(
        total=Count("pk"),
        completed=Count("pk", filter=Q(outcome=Outcome.COMPLETED)),
        closed_early=Count("pk", filter=Q(stage=Stage.CLOSED) & ~Q(outcome=Outcome.COMPLETED)),
        open=Count("pk", filter=~Q(stage=Stage.CLOSED)),
        satisfaction_n=Count("satisfaction"),
        satisfaction_mean=Avg("satisfaction"),
        escalated=Count("pk", filter=Q(was_escalated=True)),
    )
    return {
        "total": row["total"],
        "completed": row["completed"],
        "closed_early": row["closed_early"],
        "open": row["open"],
        "escalated": row["escalated"],
        "keep_satisfaction_answers": row["satisfaction_n"],
        "keep_satisfaction_mean": _round(row["satisfaction_mean"]),
    }


def _work_orders(shop: Shop, start: datetime, end: datetime) -> dict:
    # Two index-only scans (deliveries, openings: each has its covering index) cost less than
    # one pass over the shop's orders that matches either.
    delivered = WorkOrder.objects.filter(
        shop=shop, delivered_at__gte=start, delivered_at__lt=end
    ).count()
    comeback = Q(comeback_of__isnull=False) & ~Q(comeback_review=ComebackReview.NOT_RELATED)
    row = (
        WorkOrder.objects.filter(shop=shop, opened_at__gte=start, opened_at__lt=end)
        .exclude(status=WorkOrderStatus.CANCELLED)
        .aggregate(
            opened=Count("pk"),
            comebacks=Count("pk", filter=comeback),
            comebacks_confirmed=Count(
                "pk", filter=comeback & Q(comeback_review=ComebackReview.RELATED)
            ),
        )
    )
    return {
        "delivered": delivered,
        "opened": row["opened"],
        "comebacks": row["comebacks"],
        "comebacks_confirmed": row["comebacks_confirmed"],
        "comeback_rate": _share(row["comebacks"], row["opened"]),
    }


def _complaints(shop: Shop, start: datetime, end: datetime, now: datetime) -> dict:
    earlier = Complaint.objects.filter(
        Q(received_at__lt=OuterRef("received_at"))
        | Q(received_at=OuterRef("received_at"), pk__lt=OuterRef("pk")),
        Q(customer_id=OuterRef("customer_id")) | Q(vehicle_id=OuterRef("vehicle_id")),
        shop=shop,
        received_at__gte=start,
    )
    qs = Complaint.objects.filter(shop=shop, received_at__gte=start, received_at__lt=end).annotate(
        response_time=_duration("first_responded_at", "received_at"),
        close_time=_duration("closed_at", "received_at"),
        has_earlier=Exists(earlier),
    )
    responded = Q(first_responded_at__isnull=False)
    closed = Q(closed_at__isnull=False)
    resolved = Q(resolved_at__isnull=False)
    aggregates = {
        "total": Count("pk"),
        "responded": Count("pk", filter=responded),
        "response_on_time": Count("pk", filter=clocks.RESPONSE.met_q()),
        "response_missed_open": Count("pk", filter=clocks.RESPONSE.past_due_unmet_q(now)),
        "closed": Count("pk", filter=closed),
        "resolved": Count("pk", filter=resolved),
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
        condition = closed & Q(close_time__gte=low)
        if high is not None:
            condition &= Q(close_time__lt=high)
        aggregates[f"bucket:{key}"] = Count("pk", filter=condition)
    postgresql = _is_postgresql(qs)
    if postgresql:
        for name in ("response_time", "close_time"):
            aggregates[f"{name}:p50"] = PercentileCont(name, 0.5)
            aggregates[f"{name}:p90"] = PercentileCont(name, 0.9)
    row = qs.aggregate(**aggregates)
    if not postgresql:
        for name, count, condition in (
            ("response_time", row["responded"], responded),
            ("close_time", row["closed"], closed),
        ):
            subset = qs.filter(condition)
            row[f"{name}:p50"] = percentile_by_offset(subset, name, count, 0.5)
            row[f"{name}:p90"] = percentile_by_offset(subset, name, count, 0.9)

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


def _monthly(shop: Shop, start: datetime, end: datetime) -> list[dict]:
    tz = ZoneInfo(shop.timezone)
    months = {
        m: {
            "month": m,
            "interactions": 0,
            "work_orders_delivered": 0,
            "surveys_sent": 0,
            "surveys_answered": 0,
            "csat_mean": None,
            "nps": None,
            "complaints": 0,
        }
        for m in range(1, 13)
    }
    answered = Q(answered_at__isnull=False)
    survey_rows = (
        Survey.objects.filter(shop=shop, sent_at__gte=start, sent_at__lt=end)
        .annotate(month=ExtractMonth("sent_at", tzinfo=tz))
        .values("month")
        .annotate(
            sent=Count("pk"),
            answered=Count("pk", filter=answered),
            csat_mean=Avg("csat", filter=answered),
            nps_n=Count("nps", filter=answered),
            promoters=Count("pk", filter=answered & Q(nps__gte=9)),
            detractors=Count("pk", filter=answered & Q(nps__lte=6)),
        )
        .order_by("month")
    )
    for r in survey_rows:
        months[r["month"]].update(
            surveys_sent=r["sent"],
            surveys_answered=r["answered"],
            csat_mean=_round(r["csat_mean"]),
            nps=_nps(r["promoters"], r["detractors"], r["nps_n"]),
        )
    for key, qs, field in (
        ("complaints", Complaint.objects.filter(shop=shop), "received_at"),
        ("interactions", Interaction.objects.filter(shop=shop), "greet_at"),
        ("work_orders_delivered", WorkOrder.objects.filter(shop=shop), "delivered_at"),
    ):
        rows = (
            qs.filter(**{f"{field}__gte": start, f"{field}__lt": end})
            .annotate(month=ExtractMonth(field, tzinfo=tz))
            .values("month")
            .annotate(n=Count("pk"))
            .order_by("month")
        )
        for r in rows:
            months[r["month"]][key] = r["n"]
    return list(months.values())


def _advisors(shop: Shop, start: datetime, end: datetime) -> list[dict]:
    table: dict[int, dict] = {}

    def row(user_id):
        return table.setdefault(
            user_id,
            {
                "id": user_id,
                "name": "",
                "interactions": 0,
                "work_orders_delivered": 0,
                "surveys_sent": 0,
                "surveys_answered": 0,
                "csat_mean": None,
                "nps": None,
                "complaints": 0,
            },
        )

    for r in (
        Interaction.objects.filter(shop=shop, greet_at__gte=start, greet_at__lt=end)
        .values("advisor")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        row(r["advisor"])["interactions"] = r["n"]
    for r in (
        WorkOrder.objects.filter(shop=shop, delivered_at__gte=start, delivered_at__lt=end)
        .values("advisor")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        row(r["advisor"])["work_orders_delivered"] = r["n"]
    answered = Q(answered_at__isnull=False)
    for r in (
        Survey.objects.filter(shop=shop, sent_at__gte=start, sent_at__lt=end, advisor__isnull=False)
        .values("advisor")
        .annotate(
            sent=Count("pk"),
            answered=Count("pk", filter=answered),
            csat_mean=Avg("csat", filter=answered),
            nps_n=Count("nps", filter=answered),
            promoters=Count("pk", filter=answered & Q(nps__gte=9)),
            detractors=Count("pk", filter=answered & Q(nps__lte=6)),
        )
        .order_by()
    ):
        row(r["advisor"]).update(
            surveys_sent=r["sent"],
            surveys_answered=r["answered"],
            csat_mean=_round(r["csat_mean"]),
            nps=_nps(r["promoters"], r["detractors"], r["nps_n"]),
        )
    # A complaint counts for the advisor of its work order, else of its interaction.
    for r in (
        Complaint.objects.filter(shop=shop, received_at__gte=start, received_at__lt=end)
        .annotate(who=Coalesce("work_order__advisor", "interaction__advisor"))
        .filter(who__isnull=False)
        .values("who")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        row(r["who"])["complaints"] = r["n"]
    if table:
        for user in (
            get_user_model()
            .objects.filter(pk__in=table)
            .only("username", "first_name", "last_name")
        ):
            table[user.pk]["name"] = user.get_full_name() or user.get_username()
    return sorted(table.values(), key=lambda r: (r["name"], r["id"]))


# --- the whole report ------------------------------------------------------------------------


def _period_figures(shop: Shop, start: datetime, end: datetime, now: datetime) -> dict:
    figures = {
        "interactions": _interactions(shop, start, end),
        "work_orders": _work_orders(shop, start, end),
        "surveys": _surveys(shop, start, end),
        "complaints": _complaints(shop, start, end, now),
    }
    delivered = figures["work_orders"]["delivered"]
    total = figures["complaints"]["total"]
    figures["complaints"]["per_100_work_orders"] = (
        round(100.0 * total / delivered, 1) if delivered else None
    )
    return figures


def headline(figures: dict) -> dict:
    out = {}
    for key, path in HEADLINE.items():
        value = figures
        for part in path:
            value = value[part]
        out[key] = value
    for key, count in figures["complaints"]["by_category"].items():
        out[f"category:{key}"] = count
    return out


def _change(current: dict, previous: dict) -> dict:
    change = {}
    for key, value in current.items():
        before = previous.get(key)
        if value is None or before is None:
            change[key] = None
        else:
            change[key] = round(value - before, 2)
    return change


def compute_period(shop: Shop, start: datetime, end: datetime, *, now: datetime) -> dict:
    """The headline figures of any period, with the same period a year earlier: the dashboard's
    year so far."""
    current = headline(_period_figures(shop, start, end, now))
    previous = headline(_period_figures(shop, _year_earlier(start), _year_earlier(end), now))
    return {"current": current, "previous": previous, "change": _change(current, previous)}


def compute_annual(
    shop_id: int, year: int, *, now: datetime | None = None, progress: Progress | None = None
) -> dict:
    """Every figure of the annual satisfaction statistics for one shop and year.

    While the year is still running, the figures run to ``now`` and the comparison is with
    the same part of the year before; once it is over, with the whole year before.
    """
    now = now or timezone.now()
    report = _safe_progress(progress)
    shop = Shop.objects.get(pk=shop_id)
    tz = ZoneInfo(shop.timezone)
    start, end = year_bounds(shop, year)
    partial = now < end
    cut = min(end, now) if partial else end
    figures: dict = {
        "shop": {"id": shop.pk, "code": shop.code, "name": shop.name, "timezone": shop.timezone},
        "year": year,
        "period": {
            "start": start.isoformat(),
            "end": end.isoformat(),
            "partial": partial,
            "as_of": now.astimezone(tz).isoformat(),
        },
    }
    report(5)
    figures.update(_period_figures(shop, start, end, now))
    report(35)
    figures["corrective_actions"] = _corrective_actions(shop, year, now.astimezone(tz).date())
    figures["supplier_deductions"] = _supplier_deductions(shop, start, end)
    figures["customer_settlements"] = _customer_settlements(shop, start, end)
    figures["root_causes"] = _root_causes(shop, start, end)
    report(50)
    figures["monthly"] = _monthly(shop, start, end)
    report(65)
    figures["advisors"] = _advisors(shop, start, end)
    report(80)
    previous = _period_figures(shop, _year_earlier(start), _year_earlier(cut), now)
    current_headline = headline(figures)
    previous_headline = headline(previous)
    figures["previous_year"] = {
        "year": year - 1,
        "end": _year_earlier(cut).isoformat(),
        "figures": previous_headline,
    }
    figures["change"] = _change(current_headline, previous_headline)
    report(95)
    return figures

"""The quality figures of a shop over any period: where complaints come from (Pareto by cause,
category, responsibility, supplier, part, technician and advisor, by count and by money), the
reopen rate, comebacks, corrective actions, the supplier scorecard and the trend against the
same period a year earlier.

Computed in the database: each figure is an aggregate, a grouped and limited query or an
annotation, so the number of queries is fixed (``QUERIES`` or fewer) whatever the number of
records — ``tests/reports/test_quality_figures.py`` holds it to that. The result is plain JSON
(it is cached: ``reports.selectors.quality_report``).

Conventions (beside those of ``reports.figures``):

- The period runs from ``start`` (inclusive) to ``end`` (exclusive), moments in the shop's time
  zone; a complaint belongs to it by ``received_at``.
- A complaint's **money** is the amount of every ``CustomerSettlement`` raised for it
  (discounts, compensation, refunds approved on it), whenever raised: what the complaint cost.
- Each complaint has **one key per dimension**, so a Pareto's counts add up to the complaints:
  - ``root_cause``: the trimmed root cause of its first corrective action (by planning time);
  - ``category``, ``responsibility``: the complaint's own (``unset`` while not set);
  - ``supplier``: the responsible supplier recorded on the complaint;
  - ``part``: the description of the work-order line the complaint is about, trimmed; else the
    part named on its first supplier deduction;
  - ``technician``: the technician named on the complaint;
  - ``advisor``: the advisor of its work order, else who received the complaint.
  A complaint without one counts under ``none``. The ten largest keys are listed, the rest
  summed under ``other``.
- **Comebacks** are work orders opened in the period as a comeback of an earlier order (not
  reviewed as unrelated, not cancelled); the rate is per 100 orders delivered in the period.
  ``by_technician`` counts a comeback for each technician of the original order's labour lines,
  ``by_job_kind`` for each description of those lines, lower-cased and trimmed ("Brake service"
  and "brake service " are one job kind).
- **Corrective actions** belong to the period by their due date (in the shop's time zone).
- **Suppliers**: complaints received in the period naming the supplier responsible; deductions
  raised in the period (and of those, the ones applied); improvement requests are the
  deductions raised with a request written.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db.models import (
    CharField,
    Count,
    DecimalField,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Lower, NullIf, Trim, TruncMonth

from complaints import clocks
from complaints.models import Complaint, CorrectiveAction, CustomerSettlement, SupplierDeduction
from servicedesk.accounts.models import Shop
from vehicles.models import ComebackReview, LineKind, WorkOrder, WorkOrderLine, WorkOrderStatus

from .measures import _share

TOP = 10
# The queries of compute_quality, whatever the data: two per dimension, the totals, names,
# comebacks, corrective actions, suppliers and the trend (tests/reports/test_quality_figures.py).
QUERIES = 29
NONE = "none"  # the key of complaints without a value in a dimension
OTHER = "other"  # the key of the rows after the top ten
MONEY = DecimalField(max_digits=14, decimal_places=2)
ZERO = Decimal("0.00")


def _money(value) -> str:
    return str(Decimal(value or 0).quantize(Decimal("0.01")))


# --- the dimensions --------------------------------------------------------------------------


def _first_root_cause():
    return Subquery(
        CorrectiveAction.objects.filter(complaint=OuterRef("pk"))
        .order_by("created_at", "pk")
        .annotate(cause=Trim("root_cause"))
        .values("cause")[:1]
    )


def _part():
    first_deduction_part = Subquery(
        SupplierDeduction.objects.filter(complaint=OuterRef("pk"))
        .order_by("raised_at", "pk")
        .annotate(named=Trim("part"))
        .values("named")[:1]
    )
    return Coalesce(
        NullIf(Trim("work_order_line__description"), Value("")),
        NullIf(first_deduction_part, Value("")),
        output_field=CharField(),
    )


@dataclass(frozen=True)
class Dimension:
    name: str
    numeric: bool  # keys are ids (of a user or a supplier); else text
    people: bool = False  # the ids are users: named from the user table

    def expression(self):
        return {
            "root_cause": _first_root_cause,
            "category": lambda: NullIf(F("category"), Value("")),
            "responsibility": lambda: NullIf(F("responsibility"), Value("")),
            "supplier": lambda: F("supplier_id"),
            "part": _part,
            "technician": lambda: F("technician_id"),
            "advisor": lambda: Coalesce("work_order__advisor_id", "received_by_id"),
        }[self.name]()


DIMENSIONS = {
    d.name: d
    for d in (
        Dimension("root_cause", numeric=False),
        Dimension("category", numeric=False),
        Dimension("responsibility", numeric=False),
        Dimension("supplier", numeric=True),
        Dimension("part", numeric=False),
        Dimension("technician", numeric=True, people=True),
        Dimension("advisor", numeric=True, people=True),
    )
}


def complaints_in(shop: Shop, start: datetime, end: datetime):
    """The period's complaints, each with its money (``money``)."""
    money = Subquery(
        CustomerSettlement.objects.filter(complaint=OuterRef("pk"))
        .order_by()
        .values("complaint")
        .annotate(total=Sum("amount"))
        .values("total"),
        output_field=MONEY,
    )
    return Complaint.objects.filter(
        shop=shop, received_at__gte=start, received_at__lt=end
    ).annotate(money=Coalesce(money, Value(ZERO), output_field=MONEY))


def _keyed(qs, dimension: Dimension):
    return qs.annotate(qkey=dimension.expression())


def _key(value) -> str:
    return NONE if value in (None, "") else str(value)


def _top(qs, dimension: Dimension, order: str) -> list[dict]:
    rows = (
        _keyed(qs, dimension)
        .values("qkey")
        .annotate(count=Count("pk"), amount=Sum("money"))
        .order_by(f"-{order}", F("qkey").asc(nulls_last=True))
    )
    if order == "amount":
        rows = rows.filter(amount__gt=0)
    return [
        {"key": _key(r["qkey"]), "count": r["count"], "amount": r["amount"] or ZERO}
        for r in rows[:TOP]
    ]


def _pareto_rows(top: list[dict], total: dict, order: str) -> list[dict]:
    """The top rows with the rest as ``other``, each with its cumulative share of the total
    (of the count, or of the money for the money view)."""
    rest_count = total["count"] - sum(r["count"] for r in top)
    rest_amount = total["amount"] - sum((r["amount"] for r in top), ZERO)
    rows = list(top)
    if (rest_count if order == "count" else rest_amount) > 0:
        rows.append({"key": OTHER, "count": rest_count, "amount": rest_amount})
    whole = total[order]
    running = 0
    out = []
    for r in rows:
        running += r[order]
        out.append(
            {
                "key": r["key"],
                "label": "",
                "count": r["count"],
                "amount": _money(r["amount"]),
                "cumulative_share": _share(float(running), float(whole)),
            }
        )
    return out


def top_keys(qs, dimension: Dimension, order: str = "count") -> list[str]:
    """The ten keys listed by count, or by money (what ``other`` leaves out): the drill-down's
    reading."""
    return [r["key"] for r in _top(qs, dimension, order)]


def key_filter(qs, dimension: Dimension, key: str, order: str = "count"):
    """The complaints of ``qs`` behind one row of a dimension's Pareto (by count, or by money:
    ``order`` "amount", which lists other keys). None when the key cannot be one of the
    dimension's (a number expected)."""
    keyed = _keyed(qs, dimension)
    if key == NONE:
        empty = Q(qkey__isnull=True)
        return keyed.filter(empty if dimension.numeric else empty | Q(qkey=""))
    if key == OTHER:
        # What the Pareto sums as "other": every complaint whose key is not listed (those
        # without a key too, unless "none" is itself listed).
        keys = top_keys(qs, dimension, order)
        listed = [int(k) if dimension.numeric else k for k in keys if k not in (NONE, OTHER)]
        without = Q(qkey__isnull=True) if dimension.numeric else Q(qkey__isnull=True) | Q(qkey="")
        # NOT IN is unknown for NULL in SQL: the keyless complaints are said explicitly.
        rest = ~Q(qkey__in=listed) & ~without
        if NONE not in keys:
            rest |= without
        return keyed.filter(rest)
    if dimension.numeric:
        try:
            key = int(key)
        except ValueError:
            return None
    return keyed.filter(qkey=key)


# --- the sections ----------------------------------------------------------------------------


def _totals(qs) -> dict:
    row = qs.aggregate(
        count=Count("pk"),
        reopened=Count("pk", filter=Q(reopen_count__gt=0)),
        amount=Sum("money"),
    )
    return {"count": row["count"], "reopened": row["reopened"], "amount": row["amount"] or ZERO}


def _pareto(qs, total: dict) -> dict:
    out = {}
    for name, dimension in DIMENSIONS.items():
        out[name] = {
            "by_count": _pareto_rows(_top(qs, dimension, "count"), total, "count"),
            "by_amount": _pareto_rows(_top(qs, dimension, "amount"), total, "amount"),
        }
    return out


def _comeback_set(shop: Shop, start: datetime, end: datetime):
    return (
        WorkOrder.objects.filter(
            shop=shop, opened_at__gte=start, opened_at__lt=end, comeback_of__isnull=False
        )
        .exclude(status=WorkOrderStatus.CANCELLED)
        .exclude(comeback_review=ComebackReview.NOT_RELATED)
    )


def _comebacks(shop: Shop, start: datetime, end: datetime) -> dict:
    delivered = WorkOrder.objects.filter(
        shop=shop, delivered_at__gte=start, delivered_at__lt=end
    ).count()
    comebacks = _comeback_set(shop, start, end)
    count = comebacks.count()
    # The original order's labour lines, joined to the period's comebacks of that order.
    lines = WorkOrderLine.objects.filter(
        kind=LineKind.LABOUR, work_order__comebacks__in=comebacks.values("pk")
    )
    by_technician = [
        {"key": _key(r["technician"]), "label": "", "count": r["n"]}
        for r in lines.values("technician")
        .annotate(n=Count("work_order__comebacks", distinct=True))
        .order_by("-n", "technician")[:TOP]
    ]
    by_job_kind = [
        {"key": _key(r["job"]), "label": r["job"] or "", "count": r["n"]}
        for r in lines.annotate(job=Lower(Trim("description")))
        .values("job")
        .annotate(n=Count("work_order__comebacks", distinct=True))
        .order_by("-n", "job")[:TOP]
    ]
    return {
        "delivered": delivered,
        "comebacks": count,
        "rate": _share(count, delivered),
        "by_technician": by_technician,
        "by_job_kind": by_job_kind,
    }


def _last_day(shop: Shop, end: datetime):
    """The period's last date in the shop's time zone (``end`` is exclusive)."""
    return (end - timedelta(microseconds=1)).astimezone(ZoneInfo(shop.timezone)).date()


def _corrective_actions(shop: Shop, start: datetime, end: datetime, now: datetime) -> dict:
    tz = ZoneInfo(shop.timezone)
    today = now.astimezone(tz).date()
    row = (
        CorrectiveAction.objects.filter(
            complaint__shop=shop,
            due_date__gte=start.astimezone(tz).date(),
            due_date__lte=_last_day(shop, end),
        )
        .annotate(**{clocks.DONE_ON: clocks.action_done_on(tz)})
        .aggregate(
            due=Count("pk"),
            on_time=Count("pk", filter=clocks.action_done_on_time_q()),
            late=Count("pk", filter=clocks.action_done_late_q()),
            open_overdue=Count("pk", filter=clocks.action_overdue_q(today)),
            effective_n=Count("pk", filter=Q(effective=True)),
            not_effective_n=Count("pk", filter=Q(effective=False)),
        )
    )
    assessed = row["on_time"] + row["late"] + row["open_overdue"]
    verified = row["effective_n"] + row["not_effective_n"]
    return {
        "due": row["due"],
        "done_on_time": row["on_time"],
        "done_late": row["late"],
        "open_overdue": row["open_overdue"],
        "on_time_share": _share(row["on_time"], assessed),
        "verified_effective": row["effective_n"],
        "verified_not_effective": row["not_effective_n"],
        "effective_share": _share(row["effective_n"], verified),
    }


def _suppliers(shop: Shop, start: datetime, end: datetime) -> list[dict]:
    table: dict[int, dict] = {}

    def row(pk, name):
        return table.setdefault(
            pk,
            {
                "key": str(pk),
                "label": name,
                "complaints": 0,
                "deductions": 0,
                "deductions_amount": ZERO,
                "applied": 0,
                "applied_amount": ZERO,
                "improvement_requests": 0,
                "answered": 0,
            },
        )

    for r in (
        Complaint.objects.filter(
            shop=shop, received_at__gte=start, received_at__lt=end, supplier__isnull=False
        )
        .values("supplier", "supplier__name")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        row(r["supplier"], r["supplier__name"])["complaints"] = r["n"]
    applied = Q(applied_at__isnull=False)
    for r in (
        SupplierDeduction.objects.filter(shop=shop, raised_at__gte=start, raised_at__lt=end)
        .values("supplier", "supplier__name")
        .annotate(
            n=Count("pk"),
            raised_sum=Sum("amount"),
            applied_n=Count("pk", filter=applied),
            applied_sum=Sum("amount", filter=applied),
            requests=Count("pk", filter=~Q(improvement_request="")),
            answered=Count("pk", filter=~Q(improvement_request="") & Q(answered_at__isnull=False)),
        )
        .order_by()
    ):
        target = row(r["supplier"], r["supplier__name"])
        target.update(
            deductions=r["n"],
            deductions_amount=r["raised_sum"] or ZERO,
            applied=r["applied_n"],
            applied_amount=r["applied_sum"] or ZERO,
            improvement_requests=r["requests"],
            answered=r["answered"],
        )
    rows = sorted(
        table.values(), key=lambda r: (-r["complaints"], -r["deductions_amount"], r["label"])
    )
    for r in rows:
        r["deductions_amount"] = _money(r["deductions_amount"])
        r["applied_amount"] = _money(r["applied_amount"])
    return rows


def _headline(totals: dict, comeback_rate, actions: dict) -> dict:
    return {
        "complaints": totals["count"],
        "reopen_rate": _share(totals["reopened"], totals["count"]),
        "comeback_rate": comeback_rate,
        "ca_on_time_share": actions["on_time_share"],
        "money": float(totals["amount"]),
    }


def period_headline(shop: Shop, start: datetime, end: datetime, now: datetime) -> dict:
    """The quality headline of a period (complaints, reopen rate, comebacks per 100 delivered,
    corrective actions on time, money paid): the trend's year earlier, and the group dashboard's
    figures of each shop."""
    delivered = WorkOrder.objects.filter(
        shop=shop, delivered_at__gte=start, delivered_at__lt=end
    ).count()
    comebacks = _comeback_set(shop, start, end).count()
    return _headline(
        _totals(complaints_in(shop, start, end)),
        _share(comebacks, delivered),
        _corrective_actions(shop, start, end, now),
    )


def year_earlier(moment: datetime) -> datetime:
    try:
        return moment.replace(year=moment.year - 1)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - 1, day=28)


def _months(shop: Shop, start: datetime, end: datetime) -> dict[str, int]:
    tz = ZoneInfo(shop.timezone)
    rows = (
        Complaint.objects.filter(shop=shop, received_at__gte=start, received_at__lt=end)
        .annotate(month=TruncMonth("received_at", tzinfo=tz))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    return {r["month"].astimezone(tz).strftime("%Y-%m"): r["n"] for r in rows}


def _month_keys(shop: Shop, start: datetime, end: datetime) -> list[str]:
    tz = ZoneInfo(shop.timezone)
    first = start.astimezone(tz)
    last = _last_day(shop, end)
    year, month = first.year, first.month
    keys = []
    while (year, month) <= (last.year, last.month):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys


def _trend(shop: Shop, start: datetime, end: datetime, now: datetime, figures: dict) -> dict:
    """The headline of the period against the same period a year earlier, and the complaints
    month by month against the same months a year earlier."""
    before_start, before_end = year_earlier(start), year_earlier(end)
    current = _headline(
        figures["_totals"],
        figures["comebacks"]["rate"],
        figures["corrective_actions"],
    )
    previous = period_headline(shop, before_start, before_end, now)
    change = {
        k: None if current[k] is None or previous[k] is None else round(current[k] - previous[k], 2)
        for k in current
    }
    this = _months(shop, start, end)
    earlier = _months(shop, before_start, before_end)
    monthly = []
    for key in _month_keys(shop, start, end):
        y, m = key.split("-")
        before = f"{int(y) - 1:04d}-{m}"
        monthly.append(
            {"month": key, "complaints": this.get(key, 0), "previous": earlier.get(before, 0)}
        )
    return {
        "current": current,
        "previous": previous,
        "change": change,
        "previous_period": {"start": before_start.isoformat(), "end": before_end.isoformat()},
        "monthly": monthly,
    }


def _name_people(figures: dict) -> None:
    """Put the names of the technicians and advisors in their rows: one query for all."""
    rows = [
        r
        for name in ("technician", "advisor")
        for view in ("by_count", "by_amount")
        for r in figures["pareto"][name][view]
    ] + figures["comebacks"]["by_technician"]
    ids = {int(r["key"]) for r in rows if r["key"] not in (NONE, OTHER)}
    if not ids:
        return
    names = {
        u.pk: u.get_full_name() or u.get_username()
        for u in get_user_model()
        .objects.filter(pk__in=ids)
        .only("username", "first_name", "last_name")
    }
    for r in rows:
        if r["key"] not in (NONE, OTHER):
            r["label"] = names.get(int(r["key"]), r["key"])


def _name_suppliers(figures: dict) -> None:
    """A supplier named on a complaint of the period has its row in the scorecard: its name."""
    rows = [r for view in ("by_count", "by_amount") for r in figures["pareto"]["supplier"][view]]
    names = {s["key"]: s["label"] for s in figures["suppliers"]}
    for r in rows:
        if r["key"] not in (NONE, OTHER):
            r["label"] = names[r["key"]]


def _name_texts(figures: dict) -> None:
    """A text key (a root cause, a part) is its own label."""
    for name in ("root_cause", "part"):
        for view in ("by_count", "by_amount"):
            for r in figures["pareto"][name][view]:
                if r["key"] not in (NONE, OTHER):
                    r["label"] = r["key"]


def compute_quality(shop: Shop, start: datetime, end: datetime, *, now: datetime) -> dict:
    """Every quality figure of ``shop`` from ``start`` to ``end`` (exclusive). Labels of data
    (names, causes, parts) are filled; those of fixed keys (categories, ``none``, ``other``) are
    left empty for ``reports.quality.labelled`` to put in the reader's language."""
    tz = ZoneInfo(shop.timezone)
    qs = complaints_in(shop, start, end)
    totals = _totals(qs)
    figures = {
        "shop": {"id": shop.pk, "code": shop.code, "name": shop.name, "timezone": shop.timezone},
        "period": {
            "start": start.astimezone(tz).isoformat(),
            "end": end.astimezone(tz).isoformat(),
            "as_of": now.astimezone(tz).isoformat(),
        },
        "complaints": {"count": totals["count"], "amount": _money(totals["amount"])},
        "pareto": _pareto(qs, totals),
        "reopen": {
            "complaints": totals["count"],
            "reopened": totals["reopened"],
            "rate": _share(totals["reopened"], totals["count"]),
        },
        "comebacks": _comebacks(shop, start, end),
        "corrective_actions": _corrective_actions(shop, start, end, now),
        "suppliers": _suppliers(shop, start, end),
        "_totals": totals,
    }
    figures["trend"] = _trend(shop, start, end, now, figures)
    del figures["_totals"]
    _name_people(figures)
    _name_suppliers(figures)
    _name_texts(figures)
    return figures

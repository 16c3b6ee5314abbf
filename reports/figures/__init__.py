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
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from servicedesk.accounts.models import Shop

from .activity import _advisors, _interactions, _monthly, _surveys, _work_orders
from .complaints import (
    _complaints,
    _corrective_actions,
    _customer_settlements,
    _root_causes,
    _supplier_deductions,
)

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

# Whether a rise of a headline figure is good news: the dashboard's cards colour the change by
# it, and the group dashboard marks the best and worst shop by it.
RISE_IS_GOOD: dict[str, bool] = {
    "interactions": True,
    "surveys_answered": True,
    "response_rate": True,
    "csat_mean": True,
    "csat_top2_share": True,
    "nps": True,
    "complaints": False,
    "complaints_per_100_work_orders": False,
    "first_response_median_hours": False,
    "first_response_within_target_share": True,
    "close_median_hours": False,
    "resolution_within_target_share": True,
    "repeat_complaints": False,
    "comebacks": False,
    "supplier_share": False,
}

Progress = Callable[[int], None]


def year_bounds(shop: Shop, year: int) -> tuple[datetime, datetime]:
    tz = ZoneInfo(shop.timezone)
    return datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)


def _year_earlier(moment: datetime) -> datetime:
    try:
        return moment.replace(year=moment.year - 1)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - 1, day=28)


def _safe_progress(progress: Progress | None) -> Progress:
    return progress or (lambda _pct: None)


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

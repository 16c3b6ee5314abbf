"""A group of shops side by side: the same figures for each shop over one period, a group
total or mean where one means something, and the best and worst shop of each figure.

``shop_figures`` is the one place that says which figures a shop is compared on; the group
dashboard (page and API) reads ``compare_shops`` only. Each shop's figures run over the dates
in the shop's own time zone, and no later than ``now``.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from . import RISE_IS_GOOD, compute_period
from .quality import period_headline, year_earlier

# The figures compared, each with whether a rise is good news (None: a volume, which follows a
# shop's size rather than its quality: no best or worst).
VOLUMES = ("interactions", "work_orders_delivered", "surveys_answered")
COMPARED: list[tuple[str, bool | None]] = [
    *((key, None) for key in VOLUMES),
    *((key, good) for key, good in RISE_IS_GOOD.items() if key not in VOLUMES),
    # The quality page's headline (reports/figures/quality.py), under names of their own.
    ("reopen_rate", False),
    ("comebacks_per_100_delivered", False),
    ("ca_on_time_share", True),
    ("complaint_money", False),
]
# The quality headline's keys as the comparison names them.
QUALITY = {
    "reopen_rate": "reopen_rate",
    "comebacks_per_100_delivered": "comeback_rate",
    "ca_on_time_share": "ca_on_time_share",
    "complaint_money": "money",
}

# Counts add up across shops; shares and medians do not (their group figure is a mean of the
# shops, or, for the two rates with their counts at hand, the group's own rate).
SUMMED = {
    "interactions",
    "work_orders_delivered",
    "surveys_answered",
    "complaints",
    "repeat_complaints",
    "comebacks",
    "complaint_money",
}


def shop_bounds(shop, start: date, end: date, now: datetime) -> tuple[datetime, datetime]:
    """From the first day's midnight to the midnight after the last, in the shop's time zone,
    cut at ``now``."""
    tz = ZoneInfo(shop.timezone)
    begin = datetime.combine(start, time.min, tzinfo=tz)
    finish = datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz)
    return begin, max(begin, min(finish, now))


def shop_figures(shop, start: date, end: date, *, now: datetime) -> dict:
    """The figures a shop is compared on, over the period, with the same period a year earlier."""
    begin, finish = shop_bounds(shop, start, end, now)
    period = compute_period(shop, begin, finish, now=now)
    quality = {
        "current": period_headline(shop, begin, finish, now),
        "previous": period_headline(shop, year_earlier(begin), year_earlier(finish), now),
    }
    for when in ("current", "previous"):
        period[when].update({ours: quality[when][theirs] for ours, theirs in QUALITY.items()})
    for key in QUALITY:
        now_value, before = period["current"][key], period["previous"][key]
        period["change"][key] = (
            None if now_value is None or before is None else round(now_value - before, 2)
        )
    return {
        "current": {key: period["current"].get(key) for key, _good in COMPARED},
        "previous": {key: period["previous"].get(key) for key, _good in COMPARED},
        "change": {key: period["change"].get(key) for key, _good in COMPARED},
        # The counts behind the two group rates.
        "surveys_sent": period["current"].get("surveys_sent"),
    }


def _group_value(key: str, per_shop: list[dict]) -> tuple[float | int | None, str]:
    values = [figures["current"][key] for figures in per_shop]
    known = [value for value in values if value is not None]
    if not known:
        return None, ""
    if key in SUMMED:
        return sum(known), "total"
    if key == "complaints_per_100_work_orders":
        delivered = sum(f["current"]["work_orders_delivered"] or 0 for f in per_shop)
        complaints = sum(f["current"]["complaints"] or 0 for f in per_shop)
        return (round(100.0 * complaints / delivered, 1) if delivered else None), "total"
    if key == "response_rate":
        sent = sum(f["surveys_sent"] or 0 for f in per_shop)
        answered = sum(f["current"]["surveys_answered"] or 0 for f in per_shop)
        return (round(100.0 * answered / sent, 1) if sent else None), "total"
    return round(sum(known) / len(known), 2), "mean"


def _extremes(values: list, rise_is_good: bool | None) -> tuple[set[int], set[int]]:
    """The positions of the best and worst values; none when fewer than two shops differ."""
    known = [value for value in values if value is not None]
    if rise_is_good is None or len(set(known)) < 2:
        return set(), set()
    top, bottom = max(known), min(known)
    best, worst = (top, bottom) if rise_is_good else (bottom, top)
    return (
        {i for i, value in enumerate(values) if value == best},
        {i for i, value in enumerate(values) if value == worst},
    )


def compare_shops(shops: list, start: date, end: date, *, now: datetime) -> dict:
    """The shops' figures side by side: one row per figure, one cell per shop (in the order
    given), the group's value and what kind it is (``total``, ``mean`` or none)."""
    return compare(shops, [shop_figures(shop, start, end, now=now) for shop in shops], start, end)


def compare(shops: list, per_shop: list[dict], start: date, end: date) -> dict:
    """``compare_shops`` of each shop's ``shop_figures`` computed already (in the same order)."""
    rows = []
    for key, rise_is_good in COMPARED:
        values = [figures["current"][key] for figures in per_shop]
        best, worst = _extremes(values, rise_is_good)
        group, kind = _group_value(key, per_shop)
        rows.append(
            {
                "key": key,
                "rise_is_good": rise_is_good,
                "group": group,
                "group_kind": kind,
                "cells": [
                    {
                        "shop": shop.pk,
                        "value": value,
                        "change": figures["change"][key],
                        "best": i in best,
                        "worst": i in worst,
                    }
                    for i, (shop, figures, value) in enumerate(
                        zip(shops, per_shop, values, strict=True)
                    )
                ],
            }
        )
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "shops": [{"id": shop.pk, "code": shop.code, "name": shop.name} for shop in shops],
        "rows": rows,
    }

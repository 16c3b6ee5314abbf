"""The quality page's period and labels: the date range asked for (the form and its refusals,
the default), the moments it runs between in the shop's time zone, and the names of the
figures' fixed keys in the reader's language. The page, the API, the CSV and the PDF read
here."""

import copy
from datetime import date, datetime, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from complaints.models import Category, Responsibility
from vehicles.models import Supplier

from .charts import pareto_bars_svg, pareto_svg
from .figures.quality import DIMENSIONS, NONE, OTHER
from .forms import PeriodForm, period_form, year_so_far

UNKNOWN_DIMENSION = _("Choose what to break the complaints down by: %(choices)s.")
BAD_KEY = _("This is not one of the bars of the chart.")

DIMENSION_NAMES = {
    "root_cause": _("Root cause"),
    "category": _("Category"),
    "responsibility": _("Responsibility"),
    "supplier": _("Supplier"),
    "part": _("Part"),
    "technician": _("Technician"),
    "advisor": _("Advisor"),
}
assert set(DIMENSION_NAMES) == set(DIMENSIONS)

NONE_NAMES = {
    "root_cause": _("No root cause recorded"),
    "category": _("Not set yet"),
    "responsibility": _("Not set yet"),
    "supplier": _("No supplier named"),
    "part": _("No part named"),
    "technician": _("No technician named"),
    "advisor": _("No advisor"),
}
OTHER_NAME = pgettext_lazy("pareto", "Other")
NO_TECHNICIAN = _("No technician on the labour line")
CHOICES = {"category": dict(Category.choices), "responsibility": dict(Responsibility.choices)}


def default_range(shop, now: datetime | None = None) -> tuple[date, date]:
    """This year so far in the shop's time zone."""
    return year_so_far((now or timezone.now()).astimezone(ZoneInfo(shop.timezone)).date())


def range_form(shop, params) -> PeriodForm:
    """The period form bound to ``params``, its default this year so far in the shop's zone."""
    return period_form(params, today=default_range(shop)[1])


def period_bounds(shop, start: date, end: date) -> tuple[datetime, datetime]:
    """From the start of ``start`` to the start of the day after ``end``, in the shop's zone."""
    tz = ZoneInfo(shop.timezone)
    begin = datetime(start.year, start.month, start.day, tzinfo=tz)
    after = end + timedelta(days=1)
    return begin, datetime(after.year, after.month, after.day, tzinfo=tz)


def key_label(dimension: str, key: str, label: str = "") -> str:
    """A Pareto row's name in the active language: the data's own name (a person, a supplier,
    a cause, a part), else the name of the fixed key."""
    if key == NONE:
        return str(NONE_NAMES[dimension])
    if key == OTHER:
        return str(OTHER_NAME)
    if dimension in CHOICES:
        return str(CHOICES[dimension].get(key, key))
    return label or key


def bar_label(dimension: str, key: str) -> str:
    """The name of one bar, for the drill-down's title: a person's or a supplier's name read
    (one query), else as ``key_label`` names it."""
    if key not in (NONE, OTHER) and DIMENSIONS[dimension].numeric and key.isdigit():
        if DIMENSIONS[dimension].people:
            user = get_user_model().objects.filter(pk=int(key)).first()
            return (user.get_full_name() or user.get_username()) if user else key
        return Supplier.objects.filter(pk=int(key)).values_list("name", flat=True).first() or key
    return key_label(dimension, key)


def labelled(figures: dict) -> dict:
    """A copy of the figures with every row's label in the active language."""
    figures = copy.deepcopy(figures)
    for name, views in figures["pareto"].items():
        for rows in views.values():
            for row in rows:
                row["label"] = key_label(name, row["key"], row["label"])
    for row in figures["comebacks"]["by_technician"]:
        if row["key"] == NONE:
            row["label"] = str(NO_TECHNICIAN)
    return figures


HEADLINE_NAMES = {
    "complaints": _("Complaints"),
    "reopen_rate": _("Reopened (%)"),
    "comeback_rate": _("Comebacks per 100 delivered (%)"),
    "ca_on_time_share": _("Corrective actions on time (%)"),
    "money": _("Money paid for complaints"),
}
RISE_IS_GOOD = {"ca_on_time_share"}


def query(shop, start: date, end: date, **more) -> str:
    """The query string of a quality address for this shop and period."""
    return urlencode({"shop": shop.pk, "from": start.isoformat(), "to": end.isoformat(), **more})


def drill_url(shop, start: date, end: date, by: str, key: str, view: str = "count") -> str:
    """The drill-down of a bar; the money Pareto's "other" says so (it leaves out other keys)."""
    return _drill(
        f"{reverse('reports:quality-complaints')}?{query(shop, start, end)}", by, key, view
    )


def _drill(base: str, by: str, key: str, view: str = "count") -> str:
    """``drill_url`` from the period's own address (``base``), made once for a page's bars."""
    more = {"view": "amount"} if key == OTHER and view == "amount" else {}
    return f"{base}&{urlencode({'by': by, 'key': key, **more})}"


def page_context(shop, start: date, end: date, report: dict, *, links: bool = True) -> dict:
    """What the quality page and its PDF show: the figures labelled in the active language,
    the Pareto charts with their drill-down links (``links``: the bars are links, not on
    paper), the trend's rows."""
    figures = labelled(report["figures"])
    base = f"{reverse('reports:quality-complaints')}?{query(shop, start, end)}"
    paretos = []
    for name, views in figures["pareto"].items():
        charts = {}
        for view, value in (("by_count", "count"), ("by_amount", "amount")):
            rows = views[view]
            hrefs = [_drill(base, name, r["key"], value) for r in rows]
            for row, link in zip(rows, hrefs, strict=True):
                row["href"] = link
            charts[view] = pareto_svg(rows, value=value, links=hrefs) if rows else None
            if charts[view]:
                charts[view]["bars_svg"] = pareto_bars_svg(charts[view], value=value, links=links)
        paretos.append(
            {"name": name, "title": str(DIMENSION_NAMES[name]), **views, "charts": charts}
        )
    trend = figures["trend"]
    headline = []
    for key, name in HEADLINE_NAMES.items():
        change = trend["change"][key]
        headline.append(
            {
                "key": key,
                "label": str(name),
                "current": trend["current"][key],
                "previous": trend["previous"][key],
                "change": change,
                "good": None if not change else (change > 0) == (key in RISE_IS_GOOD),
            }
        )
    for row in figures["suppliers"]:
        row["href"] = _drill(base, "supplier", row["key"])
    top_month = max((max(m["complaints"], m["previous"]) for m in trend["monthly"]), default=0)
    return {
        "shop": shop,
        "start": start,
        "end": end,
        "as_of": report["as_of"],
        "figures": figures,
        "paretos": paretos,
        "headline": headline,
        "monthly": [
            {
                **m,
                "width": round(100 * m["complaints"] / top_month) if top_month else 0,
                "previous_width": round(100 * m["previous"] / top_month) if top_month else 0,
            }
            for m in trend["monthly"]
        ],
        "currency": shop.currency,
        "query": query(shop, start, end),
    }

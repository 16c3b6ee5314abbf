"""Chart data for the page (Chart.js reads it as JSON) and the same charts as server-drawn SVG
geometry for the PDF, where no script runs."""

from unicodedata import east_asian_width

from django.conf import settings
from django.utils.formats import get_format, localize
from django.utils.html import format_html_join

from .figures.complaints import CLOSE_BUCKETS
from .labels import FIELDS, label, month_name


def _category_items(figures: dict) -> list[tuple[str, int]]:
    return [(label(key), count) for key, count in figures["complaints"]["by_category"].items()]


def _close_items(figures: dict) -> list[tuple[str, int]]:
    distribution = figures["complaints"]["close"]["distribution"]
    return [(str(FIELDS[key]), distribution.get(key, 0)) for key, _lo, _hi in CLOSE_BUCKETS]


def chart_data(figures: dict) -> dict:
    """What annual.js draws: labels already translated."""
    monthly = figures["monthly"]
    categories = _category_items(figures)
    close = _close_items(figures)
    return {
        "months": [month_name(m["month"]) for m in monthly],
        "csat": [m["csat_mean"] for m in monthly],
        "nps": [m["nps"] for m in monthly],
        "complaints": [m["complaints"] for m in monthly],
        "csat_label": str(FIELDS["csat_mean"]),
        "nps_label": str(FIELDS["nps"]),
        "complaints_label": str(FIELDS["complaints"]),
        "categories": [name for name, _n in categories],
        "category_counts": [n for _name, n in categories],
        "close_buckets": [name for name, _n in close],
        "close_counts": [n for _name, n in close],
    }


def bar_svg(items: list[tuple[str, int]], *, width: int = 520, row: int = 20) -> dict:
    """Horizontal bars: each item's label, value and bar geometry in an SVG of ``width``."""
    label_width, value_width = 170, 40
    span = width - label_width - value_width
    top = max((value for _l, value in items), default=0) or 1
    bars = []
    for i, (name, value) in enumerate(items):
        bars.append(
            {
                "label": name,
                "value": value,
                "y": i * row,
                "text_y": i * row + row * 0.7,
                "width": round(span * value / top, 1),
            }
        )
    return {
        "width": width,
        "height": len(items) * row,
        "bar_x": label_width,
        "value_x": label_width + span + 4,
        "bar_height": row - 6,
        "bars": bars,
    }


def _polyline(values, *, low: float, high: float, width: int, height: int) -> str:
    step = width / 11
    points = []
    for i, value in enumerate(values):
        if value is None:
            continue
        y = height - (value - low) / (high - low) * height
        points.append(f"{i * step:.1f},{y:.1f}")
    return " ".join(points)


def trend_svg(figures: dict, *, width: int = 520, height: int = 160) -> dict:
    """The monthly CSAT (1–5) and NPS (−100…100) lines, each on its own scale."""
    monthly = figures["monthly"]
    csat = [m["csat_mean"] for m in monthly]
    nps = [m["nps"] for m in monthly]
    step = width / 11
    return {
        "width": width,
        "height": height,
        "csat_points": _polyline(csat, low=1, high=5, width=width, height=height),
        "nps_points": _polyline(nps, low=-100, high=100, width=width, height=height),
        "months": [{"x": round(i * step, 1), "label": m["month"]} for i, m in enumerate(monthly)],
        "zero_y": height / 2,
    }


def pdf_charts(figures: dict) -> dict:
    return {
        "categories": bar_svg(_category_items(figures)),
        "close": bar_svg(_close_items(figures)),
        "trend": trend_svg(figures),
    }


LABEL_FONT_PX = 10  # the font-size of the bars' labels (templates/reports/_svg_pareto.html)


def _text_width(text: str) -> float:
    """Roughly how wide ``text`` draws at the labels' size: a Chinese character (East Asian
    wide or full width) is about a full em, a Latin one a little over half."""
    return sum(
        LABEL_FONT_PX if east_asian_width(ch) in ("W", "F") else LABEL_FONT_PX * 0.56 for ch in text
    )


def fit_label(label: str, *, room: float) -> str:
    """``label`` cut (with "…") to what fits ``room`` px under its bar, so that neighbouring
    labels never draw over each other; counted by drawn width, not characters, since ten Chinese
    characters take twice the room of ten Latin ones."""
    if _text_width(label) <= room:
        return label
    cut = label
    while cut and _text_width(cut + "…") > room:
        cut = cut[:-1]
    return cut.rstrip() + "…"


def pareto_svg(rows: list[dict], *, value: str, links: list[str], width: int = 560) -> dict:
    """A Pareto chart: vertical bars of ``value`` ("count" or "amount") in the rows' order, the
    cumulative share as a line over them (0–100 % on the right), each bar a link to ``links[i]``.
    The SVG scales to its box (viewBox), so it fits a phone."""
    height, top_pad, bottom = 180, 10, 40
    plot = height - top_pad - bottom
    values = [float(r[value]) for r in rows]
    top = max(values, default=0) or 1
    step = width / max(len(rows), 1)
    bars, points = [], []
    for i, (row, amount) in enumerate(zip(rows, values, strict=True)):
        bar_height = round(plot * amount / top, 1)
        x = round(i * step + step * 0.15, 1)
        bars.append(
            {
                "x": x,
                "y": round(top_pad + plot - bar_height, 1),
                "width": round(step * 0.7, 1),
                "height": bar_height,
                "label": row["label"],
                "short": fit_label(row["label"], room=step * 0.95),
                "value": row[value],
                "share": row["cumulative_share"],
                "text_x": round(i * step + step / 2, 1),
                "href": links[i],
            }
        )
        share = row["cumulative_share"] or 0
        points.append(f"{i * step + step / 2:.1f},{top_pad + plot - plot * share / 100:.1f}")
    return {
        "width": width,
        "height": height,
        "base_y": top_pad + plot,
        "label_y": top_pad + plot + 14,
        "bars": bars,
        "line": " ".join(points),
    }


PARETO_COLORS = {"count": "#0d6efd", "amount": "#198754"}
_PARETO_BAR = (
    '<title>{}: {} · {} %</title>\n<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>\n'
    '<text x="{}" y="{}" font-size="10" text-anchor="middle">{}</text>\n'
    '<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="#495057">{}</text>'
)


def _localizer():
    """``localize`` as the template applies it to a number, with the active language's decimal
    separator read once: localize reads three formats for each number, and a page's charts
    have some four hundred. Whole numbers and floats as the template shows them without
    thousands separators; anything else (money, None) through localize itself."""
    if settings.USE_THOUSAND_SEPARATOR:
        return localize
    separator = get_format("DECIMAL_SEPARATOR")

    def number(value):
        if type(value) is int:
            return str(value)
        if type(value) is float and "e" not in repr(value):
            return repr(value).replace(".", separator)
        return localize(value)

    return number


def pareto_bars_svg(chart: dict, *, value: str, links: bool) -> str:
    """The bars of a Pareto chart (``pareto_svg``) as SVG, each a link to its complaints unless
    ``links`` is False (the PDF): what reports/_svg_pareto.html drew bar by bar, its numbers
    localized as the template's were, made in one pass (a page has some forty bars)."""
    color = PARETO_COLORS[value]
    localize = _localizer()
    label_y, value_y = localize(chart["label_y"]), localize(chart["label_y"] + 14)
    shape = f'<a href="{{}}">{_PARETO_BAR}</a>\n' if links else f"{_PARETO_BAR}\n"
    return format_html_join(
        "",
        shape,
        (
            (
                *((bar["href"],) if links else ()),
                bar["label"],
                localize(bar["value"]),
                localize(bar["share"]),
                localize(bar["x"]),
                localize(bar["y"]),
                localize(bar["width"]),
                localize(bar["height"]),
                color,
                localize(bar["text_x"]),
                label_y,
                bar["short"],
                localize(bar["text_x"]),
                value_y,
                localize(bar["value"]),
            )
            for bar in chart["bars"]
        ),
    )

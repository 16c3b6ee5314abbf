"""What the annual report shows, for the page and the PDF (weasyprint, Noto CJK for Chinese)."""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from .charts import chart_data, pdf_charts
from .figures import RISE_IS_GOOD, headline
from .labels import FIELDS, label, month_name
from .quality import page_context

# Headline cards: the keys in ``headline()``, in the cards' order.
CARDS = list(RISE_IS_GOOD)


def cards(figures: dict, change: dict | None = None) -> list[dict]:
    values = headline(figures)
    change = change if change is not None else figures.get("change", {})
    out = []
    for key in CARDS:
        rise_is_good = RISE_IS_GOOD[key]
        delta = change.get(key)
        good = None if not delta else (delta > 0) == rise_is_good
        out.append(
            {
                "key": key,
                "label": label(key),
                "value": values.get(key),
                "change": delta,
                "good": good,
            }  # fmt: skip
        )
    return out


def _named(counts: dict) -> list[dict]:
    return [{"key": k, "label": label(k), "count": v} for k, v in counts.items()]


def report_context(snapshot) -> dict:
    figures = snapshot.figures
    complaints = figures["complaints"]
    return {
        "snapshot": snapshot,
        "figures": figures,
        "cards": cards(figures),
        "categories": _named(complaints["by_category"]),
        "severities": _named(complaints["by_severity"]),
        "responsibilities": _named(complaints["by_responsibility"]),
        "distribution": _named(complaints["close"]["distribution"]),
        "monthly": [{**m, "name": month_name(m["month"])} for m in figures["monthly"]],
        "chart_data": chart_data(figures),
        "labels": {k: str(v) for k, v in FIELDS.items()},
        "currency": snapshot.shop.currency,
        # Snapshots taken before remedies' money was counted have no such block.
        "money_kinds": [
            {"key": k, "label": label(k), **v}
            for k, v in figures.get("customer_settlements", {}).get("by_kind", {}).items()
        ],
    }


def render_annual_pdf(snapshot, *, language: str) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 — loads Pango; only a PDF needs it

    with translation.override(language):
        context = report_context(snapshot)
        context.update(language=language, svg=pdf_charts(snapshot.figures), pdf=True)
        context["printed_at"] = timezone.now()
        html = render_to_string("reports/annual_pdf.html", context)
    return HTML(string=html).write_pdf()


def render_quality_pdf(shop, start, end, report: dict, *, language: str) -> bytes:
    """The quality page as a PDF in ``language``: the same body, its charts drawn as SVG."""
    from weasyprint import HTML  # noqa: PLC0415 — loads Pango; only a PDF needs it

    with translation.override(language):
        context = page_context(shop, start, end, report, links=False)
        context.update(language=language, pdf=True, printed_at=timezone.now())
        html = render_to_string("reports/quality_pdf.html", context)
    return HTML(string=html).write_pdf()

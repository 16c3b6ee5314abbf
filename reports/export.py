"""The snapshot as a flat CSV: one figure per row (key, label, value), UTF-8 with a BOM so that
spreadsheet programs read the Chinese labels."""

import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from servicedesk.exports import csv_writer, formula_safe

from .labels import SECTIONS, label, month_name
from .quality import DIMENSION_NAMES, HEADLINE_NAMES, labelled

QUALITY_FIELDS = {
    "effective_share": gettext_lazy("Effective among those verified (%)"),
    "deductions": gettext_lazy("Deductions raised"),
    "deductions_amount": gettext_lazy("Amount raised"),
    "applied_amount": gettext_lazy("Amount applied"),
    "improvement_requests": gettext_lazy("Improvement requests"),
    "due": gettext_lazy("Due in the period"),
}


def _cell(value) -> str:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return formula_safe(value)


def flat_rows(figures: dict) -> list[tuple[str, str, str]]:
    """(dotted key, translated label, value) for every figure, in the report's order."""
    rows: list[tuple[str, str, str]] = []

    def walk(value, keys: list[str], labels: list[str]):
        if isinstance(value, dict):
            for key, child in value.items():
                walk(child, [*keys, key], [*labels, label(key)])
        else:
            rows.append((".".join(keys), " · ".join(labels), _cell(value)))

    for section, value in figures.items():
        if section == "monthly":
            for month in value:
                number = month["month"]
                for key, child in month.items():
                    if key != "month":
                        walk(
                            child,
                            ["monthly", f"{number:02d}", key],
                            [str(SECTIONS["monthly"]), month_name(number), label(key)],
                        )
        elif section == "advisors":
            for advisor in value:
                for key, child in advisor.items():
                    if key not in ("id", "name"):
                        walk(
                            child,
                            ["advisors", str(advisor["id"]), key],
                            [str(SECTIONS["advisors"]), formula_safe(advisor["name"]), label(key)],
                        )
        elif section == "root_causes":
            for rank, cause in enumerate(value, start=1):
                rows.append(
                    (
                        f"root_causes.{rank}",
                        formula_safe(f"{SECTIONS['root_causes']} · {rank} · {cause['cause']}"),
                        str(cause["count"]),
                    )
                )
        else:
            walk(value, [section], [label(section)])
    return rows


def snapshot_csv(snapshot) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv_writer(out)
    writer.writerow([_("Figure"), pgettext("csv column", "Name"), _("Value")])
    writer.writerow(["computed_at", _("Computed at"), snapshot.computed_at.isoformat()])
    for row in flat_rows(snapshot.figures):
        writer.writerow(row)
    return out.getvalue()


def quality_rows(report: dict) -> list[tuple[str, str, str, str]]:
    """(section, row, figure, value) for every quality figure, labels in the active language:
    one long table a spreadsheet pivots as it likes."""
    figures = labelled(report["figures"])
    rows: list[tuple[str, str, str, str]] = []

    def add(section, row, figure, value):
        rows.append((str(section), formula_safe(str(row)), str(figure), _cell(value)))

    period = figures["period"]
    add(_("Period"), "", label("start"), period["start"])
    add(_("Period"), "", label("end"), period["end"])
    add(_("Period"), "", _("Computed at"), report["as_of"].isoformat())
    add(label("complaints"), "", label("count"), figures["complaints"]["count"])
    add(label("complaints"), "", label("amount"), figures["complaints"]["amount"])
    views = {"by_count": _("by count"), "by_amount": _("by money")}
    for name, by_view in figures["pareto"].items():
        for view, title in views.items():
            section = f"{_('Pareto')} · {DIMENSION_NAMES[name]} · {title}"
            for r in by_view[view]:
                add(section, r["label"], label("count"), r["count"])
                add(section, r["label"], label("amount"), r["amount"])
                add(section, r["label"], _("Cumulative share (%)"), r["cumulative_share"])
    reopen = figures["reopen"]
    add(_("Reopened complaints"), "", label("complaints"), reopen["complaints"])
    add(_("Reopened complaints"), "", _("Reopened"), reopen["reopened"])
    add(_("Reopened complaints"), "", _("Reopened (%)"), reopen["rate"])
    comebacks = figures["comebacks"]
    add(label("comebacks"), "", label("delivered"), comebacks["delivered"])
    add(label("comebacks"), "", label("comebacks"), comebacks["comebacks"])
    add(label("comebacks"), "", _("Comebacks per 100 delivered (%)"), comebacks["rate"])
    for key, title in (("by_technician", _("By technician")), ("by_job_kind", _("By job kind"))):
        for r in comebacks[key]:
            add(f"{label('comebacks')} · {title}", r["label"], label("count"), r["count"])
    for key, value in figures["corrective_actions"].items():
        add(label("corrective_actions"), "", _quality_label(key), value)
    for r in figures["suppliers"]:
        for key in ("complaints", "deductions", "deductions_amount", "applied", "applied_amount",
                    "improvement_requests"):  # fmt: skip
            add(_("Suppliers"), r["label"], _quality_label(key), r[key])
    trend = figures["trend"]
    for key, title in HEADLINE_NAMES.items():
        add(_("Trend"), title, _("This period"), trend["current"][key])
        add(_("Trend"), title, _("A year earlier"), trend["previous"][key])
        add(_("Trend"), title, _("Change"), trend["change"][key])
    for m in trend["monthly"]:
        add(SECTIONS["monthly"], m["month"], _("This period"), m["complaints"])
        add(SECTIONS["monthly"], m["month"], _("A year earlier"), m["previous"])
    return rows


def _quality_label(key: str) -> str:
    return str(QUALITY_FIELDS.get(key) or label(key))


def quality_csv(report: dict) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv_writer(out)
    writer.writerow([_("Section"), _("Row"), _("Figure"), _("Value")])
    for row in quality_rows(report):
        writer.writerow(row)
    return out.getvalue()

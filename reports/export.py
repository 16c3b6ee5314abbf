"""The figures as files: the snapshot as a flat CSV, one figure per row (key, label, value),
UTF-8 with a BOM so that spreadsheet programs read the Chinese labels; and any figures dict as
an XLSX workbook (:func:`figures_workbook`)."""

import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from servicedesk.exports import Sheet, csv_writer, formula_safe, xlsx_workbook

from .labels import SECTIONS, label, month_name
from .quality import DIMENSION_NAMES, HEADLINE_NAMES, labelled

QUALITY_FIELDS = {
    "effective_share": gettext_lazy("Effective among those verified (%)"),
    "deductions": gettext_lazy("Deductions raised"),
    "deductions_amount": gettext_lazy("Amount raised"),
    "applied_amount": gettext_lazy("Amount applied"),
    "improvement_requests": gettext_lazy("Improvement requests"),
    "answered": gettext_lazy("Answered by the supplier"),
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
                    "improvement_requests", "answered"):  # fmt: skip
            add(_("Suppliers"), r["label"], _quality_label(key), r[key])
    trend = figures["trend"]
    for key, title in HEADLINE_NAMES.items():
        add(_("Trend"), title, _("This period"), trend["current"][key])
        add(_("Trend"), title, _("A year earlier"), trend["previous"][key])
        add(_("Trend"), title, pgettext("figure", "Change"), trend["change"][key])
    for m in trend["monthly"]:
        add(SECTIONS["monthly"], m["month"], _("This period"), m["complaints"])
        add(SECTIONS["monthly"], m["month"], _("A year earlier"), m["previous"])
    return rows


def _quality_label(key: str) -> str:
    return str(QUALITY_FIELDS.get(key) or label(key))


def _quality_header() -> list[str]:
    return [_("Section"), _("Row"), _("Figure"), _("Value")]


def quality_csv(report: dict) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv_writer(out)
    writer.writerow(_quality_header())
    for row in quality_rows(report):
        writer.writerow(row)
    return out.getvalue()


def quality_xlsx(report: dict) -> bytes:
    """The CSV's rows as a workbook, the numbers as numbers: one long table a spreadsheet
    pivots as it likes."""
    rows = [[*row[:3], _number(row[3])] for row in quality_rows(report)]
    return xlsx_workbook([Sheet(str(_("Quality")), _quality_header(), rows)])


def _number(text: str):
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


# --- XLSX ------------------------------------------------------------------------------------


def _is_table(value) -> bool:
    """A list of row dicts (months, advisors, root causes, a Pareto's bars): a sheet of its own
    (an empty one is no sheet: it has no columns to name)."""
    return isinstance(value, list) and all(isinstance(v, dict) for v in value)


def _xlsx_value(value):
    if isinstance(value, list):  # a list of plain values: one cell
        return "; ".join("" if v is None else str(v) for v in value)
    return value


def _flatten(value: dict, keys: tuple[str, ...] = ()) -> dict[tuple[str, ...], object]:
    """A row dict with its nested dicts spread into columns keyed by the path."""
    out: dict[tuple[str, ...], object] = {}
    for key, child in value.items():
        if isinstance(child, dict):
            out.update(_flatten(child, (*keys, str(key))))
        else:
            out[(*keys, str(key))] = _xlsx_value(child)
    return out


def _labels(keys) -> str:
    return " · ".join(label(k) for k in keys)


# A row's names come first (PostgreSQL's jsonb keeps a stored snapshot's keys in its own order).
LEADING_COLUMNS = ("month", "id", "code", "name", "figure", "cause")


def _table_sheet(keys: list[str], rows: list[dict]) -> Sheet:
    flat = [_flatten(row) for row in rows]
    columns: list[tuple[str, ...]] = []
    for row in flat:
        columns.extend(c for c in row if c not in columns)
    lead = [(k,) for k in LEADING_COLUMNS if (k,) in columns]
    columns = lead + [c for c in columns if c not in lead]
    return Sheet(
        title=_labels(keys),
        header=[_labels(c) for c in columns],
        rows=[[row.get(c) for c in columns] for row in flat],
    )


def figures_workbook(figures: dict) -> bytes:
    """Any figures dict as an XLSX workbook: a first sheet of every single figure (dotted key,
    translated name, value; nested dicts walked in order), then one sheet per list of row dicts
    found anywhere in it (monthly trend, advisors, a Pareto), its columns the rows' keys.
    Numbers stay numbers; text is formula-safe (``servicedesk.exports``)."""
    singles: list[list] = []
    tables: list[Sheet] = []

    def walk(value, keys: list[str]):
        if _is_table(value):
            if value:
                tables.append(_table_sheet(keys, value))
        elif isinstance(value, dict):
            for key, child in value.items():
                walk(child, [*keys, str(key)])
        else:
            singles.append([".".join(keys), _labels(keys), _xlsx_value(value)])

    walk(figures, [])
    header = [_("Figure"), pgettext("csv column", "Name"), _("Value")]
    return xlsx_workbook([Sheet(str(SECTIONS["figures"]), header, singles), *tables])


def snapshot_xlsx(snapshot) -> bytes:
    return figures_workbook({"computed_at": snapshot.computed_at, **snapshot.figures})


# --- the group dashboard ---------------------------------------------------------------------


def group_table(comparison: dict) -> tuple[list[str], list[list]]:
    """The group dashboard as one table: a row per figure, for each shop its value and its
    change against the same dates a year earlier, then the group's value; labels in the
    active language."""
    header = [_("Figure")]
    for shop in comparison["shops"]:
        header += [shop["name"], f"{shop['name']} · {pgettext('figure', 'Change')}"]
    header.append(_("Group"))
    rows = []
    for row in comparison["rows"]:
        cells = [label(row["key"])]
        for cell in row["cells"]:
            cells += [cell["value"], cell["change"]]
        cells.append(row["group"])
        rows.append(cells)
    return header, rows


def group_csv(comparison: dict) -> str:
    header, rows = group_table(comparison)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv_writer(out)
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return out.getvalue()


def group_xlsx(comparison: dict, *, title: str) -> bytes:
    header, rows = group_table(comparison)
    return xlsx_workbook([Sheet(title, header, rows)])

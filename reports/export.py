"""The snapshot as a flat CSV: one figure per row (key, label, value), UTF-8 with a BOM so that
spreadsheet programs read the Chinese labels."""

import io

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from servicedesk.exports import csv_writer, formula_safe

from .labels import SECTIONS, label, month_name


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

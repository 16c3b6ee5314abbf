"""The complaint register: one row per complaint received in a date range, with the same
columns in every form it is offered in (the list page's CSV and XLSX, the API's)."""

import io
from collections.abc import Iterable, Iterator
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from servicedesk.exports import csv_writer, xlsx_workbook

TO_BEFORE_FROM = gettext_lazy("The last day of the register comes before its first.")


def register_header() -> list[str]:
    return [
        _("Number"),
        _("Shop"),
        _("Received at"),
        _("Received by"),
        _("Customer"),
        _("Vehicle"),
        _("Work order"),
        _("Channel"),
        _("Severity"),
        _("Category"),
        _("Responsibility"),
        _("State"),
        _("First response due"),
        _("First responded at"),
        _("Resolution due"),
        _("Resolved at"),
        _("Closed at"),
        _("Agreed remedies total"),
        _("The complaint, in the customer's words"),
    ]


def register_rows(complaints: Iterable) -> Iterator[list]:
    """Typed values (moments, amounts), one list per complaint of
    ``selectors.complaint_register``; each file writes them in its own way."""
    for c in complaints:
        yield [
            c.number,
            c.shop.name,
            c.received_at,
            c.received_by.get_full_name() or c.received_by.username if c.received_by else "",
            c.who,
            c.vehicle.plate if c.vehicle else "",
            c.work_order.number if c.work_order else "",
            c.get_channel_display(),
            c.get_severity_display(),
            c.get_category_display(),
            c.get_responsibility_display(),
            c.get_state_display(),
            c.first_response_due,
            c.first_responded_at,
            c.resolution_due,
            c.resolved_at,
            c.closed_at,
            sum((r.amount for r in c.remedies.all() if r.agreed), 0),
            c.customer_words,
        ]


def _csv_value(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return value


def register_csv(complaints: Iterable) -> str:
    """UTF-8 text with a byte-order mark, so that spreadsheet programs read the Chinese."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv_writer(out)
    writer.writerow(register_header())
    for row in register_rows(complaints):
        writer.writerow([_csv_value(value) for value in row])
    return out.getvalue()


def register_xlsx(complaints: Iterable) -> bytes:
    return xlsx_workbook(
        [(pgettext("sheet", "Complaint register"), register_header(), register_rows(complaints))]
    )


def register_filename(received_from: date, received_to: date, extension: str) -> str:
    return f"complaints-{received_from}-{received_to}.{extension}"

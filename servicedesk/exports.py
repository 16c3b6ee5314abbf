"""Files that people open in a spreadsheet program: every cell formula-safe.

A cell that starts with ``= + - @``, a tab or a carriage return is run as a formula by Excel,
LibreOffice and Numbers (OWASP, "CSV Injection"). Customers' words and survey comments reach
the exports, so every CSV is written through :func:`csv_writer` and every XLSX through
:func:`xlsx_workbook` (both quote text with :func:`formula_safe`), never with a bare
``csv.writer`` or openpyxl workbook.
"""

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A signed number (-3, +1.5, -12.5%) is data, not a formula: it stays a number in the sheet.
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?%?")


def formula_safe(value) -> str:
    """``value`` as a cell's text; one that would run as a formula is quoted with ``'``."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


class _FormulaSafeWriter:
    def __init__(self, out, **options):
        self._writer = csv.writer(out, **options)

    def writerow(self, row):
        return self._writer.writerow([formula_safe(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(out, **options) -> _FormulaSafeWriter:
    """Like ``csv.writer(out)``, with every cell passed through :func:`formula_safe`."""
    return _FormulaSafeWriter(out, **options)


# --- XLSX ------------------------------------------------------------------------------------

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
SHEET_TITLE_MAX = 31  # Excel refuses a longer sheet name
_SHEET_TITLE_REFUSED = re.compile(r"[\[\]:*?/\\]")
_WIDTH_MIN, _WIDTH_MAX = 8, 60
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook: a bold header row over the rows, in the order given."""

    title: str
    header: Sequence[str]
    rows: Iterable[Sequence]


def xlsx_cell(value):
    """``value`` as a typed cell: numbers, dates and booleans stay themselves (a sum works on
    them); an aware moment is written in the current time zone, as a spreadsheet has none;
    everything else is text, formula-safe, without the control characters XML cannot hold."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.make_naive(value, timezone.get_current_timezone())
        return value
    if isinstance(value, date | time):
        return value
    return formula_safe(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


def sheet_title(title: str, *, taken: Iterable[str] = ()) -> str:
    """A name Excel accepts for a sheet: no ``[]:*?/\\``, no apostrophe at either end, at most
    31 characters, not empty, and not one of ``taken`` (compared as Excel does, ignoring case)."""
    text = _SHEET_TITLE_REFUSED.sub(" ", str(title)).strip().strip("'").strip()
    text = text[:SHEET_TITLE_MAX].strip() or "Sheet"
    used = {t.casefold() for t in taken}
    candidate, number = text, 1
    while candidate.casefold() in used:
        number += 1
        suffix = f" ({number})"
        candidate = text[: SHEET_TITLE_MAX - len(suffix)].rstrip() + suffix
    return candidate


def _display_width(value) -> int:
    """Columns a value takes on screen: a Chinese character is two."""
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    text = "" if value is None else str(value)
    widest = 0
    for line in text.splitlines() or [""]:
        width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
        widest = max(widest, width)
    return widest


def xlsx_workbook(sheets: Iterable[Sheet | tuple]) -> bytes:
    """An XLSX file of ``sheets`` (each a :class:`Sheet` or a (title, header, rows) tuple):
    every text cell formula-safe, the header bold and frozen, columns as wide as their widest
    cell (within reason)."""
    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    titles: list[str] = []
    for sheet in sheets:
        title, header, rows = (
            (sheet.title, sheet.header, sheet.rows) if isinstance(sheet, Sheet) else sheet
        )
        titles.append(sheet_title(title, taken=titles))
        ws = book.create_sheet(titles[-1])
        widths = [_display_width(h) for h in header]
        ws.append([xlsx_cell(h) for h in header])
        for cell in ws[1]:
            cell.font = bold
        for row in rows:
            cells = [xlsx_cell(v) for v in row]
            ws.append(cells)
            for i, cell in enumerate(ws[ws.max_row]):
                if isinstance(cell.value, datetime):
                    cell.number_format = DATETIME_FORMAT
                elif isinstance(cell.value, date):
                    cell.number_format = DATE_FORMAT
                width = _display_width(cell.value)
                if i >= len(widths):
                    widths.append(width)
                elif width > widths[i]:
                    widths[i] = width
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = min(
                max(width + 2, _WIDTH_MIN), _WIDTH_MAX
            )
        ws.freeze_panes = "A2"
    if not titles:
        book.create_sheet("Sheet")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def content_disposition(filename: str, *, attachment: bool = True) -> str:
    """A Content-Disposition header any browser reads: an ASCII ``filename`` (other characters
    become ``_``, quotes and backslashes too) and the exact name as ``filename*`` (RFC 6266)."""
    ascii_name = "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\' else "_" for ch in filename)
    kind = "attachment" if attachment else "inline"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def download_response(content: bytes | str, *, filename: str, content_type: str) -> HttpResponse:
    """``content`` as a file to save, named ``filename``."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename)
    return response

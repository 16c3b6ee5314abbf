"""Files that people open in a spreadsheet program: every cell formula-safe.

A cell that starts with ``= + - @``, a tab or a carriage return is run as a formula by Excel,
LibreOffice and Numbers (OWASP, "CSV Injection"). Customers' words and survey comments reach
the exports, so every CSV (and any XLSX) is written through :func:`csv_writer` or
:func:`formula_safe`, never with a bare ``csv.writer``.
"""

import csv
import re

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

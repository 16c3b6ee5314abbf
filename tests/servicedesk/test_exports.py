"""One helper writes every export's cells: nothing that a spreadsheet would run as a formula."""

import ast
import io
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from openpyxl import load_workbook

from servicedesk.exports import (
    XLSX_CONTENT_TYPE,
    download_response,
    formula_safe,
    sheet_title,
    xlsx_workbook,
)


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-cmd", "'-cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-12.5", "-12.5"),
        ("+3%", "+3%"),
        (-4, "-4"),
        ("a=b", "a=b"),
        (None, ""),
        ("周敏", "周敏"),
    ],
)
def test_a_cell_is_quoted_only_when_it_would_run_as_a_formula(value, cell):
    assert formula_safe(value) == cell


def test_no_export_writes_csv_without_the_helper():
    """A bare csv.writer elsewhere would write customers' words raw."""
    base = Path(settings.BASE_DIR)
    offenders = []
    for path in base.glob("**/*.py"):
        parts = path.relative_to(base).parts
        if parts[0] in (".venv", "tests", "bench", "scripts") or "migrations" in parts:
            continue
        if path.relative_to(base).as_posix() == "servicedesk/exports.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            is_csv = isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            if is_csv and node.value.id == "csv" and node.attr in ("writer", "DictWriter"):
                offenders.append(f"{path.relative_to(base)}:{node.lineno}")
    assert not offenders, f"write CSV through servicedesk.exports.csv_writer: {offenders}"


# --- XLSX --------------------------------------------------------------------------------------


def _read(content: bytes):
    return load_workbook(io.BytesIO(content))


def test_a_formula_looking_text_is_no_formula_in_the_workbook():
    content = xlsx_workbook(
        [("Register", ["Words"], [['=HYPERLINK("http://evil.example","x")'], ["@SUM(A1)"]])]
    )
    ws = _read(content)["Register"]
    assert ws["A2"].data_type == "s" and ws["A2"].value == '\'=HYPERLINK("http://evil.example","x")'
    assert ws["A3"].data_type == "s" and ws["A3"].value == "'@SUM(A1)"
    assert not any(cell.data_type == "f" for row in ws.iter_rows() for cell in row)


def test_numbers_dates_and_money_stay_typed_cells():
    moment = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    with timezone.override("Asia/Shanghai"):
        content = xlsx_workbook(
            [
                (
                    "S",
                    ["n", "x", "m", "d", "t", "b"],
                    [[3, 1.5, Decimal("200.50"), moment, "-12", True]],
                )
            ]
        )
    ws = _read(content)["S"]
    assert ws["A2"].value == 3 and ws["A2"].data_type == "n"
    assert ws["B2"].value == 1.5
    assert ws["C2"].value == pytest.approx(200.5) and ws["C2"].data_type == "n"
    # The moment in the current time zone, as a date cell.
    assert ws["D2"].value == datetime(2026, 3, 2, 17, 30) and ws["D2"].is_date
    assert ws["E2"].value == "-12"  # text stays text (a signed number is not quoted)
    assert ws["F2"].value is True


def test_the_header_is_bold_and_frozen_and_columns_fit_chinese_text():
    content = xlsx_workbook([("客户投诉", ["Number", "客户的原话"], [["C-1", "刹车异响" * 5]])])
    ws = _read(content)["客户投诉"]
    assert ws["A1"].font.bold and ws["B1"].font.bold
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["B"].width >= 40  # twenty Chinese characters, two columns each
    assert 8 <= ws.column_dimensions["A"].width <= 12


def test_control_characters_that_xml_cannot_hold_are_dropped():
    ws = _read(xlsx_workbook([("S", ["w"], [["bad\x07bell"]])]))["S"]
    assert ws["A2"].value == "badbell"


@pytest.mark.parametrize(
    ("title", "taken", "safe"),
    [
        ("Monthly: 1/2 [a]*?", [], "Monthly  1 2  a"),
        ("x" * 40, [], "x" * 31),
        ("'quoted'", [], "quoted"),
        ("", [], "Sheet"),
        ("Figures", ["figures"], "Figures (2)"),
        ("y" * 31, ["y" * 31], "y" * 27 + " (2)"),
        ("月度趋势", [], "月度趋势"),
    ],
)
def test_sheet_titles_are_ones_excel_accepts(title, taken, safe):
    assert sheet_title(title, taken=taken) == safe


def test_two_sheets_of_the_same_name_are_both_kept():
    book = _read(xlsx_workbook([("A", ["h"], [[1]]), ("A", ["h"], [[2]])]))
    assert book.sheetnames == ["A", "A (2)"]


def test_the_download_names_its_file_in_ascii_and_exactly():
    response = download_response(
        xlsx_workbook([("S", ["h"], [])]),
        filename="投诉 register.xlsx",
        content_type=XLSX_CONTENT_TYPE,
    )
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    disposition = response["Content-Disposition"]
    disposition.encode("ascii")  # a header must be ASCII
    assert disposition.startswith('attachment; filename="__ register.xlsx"; ')
    assert "filename*=UTF-8''%E6%8A%95%E8%AF%89%20register.xlsx" in disposition
    assert _read(response.content).sheetnames == ["S"]


def test_no_export_writes_a_workbook_without_the_helper():
    """A bare openpyxl Workbook elsewhere would write customers' words unquoted."""
    base = Path(settings.BASE_DIR)
    offenders = []
    for path in base.glob("**/*.py"):
        parts = path.relative_to(base).parts
        if parts[0] in (".venv", "tests", "bench", "scripts") or "migrations" in parts:
            continue
        if path.relative_to(base).as_posix() == "servicedesk/exports.py":
            continue
        if "openpyxl" in path.read_text(encoding="utf-8"):
            offenders.append(str(path.relative_to(base)))
    assert not offenders, f"write XLSX through servicedesk.exports.xlsx_workbook: {offenders}"

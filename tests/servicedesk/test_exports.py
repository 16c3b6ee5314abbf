"""One helper writes every export's cells: nothing that a spreadsheet would run as a formula."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

from servicedesk.exports import formula_safe


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

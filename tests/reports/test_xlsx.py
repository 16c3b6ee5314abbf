"""The figures as XLSX: any figures dict (the annual statistics, and whatever else is passed)
becomes a workbook of its single figures and one sheet per table; the annual page offers the
snapshot's, and the API answers it with ``?format=xlsx``."""

import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from reports import services
from reports.export import figures_workbook
from reports.labels import label
from reports.models import AnnualSnapshot, ReportJob
from servicedesk.accounts.models import Role
from servicedesk.exports import XLSX_CONTENT_TYPE
from tests.factories import staff

from .dataset import YEAR

pytestmark = pytest.mark.django_db

URL = f"/api/v1/reports/annual-satisfaction/{YEAR}/"
PAGE = f"/reports/annual-satisfaction/{YEAR}/"


def _book(content: bytes):
    return load_workbook(io.BytesIO(content))


def _values(ws) -> list[list]:
    return [[cell.value for cell in row] for row in ws.iter_rows()]


def test_any_figures_dict_becomes_a_sheet_of_figures_and_a_sheet_per_table():
    book = _book(
        figures_workbook(
            {
                "complaints": {"total": 7, "by_category": {"billing": 2}, "supplier_share": 12.5},
                "suppliers": [
                    {"name": "=cmd|' /C calc'!A0", "complaints": 3, "money": {"amount": 150.5}},
                    {"name": "博世", "complaints": 1, "money": {"amount": 0}, "extra": True},
                ],
                "period": {"by_month": [{"month": 1, "count": 2}], "empty": []},
            }
        )
    )
    assert book.sheetnames == ["Figures", "suppliers", "Period · by_month"]
    figures = {row[0]: row for row in _values(book["Figures"])[1:]}
    assert figures["complaints.total"] == ["complaints.total", "Complaints · Total", 7]
    assert figures["complaints.by_category.billing"][2] == 2
    assert figures["complaints.supplier_share"][1] == "Complaints · Supplier responsible (%)"
    assert "period.empty" not in figures  # an empty table is no sheet and no figure
    suppliers = _values(book["suppliers"])
    # Columns: every row's keys in the order first seen, nested dicts spread out.
    assert suppliers[0] == ["Name", "Complaints", "money · Amount", "extra"]
    assert suppliers[1] == ["'=cmd|' /C calc'!A0", 3, 150.5, None]
    assert suppliers[2] == ["博世", 1, 0, True]
    assert book["suppliers"]["B2"].data_type == "n"
    assert _values(book["Period · by_month"]) == [["Month", "Count"], [1, 2]]


def test_the_figures_read_in_chinese():
    with translation.override("zh-hans"):
        book = _book(figures_workbook({"complaints": {"total": 7}, "monthly": [{"month": 1}]}))
    assert book.sheetnames == ["指标", "月度趋势"]
    assert _values(book["指标"])[0] == ["指标", "名称", "数值"]


@pytest.fixture
def computed(shop, year_of_records):
    job = ReportJob.objects.create(shop=shop, year=YEAR)
    services.report_job_run(job_id=job.pk)
    return job


def test_the_annual_page_offers_the_xlsx(browser_as, manager, shop, computed):
    page = browser_as(manager).get(f"{PAGE}?shop={shop.pk}").content.decode()
    assert f"{URL}?shop={shop.pk}&amp;format=xlsx" in page


def test_the_snapshot_as_xlsx_holds_its_figures_months_and_advisors(
    api_as, manager, shop, computed
):
    response = api_as(manager).get(URL, {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert f'filename="satisfaction-{shop.code}-{YEAR}.xlsx"' in response["Content-Disposition"]
    book = _book(response.content)
    assert book.sheetnames[0] == "Figures"
    assert {"Monthly trend", "Advisors"} <= set(book.sheetnames)
    snapshot = AnnualSnapshot.objects.get(shop=shop, year=YEAR)
    figures = {row[0]: row[2] for row in _values(book["Figures"])[1:]}
    assert figures["complaints.total"] == snapshot.figures["complaints"]["total"]
    assert figures["surveys.sent"] == snapshot.figures["surveys"]["sent"]
    assert figures["computed_at"] is not None
    months = _values(book["Monthly trend"])
    assert months[0][0] == "Month"
    assert [row[0] for row in months[1:]] == list(range(1, 13))
    january = snapshot.figures["monthly"][0]
    header = months[0]
    for key, value in january.items():
        if not isinstance(value, dict | list) and key != "month":
            column = header.index(label(key))
            assert months[1][column] == value


def test_an_error_of_the_xlsx_form_is_json(api_as, manager):
    response = api_as(manager).get(URL, {"format": "xlsx"})
    assert response.status_code == 404  # not computed yet
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "not_computed"


def test_another_shops_reader_gets_no_xlsx(api_as, other_shop, shop, computed):
    reader = staff("other-reader", other_shop, Role.MANAGER)
    response = api_as(reader).get(URL, {"format": "xlsx", "shop": shop.pk})
    assert response.status_code == 404

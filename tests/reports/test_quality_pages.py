"""The quality page, its drill-down, refresh, CSV and PDF in the browser, and the quality API:
who reads them, another shop's records never in them, bad ranges, the cache's "as of"."""

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from django.utils import translation
from pypdf import PdfReader

from reports import forms as period_rules
from servicedesk.exports import XLSX_CONTENT_TYPE
from tests.factories import staff

from . import quality_dataset
from .dataset import _complaint, at

pytestmark = pytest.mark.django_db

ROLES = ["advisor", "technician", "supervisor", "manager", "quality", "cashier", "reporting"]
READERS = {"manager", "quality", "reporting"}
PERIOD = {"from": "2025-01-01", "to": "2025-06-30"}
COMPUTED = datetime(2025, 7, 15, 12, tzinfo=ZoneInfo("UTC"))


@pytest.fixture
def people(shop, other_shop):
    shop.timezone = "Asia/Shanghai"
    shop.save(update_fields=["timezone"])
    return quality_dataset.build(shop, other_shop)


@pytest.fixture
def at_computed():
    with time_machine.travel(COMPUTED, tick=False) as traveller:
        yield traveller


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.parametrize("role", ROLES)
def test_the_quality_pages_are_for_readers(browser_as, shop, people, role, at_computed):
    client = browser_as(staff(f"{role}-q", shop, role))
    expected = 200 if role in READERS else 403
    assert client.get("/reports/quality/", PERIOD).status_code == expected
    drill = {**PERIOD, "by": "category", "key": "workmanship"}
    assert client.get("/reports/quality/complaints/", drill).status_code == expected
    assert client.get("/reports/quality/figures.csv", PERIOD).status_code == expected
    refresh = client.post("/reports/quality/refresh/?from=2025-01-01&to=2025-06-30")
    assert refresh.status_code == (302 if role in READERS else 403)
    nav = client.get("/").content.decode()
    assert ('href="/reports/quality/"' in nav) is (role in READERS)


@pytest.mark.parametrize("role", ROLES)
def test_the_quality_api_is_for_readers(api_as, shop, people, role, at_computed):
    client = api_as(staff(f"{role}-qa", shop, role))
    expected = 200 if role in READERS else 403
    assert client.get("/api/v1/reports/quality/", PERIOD).status_code == expected
    drill = {**PERIOD, "by": "category", "key": "workmanship"}
    assert client.get("/api/v1/reports/quality/complaints/", drill).status_code == expected


def test_another_shops_manager_gets_404(browser_as, api_as, other_shop, shop, people):
    south = staff("south-manager", other_shop, "manager")
    ours = {**PERIOD, "shop": shop.pk}
    client = browser_as(south)
    assert client.get("/reports/quality/", ours).status_code == 404
    drill = {**ours, "by": "category", "key": "workmanship"}
    assert client.get("/reports/quality/complaints/", drill).status_code == 404
    assert client.get("/reports/quality/figures.csv", ours).status_code == 404
    assert client.get("/reports/quality/report.pdf", ours).status_code == 404
    assert client.post(f"/reports/quality/refresh/?shop={shop.pk}").status_code == 404
    assert api_as(south).get("/api/v1/reports/quality/", ours).status_code == 404
    assert api_as(south).get("/api/v1/reports/quality/complaints/", drill).status_code == 404


def test_the_page_shows_the_paretos_with_links_to_their_complaints(
    browser_as, manager, shop, people, at_computed
):
    page = browser_as(manager).get("/reports/quality/", PERIOD).content.decode()
    assert "<svg" in page and "polyline" in page
    assert "Workmanship" in page and "Brake World" in page and "Tom Tech" in page
    assert "Torque not checked" in page
    drill = f"/reports/quality/complaints/?shop={shop.pk}&amp;from=2025-01-01&amp;to=2025-06-30"
    assert f"{drill}&amp;by=category&amp;key=workmanship" in page
    assert f"{drill}&amp;by=supplier&amp;key={people.s1.pk}" in page
    assert "as of 2025-07-15 20:00" in page  # computed at noon UTC, shown on Shanghai time
    assert 'href="/reports/quality/figures.csv?' in page
    assert 'action="/reports/quality/refresh/?' in page


def test_the_page_defaults_to_this_year_so_far(browser_as, manager, shop, people, at_computed):
    page = browser_as(manager).get("/reports/quality/").content.decode()
    assert 'value="2025-01-01"' in page and 'value="2025-07-15"' in page


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ({"from": "2025-13-01", "to": "2025-06-30"}, "Enter a valid date."),
        ({"from": "2025-06-30", "to": "2025-01-01"}, str(period_rules.FROM_AFTER_TO)),
        ({"from": "2021-01-01", "to": "2024-01-01"}, str(period_rules.TOO_LONG)),
        ({"from": "2025-01-01", "to": ""}, "This field is required."),
        (
            {"from": "1999-12-31", "to": "2000-01-05"},
            "Give a date between the years 2000 and 2099.",
        ),
    ],
)
def test_a_bad_range_says_why_and_keeps_what_was_typed(
    browser_as, api_as, manager, people, period, message
):
    response = browser_as(manager).get("/reports/quality/", period)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert f'value="{period["from"]}"' in page and f'value="{period["to"]}"' in page
    api = api_as(manager).get("/api/v1/reports/quality/", period)
    assert api.status_code == 400
    assert message in str(api.json())


def test_three_years_exactly_less_a_day_is_allowed(browser_as, manager, people):
    assert (
        browser_as(manager)
        .get("/reports/quality/", {"from": "2022-01-01", "to": "2024-12-31"})
        .status_code
        == 200
    )


def test_the_figures_are_cached_until_refreshed(browser_as, api_as, manager, shop, people):
    client = api_as(manager)
    with time_machine.travel(COMPUTED, tick=False):
        first = client.get("/api/v1/reports/quality/", PERIOD).json()
    assert first["figures"]["complaints"]["count"] == 4
    _complaint(shop, at(2025, 5, 5), response_due=2, resolution_due=72, category="billing")
    with time_machine.travel(COMPUTED + timedelta(minutes=5), tick=False):
        cached = client.get("/api/v1/reports/quality/", PERIOD).json()
        assert cached["as_of"] == first["as_of"]
        assert cached["figures"]["complaints"]["count"] == 4
        response = browser_as(manager).post(
            "/reports/quality/refresh/?from=2025-01-01&to=2025-06-30"
        )
        assert response.status_code == 302
        assert response["Location"].startswith("/reports/quality/?shop=")
        fresh = client.get("/api/v1/reports/quality/", PERIOD).json()
    assert fresh["figures"]["complaints"]["count"] == 5
    assert fresh["as_of"] > first["as_of"]


def test_the_cache_runs_out_after_its_time(api_as, manager, shop, people, settings):
    settings.QUALITY_CACHE_SECONDS = 60
    client = api_as(manager)
    with time_machine.travel(COMPUTED, tick=False):
        first = client.get("/api/v1/reports/quality/", PERIOD).json()
    with time_machine.travel(COMPUTED + timedelta(minutes=2), tick=False):
        later = client.get("/api/v1/reports/quality/", PERIOD).json()
    assert later["as_of"] != first["as_of"]


def test_the_drill_down_lists_the_bars_complaints_of_this_shop_only(
    browser_as, manager, shop, people, at_computed
):
    k = people.k
    drill = {**PERIOD, "by": "category", "key": "workmanship"}
    page = browser_as(manager).get("/reports/quality/complaints/", drill).content.decode()
    assert k["k1"].number in page and k["k3"].number in page
    assert k["k2"].number not in page and k["theirs"].number not in page
    assert f'href="/complaints/{k["k1"].pk}/"' in page
    assert "150.00" in page


def test_the_drill_down_api_is_paginated_and_links_what_the_reader_may_open(
    api_as, manager, shop, people, at_computed
):
    k = people.k
    drill = {**PERIOD, "by": "technician", "key": str(people.tom.pk)}
    body = api_as(manager).get("/api/v1/reports/quality/complaints/", drill).json()
    assert body["count"] == 2
    numbers = [r["number"] for r in body["results"]]
    assert numbers == [k["k2"].number, k["k1"].number]
    first = body["results"][0]
    assert first["technician"] == "Tom Tech" and first["supplier"] == "Brake World"
    assert first["amount"] == "300.00" and first["url"] == f"/complaints/{k['k2'].pk}/"


def test_the_drill_down_hides_the_link_from_a_reader_who_may_not_open_complaints(
    api_as, manager, shop, people, at_computed, monkeypatch
):
    # A reader of the figures who is not a member of the shop (a dealer group's): the
    # complaints' permissions say no, so no link.
    from complaints import permissions as complaint_permissions

    monkeypatch.setattr(complaint_permissions, "may_open", lambda user, *, shop_id: False)
    drill = {**PERIOD, "by": "category", "key": "workmanship"}
    body = api_as(manager).get("/api/v1/reports/quality/complaints/", drill).json()
    assert body["count"] == 2 and {r["url"] for r in body["results"]} == {None}


def test_an_unknown_dimension_or_key_is_refused(browser_as, api_as, manager, people):
    for params in ({"by": "colour", "key": "red"}, {"by": "technician", "key": "tom"},
                   {"by": "category"}):  # fmt: skip
        api = api_as(manager).get("/api/v1/reports/quality/complaints/", {**PERIOD, **params})
        assert api.status_code == 400
        assert set(api.json()) & {"by", "key"}
        page = browser_as(manager).get("/reports/quality/complaints/", {**PERIOD, **params})
        assert page.status_code == 400


def test_the_api_gives_labels_in_the_readers_language(api_as, manager, people, at_computed):
    client = api_as(manager)
    english = client.get("/api/v1/reports/quality/", PERIOD).json()
    rows = english["figures"]["pareto"]["category"]["by_count"]
    assert [r["label"] for r in rows] == ["Workmanship", "Product quality", "Not set yet"]
    chinese = client.get("/api/v1/reports/quality/", PERIOD, HTTP_ACCEPT_LANGUAGE="zh-hans")
    labels = [r["label"] for r in chinese.json()["figures"]["pareto"]["category"]["by_count"]]
    assert labels[0] != "Workmanship" and all(labels)


def test_the_csv_has_every_section_and_quotes_formulas(
    browser_as, manager, shop, people, at_computed
):
    k1 = people.k["k1"]
    k1.corrective_actions.filter(root_cause__contains="Torque").update(root_cause="=HYPERLINK()")
    response = browser_as(manager).get("/reports/quality/figures.csv", PERIOD)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Section", "Row", "Figure", "Value"]
    assert ["Pareto · Category · by count", "Workmanship", "Count", "2"] in rows
    assert ["Pareto · Category · by money", "Product quality", "Amount", "300.00"] in rows
    assert any(r[1] == "'=HYPERLINK()" for r in rows)
    assert ["Trend", "Complaints", "This period", "4"] in rows


def test_the_xlsx_has_the_csvs_rows_with_numbers_as_numbers(
    browser_as, manager, shop, people, at_computed
):
    k1 = people.k["k1"]
    k1.corrective_actions.filter(root_cause__contains="Torque").update(root_cause="=HYPERLINK()")
    client = browser_as(manager)
    response = client.get("/reports/quality/figures.xlsx", PERIOD)
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert 'filename="quality-' in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Section", "Row", "Figure", "Value"]
    assert ["Pareto · Category · by count", "Workmanship", "Count", 2] in rows
    assert ["Pareto · Category · by money", "Product quality", "Amount", 300.0] in rows
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    csv_rows = list(
        csv.reader(
            io.StringIO(
                client.get("/reports/quality/figures.csv", PERIOD).content.decode("utf-8-sig")
            )
        )
    )
    assert len(rows) == len(csv_rows)
    page = client.get("/reports/quality/", PERIOD).content.decode()
    assert "/reports/quality/figures.xlsx?" in page
    chinese = client.get("/reports/quality/figures.xlsx", PERIOD, HTTP_ACCEPT_LANGUAGE="zh-hans")
    first = openpyxl.load_workbook(io.BytesIO(chinese.content)).active
    with translation.override("zh-hans"):
        assert first.cell(1, 1).value == translation.gettext("Section") != "Section"


def test_the_api_gives_the_files_too_and_its_errors_as_json(
    api_as, manager, shop, people, at_computed
):
    client = api_as(manager)
    api_csv = client.get("/api/v1/reports/quality/", {**PERIOD, "format": "csv"})
    assert api_csv.status_code == 200 and api_csv["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(api_csv).decode("utf-8-sig"))))
    assert rows[0] == ["Section", "Row", "Figure", "Value"]
    assert ["Pareto · Category · by count", "Workmanship", "Count", "2"] in rows
    api_xlsx = client.get("/api/v1/reports/quality/", {**PERIOD, "format": "xlsx"})
    assert api_xlsx["Content-Type"] == XLSX_CONTENT_TYPE
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(api_xlsx))).active
    assert ["Pareto · Category · by count", "Workmanship", "Count", 2] in [
        [cell.value for cell in row] for row in sheet.iter_rows()
    ]
    refused = client.get(
        "/api/v1/reports/quality/", {"from": "2025-06-01", "to": "2025-01-01", "format": "xlsx"}
    )
    assert refused.status_code == 400 and refused["Content-Type"] == "application/json"
    assert "to" in refused.json()


def test_the_pdf_prints_the_page_in_both_languages(browser_as, manager, people, at_computed):
    client = browser_as(manager)
    english = client.get("/reports/quality/report.pdf", {**PERIOD, "lang": "en"})
    assert english["Content-Type"] == "application/pdf"
    text = _pdf_text(english.content)
    assert "Where complaints come from" in text and "Brake World" in text
    chinese = _pdf_text(
        client.get("/reports/quality/report.pdf", {**PERIOD, "lang": "zh-hans"}).content
    )
    assert "Brake World" in chinese and "投诉来自哪里" in chinese
    assert "Where complaints come from" not in chinese


def test_the_page_and_the_drill_down_speak_chinese(browser_as, manager, people, at_computed):
    client = browser_as(manager)
    page = client.get("/reports/quality/", PERIOD, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "投诉来自哪里" in page.content.decode() and "未记录根本原因" in page.content.decode()
    drill = {**PERIOD, "by": "category", "key": "none"}
    rows = client.get("/reports/quality/complaints/", drill, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "类别" in rows.content.decode() and "受理的投诉 1 件" in rows.content.decode()


def test_the_schema_declares_the_quality_endpoints(api):
    schema = api.get("/api/schema/", {"format": "json"}).json()
    get = schema["paths"]["/api/v1/reports/quality/"]["get"]
    assert {"200", "400", "403", "404"} <= set(get["responses"])
    assert {"shop", "from", "to"} <= {p["name"] for p in get["parameters"]}
    drill = schema["paths"]["/api/v1/reports/quality/complaints/"]["get"]
    assert {"by", "key", "page"} <= {p["name"] for p in drill["parameters"]}


def test_the_page_reads_the_same_number_of_queries_for_more_records(
    browser_as, manager, shop, people, at_computed
):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = browser_as(manager)
    client.get("/reports/quality/", PERIOD)  # the session's first request saves it

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/reports/quality/", PERIOD).status_code == 200
        return len(ctx.captured_queries)

    small = count()
    for i in range(12):
        _complaint(shop, at(2025, 1 + i % 6, 2), response_due=2, resolution_due=72,
                   category="billing", technician=people.ann, supplier=people.s2)  # fmt: skip
    assert count() == small

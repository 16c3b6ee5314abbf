"""The API keeps its own contract (issue 13.8): a file endpoint serves its media type to a
client that asks for it, and under /api/ every error is JSON in the schema's Error shape."""

import json

import pytest
from django.test import RequestFactory, override_settings
from drf_spectacular.generators import SchemaGenerator

from servicedesk.errors import server_error
from tests.complaints.factories import ComplaintFactory


@pytest.fixture
def cheap_pdf(monkeypatch):
    import weasyprint

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda self, *a, **kw: b"%PDF-1.7 test")


def _is_error(response, status: int, code: str) -> None:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert body["code"] == code and body["detail"]


@pytest.mark.parametrize("accept", ["application/pdf", "*/*", "application/pdf, */*;q=0.1"])
def test_the_report_pdf_answers_a_client_that_asks_for_a_pdf(
    api_as, advisor, shop, cheap_pdf, accept
):
    complaint = ComplaintFactory(shop=shop, user=advisor)
    r = api_as(advisor).get(f"/api/v1/complaints/{complaint.pk}/report.pdf", HTTP_ACCEPT=accept)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")


def test_the_report_pdf_of_another_shop_is_a_json_404(api_as, outsider, advisor, shop, cheap_pdf):
    complaint = ComplaintFactory(shop=shop, user=advisor)
    r = api_as(outsider).get(
        f"/api/v1/complaints/{complaint.pk}/report.pdf", HTTP_ACCEPT="application/pdf"
    )
    _is_error(r, 404, "not_found")


@pytest.mark.parametrize(
    "path",
    ["/api/v1/complaints/null,null/history/", "/api/v1/no-such-thing/", "/api/v2/complaints/"],
)
def test_an_unknown_api_url_is_a_json_404(api_as, advisor, path):
    _is_error(api_as(advisor).get(path), 404, "not_found")


def test_an_unknown_page_is_still_the_html_404(browser_as, advisor):
    r = browser_as(advisor).get("/complaints/null,null/")
    assert r.status_code == 404 and r["Content-Type"].startswith("text/html")


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1024)
def test_a_body_over_the_limit_is_a_json_413(client, db):
    body = '{"username": "' + "x" * 4096 + '", "password": "y"}'
    r = client.post("/api/v1/auth/token/", body, content_type="application/json")
    _is_error(r, 413, "too_large")


def test_a_server_error_under_the_api_is_json():
    _is_error(server_error(RequestFactory().get("/api/v1/complaints/")), 500, "server_error")


def test_the_schema_says_a_history_row_may_have_no_author(db):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    by = schema["components"]["schemas"]["History"]["properties"]["by"]
    assert by.get("nullable") is True


def test_an_unknown_format_of_the_report_is_a_json_404(api_as, advisor, shop, cheap_pdf):
    # Found by schemathesis: DRF's fallback renderer was the PDF one, for a JSON body.
    complaint = ComplaintFactory(shop=shop, user=advisor)
    r = api_as(advisor).get(f"/api/v1/complaints/{complaint.pk}/report.pdf", {"format": "AAA"})
    assert r.status_code == 404 and r["Content-Type"].startswith("application/json")

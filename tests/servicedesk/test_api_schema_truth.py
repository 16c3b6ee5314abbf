"""The API takes what its schema says and says what it takes (issue 13.8): a JSON value of the
wrong type is refused (DRF alone read 0 as "0", 0/1 as booleans and any number as money),
money is text of digits without a minus where none is allowed, a version starts at 1, the
report's language is one of two, and a page is a number."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from complaints.models import State
from tests.complaints import factories as cf
from tests.complaints.factories import ComplaintFactory
from tests.vehicles.factories import CustomerFactory, WorkOrderFactory
from vehicles import services as vs


@pytest.fixture(scope="module")
def openapi():
    return SchemaGenerator().get_schema(request=None, public=True)


@pytest.fixture
def cheap_pdf(monkeypatch):
    import weasyprint

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda self, *a, **kw: b"%PDF-1.7 test")


@pytest.mark.parametrize(
    "body, field",
    [
        ({"name": 0, "phone": "13800138000"}, "name"),  # a number where text is due
        ({"name": "Li", "phone": "13800138000", "wants_loaner": 1}, "wants_loaner"),
        ({"name": "Li", "phone": "13800138000", "wants_loaner": "true"}, "wants_loaner"),
    ],
)
def test_a_json_value_of_the_wrong_type_is_refused(api_as, advisor, body, field):
    r = api_as(advisor).post("/api/v1/customers/", body, format="json")
    assert r.status_code == 400 and field in r.json(), r.json()


def test_the_right_types_are_taken(api_as, advisor):
    r = api_as(advisor).post(
        "/api/v1/customers/",
        {"name": "Li", "phone": "13800138000", "wants_loaner": True},
        format="json",
    )
    assert r.status_code == 201, r.json()
    assert r.json()["wants_loaner"] is True


def test_a_form_body_still_reads_text_as_its_type(api_as, advisor):
    """Forms and multipart are text by nature: the strictness is JSON's only."""
    r = api_as(advisor).post(
        "/api/v1/customers/", {"name": "Li", "phone": "13800138000", "wants_loaner": "true"}
    )
    assert r.status_code in (201, 415), r.content  # 415 where the API takes JSON only
    if r.status_code == 201:
        assert r.json()["wants_loaner"] is True


@pytest.mark.parametrize("amount", ["", "-", "-5.00", "1e3", " 5", 5, "5.001", "+5"])
def test_money_is_digits_with_a_point(api_as, advisor, manager, shop, amount):
    complaint = cf.advance(
        ComplaintFactory(shop=shop, user=advisor),
        to=State.RESOLVING,
        advisor=advisor,
        manager=manager,
    )
    r = api_as(manager).post(
        f"/api/v1/complaints/{complaint.pk}/remedies/",
        {"kind": "discount", "amount": amount, "description": "Goodwill"},
        format="json",
    )
    assert r.status_code == 400 and "amount" in r.json(), (amount, r.json())


def test_money_as_text_is_taken(api_as, advisor, manager, shop):
    complaint = cf.advance(
        ComplaintFactory(shop=shop, user=advisor),
        to=State.RESOLVING,
        advisor=advisor,
        manager=manager,
    )
    r = api_as(manager).post(
        f"/api/v1/complaints/{complaint.pk}/remedies/",
        {"kind": "discount", "amount": "80.5", "description": "Goodwill"},
        format="json",
    )
    assert r.status_code == 201 and r.json()["amount"] == "80.50", r.json()


def test_the_schema_states_money_as_the_field_takes_it(openapi):
    remedy = openapi["components"]["schemas"]["RemedyCreateRequest"]["properties"]["amount"]
    assert remedy["pattern"] == r"^\d{1,10}(?:\.\d{1,2})?$"  # no minus: not negative
    # drf-spectacular's own pattern let "" and "-" through
    for schema in openapi["components"]["schemas"].values():
        for prop in schema.get("properties", {}).values():
            if prop.get("format") == "decimal":
                assert r"\d{0," not in prop.get("pattern", ""), prop


def test_a_version_starts_at_one(api_as, manager, shop, openapi):
    patch = openapi["components"]["schemas"]["PatchedComplaintPatchRequest"]["properties"]
    assert patch["version"]["minimum"] == 1
    complaint = ComplaintFactory(shop=shop, user=manager)
    r = api_as(manager).patch(
        f"/api/v1/complaints/{complaint.pk}/", {"version": 0, "severity": "high"}, format="json"
    )
    assert r.status_code == 400 and "version" in r.json()


@pytest.mark.parametrize("lang", ["AAA", "", "0"])
def test_the_report_refuses_a_language_it_does_not_have(api_as, advisor, shop, cheap_pdf, lang):
    complaint = ComplaintFactory(shop=shop, user=advisor)
    r = api_as(advisor).get(f"/api/v1/complaints/{complaint.pk}/report.pdf?lang={lang}")
    assert r.status_code == 400 and "lang" in r.json()
    twice = api_as(advisor).get(f"/api/v1/complaints/{complaint.pk}/report.pdf?lang=en&lang=en")
    assert twice.status_code == 400


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_the_report_in_either_language(api_as, advisor, shop, cheap_pdf, lang, openapi):
    complaint = ComplaintFactory(shop=shop, user=advisor)
    r = api_as(advisor).get(f"/api/v1/complaints/{complaint.pk}/report.pdf?lang={lang}")
    assert r.status_code == 200
    op = openapi["paths"]["/api/v1/complaints/{id}/report.pdf"]["get"]
    (param,) = [p for p in op["parameters"] if p["name"] == "lang"]
    assert param["schema"]["enum"] == ["en", "zh-hans"]
    assert "400" in op["responses"]


@pytest.mark.parametrize("page", ["", "last", "x", "1&page=2"])
def test_a_page_is_a_number(api_as, advisor, shop, page):
    CustomerFactory(shop=shop)
    r = api_as(advisor).get(f"/api/v1/customers/?page={page}")
    assert r.status_code == 400 and "page" in r.json()


def test_the_first_page_by_number(api_as, advisor, shop):
    CustomerFactory(shop=shop)
    assert api_as(advisor).get("/api/v1/customers/?page=1").status_code == 200
    assert api_as(advisor).get("/api/v1/customers/?page=9").status_code == 404


def test_an_empty_text_is_not_a_missing_price(api_as, advisor, shop):
    """DRF reads "" as null for a nullable number; the schema says a price is digits or null."""
    order = WorkOrderFactory(shop=shop, advisor=advisor)
    inspection = vs.inspection_create(work_order_pk=order.pk, user=advisor)
    r = api_as(advisor).post(
        f"/api/v1/inspections/{inspection.pk}/items/",
        {"name": "Tyres", "condition": "green", "price": ""},
        format="json",
    )
    assert r.status_code == 400 and "price" in r.json(), r.json()


def test_a_numbered_path_part_is_an_integer(openapi):
    for path in (
        "/api/v1/inspections/{id}/items/{item_id}/photos/",
        "/api/v1/work-orders/{id}/lines/{line_id}/",
    ):
        for operation in openapi["paths"][path].values():
            types = {p["name"]: p["schema"]["type"] for p in operation["parameters"]}
            assert set(types.values()) == {"integer"}, (path, types)


def test_the_schema_says_where_numbers_in_a_url_end(openapi, api_as, advisor, shop):
    customers = openapi["paths"]["/api/v1/customers/"]["get"]["parameters"]
    (page,) = [p for p in customers if p["name"] == "page"]
    assert page["schema"]["minimum"] == 1  # page=-1 is refused, not a page
    assert api_as(advisor).get("/api/v1/customers/?page=-1").status_code == 400
    communications = openapi["paths"]["/api/v1/communications/"]["get"]["parameters"]
    (vehicle,) = [p for p in communications if p["name"] == "vehicle"]
    assert vehicle["schema"]["maximum"] == 2**63 - 1
    too_large = api_as(advisor).get(f"/api/v1/communications/?vehicle={2**64}")
    assert too_large.status_code == 400


@pytest.mark.parametrize("value", [2**63, -(2**63) - 1])
def test_an_id_filter_beyond_64_bits_is_a_400_on_every_database(api_as, advisor, value):
    r = api_as(advisor).get(f"/api/v1/communications/?vehicle={value}")
    assert r.status_code == 400 and "vehicle" in r.json(), r.json()

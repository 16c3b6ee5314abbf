"""GET /api/v1/customer-settlements/ and POST …/{id}/settle/: the cashier's money to pay
customers, scoped to the caller's shops (other shops' lines 404), by role (others 403)."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from complaints import services
from complaints.models import CustomerSettlement
from complaints.services import errors as service_errors
from servicedesk.accounts.models import Role
from servicedesk.errors import NOT_ALLOWED
from tests.complaints.factories import ComplaintFactory
from tests.factories import staff


def _approved_money(shop, *, advisor, manager, kind="discount", amount="200"):
    c = ComplaintFactory(shop=shop, user=advisor)
    remedy = services.remedy_propose(complaint_pk=c.pk, user=advisor, kind=kind, amount=amount)
    services.remedy_decide(pk=remedy.pk, user=manager, approve=True)
    return CustomerSettlement.objects.get(remedy=remedy)


@pytest.fixture
def line(shop, advisor, manager):
    return _approved_money(shop, advisor=advisor, manager=manager)


@pytest.fixture
def theirs(other_shop):
    advisor = staff("southadvisor", other_shop, Role.ADVISOR)
    manager = staff("southmanager", other_shop, Role.MANAGER, on_duty=True)
    return _approved_money(other_shop, advisor=advisor, manager=manager, kind="refund")


def test_the_cashier_lists_the_lines_of_their_shop_only(api_as, cashier, line, theirs):
    response = api_as(cashier).get("/api/v1/customer-settlements/")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [r["id"] for r in rows] == [line.pk]
    row = rows[0]
    assert row["kind"] == "discount"
    assert row["amount"] == "200.00"
    assert row["complaint_number"] == line.complaint.number
    assert row["settled_at"] is None
    assert row["allowed_actions"] == ["settle"]


def test_the_list_filters_what_is_still_to_pay(api_as, cashier, line, shop, advisor, manager):
    paid = _approved_money(shop, advisor=advisor, manager=manager, kind="compensation")
    services.customer_settlement_settle(pk=paid.pk, user=cashier)
    api = api_as(cashier)
    open_ids = [
        r["id"] for r in api.get("/api/v1/customer-settlements/?settled=false").json()["results"]
    ]
    paid_ids = [
        r["id"] for r in api.get("/api/v1/customer-settlements/?settled=true").json()["results"]
    ]
    assert (open_ids, paid_ids) == ([line.pk], [paid.pk])


@pytest.mark.parametrize("who", ["manager", "supervisor", "reporting"])
def test_other_money_roles_read_but_may_not_settle(api_as, request, line, who):
    user = request.getfixturevalue(who)
    rows = api_as(user).get("/api/v1/customer-settlements/").json()["results"]
    assert [(r["id"], r["allowed_actions"]) for r in rows] == [(line.pk, [])]


@pytest.mark.parametrize("who", ["advisor", "technician", "quality"])
def test_roles_without_money_get_403_on_the_list(api_as, request, line, who):
    response = api_as(request.getfixturevalue(who)).get("/api/v1/customer-settlements/")
    assert response.status_code == 403


def test_the_cashier_settles_it(api_as, cashier, line):
    response = api_as(cashier).post(
        f"/api/v1/customer-settlements/{line.pk}/settle/", {"reference": "POS-9"}, format="json"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["settled_by"] == cashier.pk
    assert body["settlement_reference"] == "POS-9"
    assert body["allowed_actions"] == []


def test_a_second_settle_answers_409_and_changes_nothing(api_as, cashier, line):
    api = api_as(cashier)
    url = f"/api/v1/customer-settlements/{line.pk}/settle/"
    assert api.post(url, {"reference": "POS-1"}, format="json").status_code == 200
    line.refresh_from_db()
    first = (line.settled_at, line.settlement_reference)
    response = api.post(url, {"reference": "POS-2"}, format="json")
    assert response.status_code == 409
    assert response.json()["detail"] == str(service_errors.ALREADY_SETTLED)
    line.refresh_from_db()
    assert (line.settled_at, line.settlement_reference) == first


@pytest.mark.parametrize("who", ["advisor", "manager", "reporting"])
def test_other_roles_may_not_settle(api_as, request, line, who):
    response = api_as(request.getfixturevalue(who)).post(
        f"/api/v1/customer-settlements/{line.pk}/settle/", {}, format="json"
    )
    # Refused by the role table before the body is read (servicedesk.accounts.permissions).
    assert response.status_code == 403
    assert response.json()["detail"] == str(NOT_ALLOWED)
    line.refresh_from_db()
    assert line.settled_at is None


def test_another_shops_line_is_not_found(api_as, cashier, theirs):
    response = api_as(cashier).post(
        f"/api/v1/customer-settlements/{theirs.pk}/settle/", {}, format="json"
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.settled_at is None


def test_a_too_long_reference_is_a_field_error(api_as, cashier, line):
    response = api_as(cashier).post(
        f"/api/v1/customer-settlements/{line.pk}/settle/", {"reference": "x" * 81}, format="json"
    )
    assert response.status_code == 400
    assert "reference" in response.json()


def test_the_schema_documents_both_calls(db):
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    assert "get" in paths["/api/v1/customer-settlements/"]
    settle = paths["/api/v1/customer-settlements/{id}/settle/"]["post"]
    assert {"200", "403", "404", "409"} <= set(settle["responses"])


def test_an_invoice_client_finds_the_money_of_a_work_order(
    api_as, cashier, shop, advisor, manager, line
):
    from tests.vehicles import factories as vf

    order, _invoice = vf.delivered(shop, advisor)
    c = ComplaintFactory(shop=shop, user=advisor, work_order=order)
    remedy = services.remedy_propose(complaint_pk=c.pk, user=advisor, kind="refund", amount="40")
    services.remedy_decide(pk=remedy.pk, user=manager, approve=True)
    rows = (
        api_as(cashier)
        .get(f"/api/v1/customer-settlements/?work_order={order.pk}")
        .json()["results"]
    )
    assert [(r["remedy"], r["work_order_number"]) for r in rows] == [(remedy.pk, order.number)]

"""No leak through the API's filters (issue 13.3): every list endpoint's filters offer only
the caller's records, and a filter on another shop's record answers as one on a missing record.
"""

import django_filters
import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.test import APIClient

from servicedesk.accounts.models import Role
from servicedesk.filters import IdFilter
from tests.reliability import scenario

MISSING = 987654321
# Which record of the scenario an id filter names, by the field it filters on.
RECORD_FOR = {
    "shop_id": "shop",
    "customer_id": "customer",
    "owner_id": "customer",
    "vehicle_id": "vehicle",
    "work_order_id": "wo_open",
    "supplier_id": "supplier",
    "interaction_id": "interaction",
    "advisor_id": "@advisor",
    "received_by_id": "@advisor",
    "raised_by_id": "@advisor",
    "assigned_to_id": "@manager",
    "complaint_id": "complaint_agreed",
    "complaint__work_order_id": "wo_open",
}
LISTING = (django_filters.ModelChoiceFilter, django_filters.ModelMultipleChoiceFilter)


def _api_views(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _api_views(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            route = (prefix + str(entry.pattern)).replace("^", "").replace("$", "")
            if "(?P" in route:  # a router's format-suffix twin of a route
                continue
            cls = getattr(entry.callback, "cls", None)
            actions = getattr(entry.callback, "actions", None) or {}
            is_list = actions.get("get") == "list" or (
                not actions and hasattr(cls, "list") and "<" not in route
            )
            if route.startswith("api/v1/") and cls is not None and is_list:
                yield "/" + route, cls


def _filterset(cls):
    view = cls()
    view.swagger_fake_view = True
    view.action = "list"
    view.request = None
    view.kwargs = {}
    return DjangoFilterBackend().get_filterset_class(view, view.get_queryset())


LISTS = sorted({(route, cls) for route, cls in _api_views()}, key=lambda x: x[0])


def test_the_lists_are_found():
    routes = [route for route, _cls in LISTS]
    assert "/api/v1/complaints/" in routes and "/api/v1/supplier-deductions/" in routes


@pytest.mark.parametrize(("route", "cls"), LISTS, ids=[r for r, _c in LISTS])
def test_no_filter_lists_records_of_every_shop(route, cls, db):
    filterset = _filterset(cls)
    if filterset is None:
        return
    listing = [name for name, f in filterset.base_filters.items() if isinstance(f, LISTING)]
    assert not listing, f"{route}: filter by id (servicedesk.filters.id_filter): {listing}"


@pytest.fixture
def worlds(shop, other_shop):
    mine = scenario.people(shop, "n")
    theirs = scenario.people(other_shop, "s")
    ids = scenario.build(other_shop, theirs)
    ids["@advisor"] = theirs[Role.ADVISOR].pk
    ids["@manager"] = theirs[Role.MANAGER].pk
    return mine, ids


def test_a_filter_on_another_shops_record_answers_like_a_missing_one(worlds):
    mine, theirs = worlds
    client = APIClient()
    client.force_authenticate(mine[Role.MANAGER])
    tried, wrong = 0, []
    for route, cls in LISTS:
        filterset = _filterset(cls)
        for name, f in filterset.base_filters.items() if filterset else []:
            if not isinstance(f, IdFilter):
                continue
            assert f.field_name in RECORD_FOR, f"{route}?{name}: which record does it name?"
            other = client.get(route, {name: theirs[RECORD_FOR[f.field_name]]})
            missing = client.get(route, {name: MISSING})
            tried += 1
            if (other.status_code, missing.status_code) != (200, 200):
                wrong.append(f"{route}?{name}: {other.status_code} vs {missing.status_code}")
            elif other.json()["results"] or missing.json()["results"]:
                wrong.append(f"{route}?{name}: shows records")
    assert tried >= 10 and not wrong, wrong


@pytest.mark.parametrize("route", ["/api/v1/complaints/", "/api/v1/supplier-deductions/"])
def test_the_browsable_filter_form_names_no_other_shop(client, worlds, shop, other_shop, route):
    mine, theirs = worlds
    from vehicles.models import Supplier

    client.force_login(mine[Role.CASHIER])
    page = client.get(route, HTTP_ACCEPT="text/html").content.decode()
    assert "Filters" in page  # the browsable API's filter form is there
    assert other_shop.name not in page
    assert Supplier.objects.get(pk=theirs["supplier"]).name not in page

"""Adding a supplier: one name is one supplier, whatever its case, checked by the service and
held by the database when two counters add it at once (issue 13.6)."""

import pytest
from django.db import IntegrityError, transaction
from django.db.models import Value

from servicedesk.errors import ALREADY_ON_FILE
from vehicles.models import Supplier
from vehicles.services import suppliers
from vehicles.services.errors import DUPLICATE_SUPPLIER


def _add(client, shop, name):
    return client.post(f"/api/v1/suppliers/?shop={shop.pk}", {"name": name}, format="json")


def test_it_adds_a_supplier(api_as, advisor, shop):
    r = _add(api_as(advisor), shop, "  Race Supplier ")
    assert r.status_code == 201 and r.json()["name"] == "Race Supplier"
    assert Supplier.objects.get(shop=shop).name == "Race Supplier"


def test_the_same_name_in_another_case_is_refused(api_as, advisor, shop):
    client = api_as(advisor)
    assert _add(client, shop, "Race Supplier").status_code == 201
    r = _add(client, shop, "RACE SUPPLIER")
    assert r.status_code == 400 and r.json() == {"name": [str(DUPLICATE_SUPPLIER)]}


def test_another_shop_may_have_a_supplier_of_that_name(api_as, advisor, outsider, shop, other_shop):
    assert _add(api_as(advisor), shop, "Race Supplier").status_code == 201
    assert _add(api_as(outsider), other_shop, "race supplier").status_code == 201


def test_the_database_holds_one_name_whatever_its_case(shop):
    Supplier.objects.create(shop=shop, name="Race Supplier")
    with pytest.raises(IntegrityError), transaction.atomic():
        Supplier.objects.create(shop=shop, name="RACE SUPPLIER")


def test_the_loser_of_a_race_gets_a_409_not_a_500(api_as, advisor, shop, monkeypatch):
    """Two counters both pass the service's check before either inserts: here the check sees
    nothing, as the second of a race does, and the constraint answers."""
    assert _add(api_as(advisor), shop, "Race Supplier").status_code == 201
    monkeypatch.setattr(suppliers, "supplier_name_key", lambda name: Value("\x01not yet"))
    r = _add(api_as(advisor), shop, "RACE SUPPLIER")
    assert r.status_code == 409
    assert r.json() == {"detail": str(ALREADY_ON_FILE), "code": "duplicate"}
    assert Supplier.objects.filter(shop=shop).count() == 1

import pytest

from servicedesk.errors import Conflict
from tests.vehicles.factories import CustomerFactory
from vehicles import services
from vehicles.services.errors import SAME_OWNER


def test_it_closes_the_old_ownership_and_opens_a_new_one(shop, advisor, lavida, zhou):
    buyer = CustomerFactory(shop=shop, name="Ms Wang")
    services.vehicle_change_owner(pk=lavida.pk, new_owner_pk=buyer.pk, user=advisor)
    lavida.refresh_from_db()
    assert lavida.owner == buyer
    old, new = lavida.ownerships.order_by("started_at", "pk")
    assert old.customer == zhou and old.ended_at and new.customer == buyer and not new.ended_at


def test_it_refuses_the_same_owner(lavida, advisor, zhou):
    with pytest.raises(Conflict) as refused:
        services.vehicle_change_owner(pk=lavida.pk, new_owner_pk=zhou.pk, user=advisor)
    assert refused.value.message == SAME_OWNER

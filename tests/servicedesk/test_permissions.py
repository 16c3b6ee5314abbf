"""The one permission shape every app's permissions.py is made of."""

from importlib import import_module

import pytest

from servicedesk.accounts.models import Role
from servicedesk.errors import NOT_FOUND, Forbidden, NotFound
from servicedesk.permissions import Table

REFUSAL = "Only a manager does this."
TABLE = Table(
    {"desk": ("advisor", "manager"), "approve": ("manager",)}, refusals={"approve": REFUSAL}
)


def test_require_answers_the_role(advisor, shop):
    assert TABLE.require(advisor, shop_id=shop.pk, action="desk") == "advisor"


def test_a_member_whose_role_may_not_reads_the_actions_refusal(advisor, shop):
    with pytest.raises(Forbidden) as refused:
        TABLE.require(advisor, shop_id=shop.pk, action="approve")
    assert refused.value.message == REFUSAL


def test_without_a_refusal_of_its_own_the_general_one(cashier, shop):
    with pytest.raises(Forbidden) as refused:
        TABLE.require(cashier, shop_id=shop.pk, action="desk")
    assert refused.value.message == Forbidden().message


def test_a_non_member_is_told_nothing_is_there(outsider, shop):
    with pytest.raises(NotFound) as refused:
        TABLE.require(outsider, shop_id=shop.pk, action="approve")
    assert refused.value.message == NOT_FOUND
    assert not TABLE.may(outsider, shop_id=shop.pk, action="desk")


def test_the_system_may_do_anything(shop):
    assert TABLE.require(None, shop_id=shop.pk, action="approve") is None


def test_may_and_shops_read_the_same_rows(advisor, manager, shop, other_shop):
    assert TABLE.may(advisor, shop_id=shop.pk, action="desk")
    assert not TABLE.may(advisor, shop_id=shop.pk, action="approve")
    assert TABLE.shops(manager, "approve") == [shop]
    assert TABLE.shops(advisor, "approve") == []
    assert TABLE.may(advisor, shop_id=other_shop.pk, action="desk") is False


@pytest.mark.parametrize(
    "app",
    [
        "servicedesk.accounts",
        "servicedesk.outbox",
        "reports",
        "vehicles",
        "interactions",
        "complaints",
    ],
)
def test_every_app_says_who_may_in_one_shape(app):
    module = import_module(f"{app}.permissions")
    assert callable(module.require) and callable(module.may)
    for action, roles in module.ROLES_FOR.items():
        assert roles and set(roles) <= set(Role.values), action

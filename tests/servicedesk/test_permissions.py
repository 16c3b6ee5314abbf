"""The one permission shape every app's permissions.py is made of."""

from importlib import import_module

import pytest

from servicedesk.accounts.models import GroupMembership, GroupRole, Membership, Role, ShopGroup
from servicedesk.accounts.selectors import forget_memberships
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
        assert roles and set(roles) <= set(Role.values) | set(GroupRole.values), action


GROUP_TABLE = Table({"read": ("manager", GroupRole.GROUP_QUALITY), "refresh": ("manager",)})


def test_a_group_role_holds_in_every_shop_of_the_group_for_the_tables_naming_it(
    shop, other_shop, manager
):
    user = manager.__class__.objects.create(username="group-reader")
    group = ShopGroup.objects.create(name="Dealer", code="dealer")
    group.shops.add(other_shop)
    GroupMembership.objects.create(user=user, group=group, role=GroupRole.GROUP_QUALITY)
    assert GROUP_TABLE.require(user, shop_id=other_shop.pk, action="read") == "group_quality"
    assert GROUP_TABLE.may(user, shop_id=other_shop.pk, action="read")
    assert GROUP_TABLE.shops(user, "read") == [other_shop]
    with pytest.raises(Forbidden):  # the shop is known to them, the action is not theirs
        GROUP_TABLE.require(user, shop_id=other_shop.pk, action="refresh")
    with pytest.raises(NotFound):  # a shop outside the group
        GROUP_TABLE.require(user, shop_id=shop.pk, action="read")
    with pytest.raises(NotFound):  # a table naming no group role: a stranger to the shop
        TABLE.require(user, shop_id=other_shop.pk, action="desk")
    assert TABLE.shops(user, "desk") == []


def test_asked_again_it_answers_alike_with_a_fresh_refusal(advisor, shop):
    """The answers are kept for the request (a list asks them for every row): a refusal read
    back is raised anew, never the one an earlier caller caught."""
    refusals = []
    for _ in range(2):
        with pytest.raises(Forbidden) as refused:
            TABLE.require(advisor, shop_id=shop.pk, action="approve")
        refusals.append(refused.value)
    assert refusals[0] is not refusals[1]
    assert [r.message for r in refusals] == [REFUSAL, REFUSAL]
    assert TABLE.require(advisor, shop_id=shop.pk, action="desk") == "advisor"


def test_a_role_changed_and_read_again_is_answered_anew(advisor, shop):
    with pytest.raises(Forbidden):
        TABLE.require(advisor, shop_id=shop.pk, action="approve")
    Membership.objects.filter(user=advisor, shop=shop).update(role=Role.MANAGER)
    forget_memberships(advisor)
    assert TABLE.require(advisor, shop_id=shop.pk, action="approve") == Role.MANAGER
    Membership.objects.filter(user=advisor, shop=shop).update(role=Role.ADVISOR)
    delattr(advisor, "_servicedesk_memberships")  # as a test helper drops them
    with pytest.raises(Forbidden):
        TABLE.require(advisor, shop_id=shop.pk, action="approve")

from decimal import Decimal

import pytest

from servicedesk.accounts import permissions
from servicedesk.accounts.models import AuthorityLimit, Membership
from servicedesk.accounts.selectors import authority_limit, on_duty_approvers, require_role
from servicedesk.accounts.services import membership_set_on_duty
from servicedesk.errors import NOT_ALLOWED, NOT_FOUND, Forbidden, NotFound


def test_require_role_answers_the_role(manager, shop):
    assert require_role(manager, shop_id=shop.pk, roles=("manager",)) == "manager"


def test_require_role_forbids_another_role(advisor, shop):
    with pytest.raises(Forbidden) as refused:
        require_role(advisor, shop_id=shop.pk, roles=("manager",))
    assert refused.value.message == NOT_ALLOWED


def test_require_role_hides_a_shop_the_user_is_not_in(outsider, shop):
    with pytest.raises(NotFound) as refused:
        require_role(outsider, shop_id=shop.pk, roles=("advisor",))
    assert refused.value.message == NOT_FOUND


@pytest.mark.parametrize(
    ("role", "limit"),
    [
        ("advisor", Decimal("200")),
        ("supervisor", Decimal("2000")),
        ("manager", None),
        ("cashier", Decimal("0")),
    ],
)
def test_default_authority_limits(shop, role, limit):
    assert authority_limit(shop_id=shop.pk, role=role) == limit


def test_a_shop_sets_its_own_limit(shop, other_shop):
    AuthorityLimit.objects.create(shop=shop, role="advisor", amount=500)
    assert authority_limit(shop_id=shop.pk, role="advisor") == Decimal("500")
    assert authority_limit(shop_id=other_shop.pk, role="advisor") == Decimal("200")


def test_on_duty_approvers_are_managers_first(shop, manager, supervisor):
    assert [m.user for m in on_duty_approvers(shop_id=shop.pk)] == [manager]


def test_the_duty_supervisor_approves_when_no_manager_is_on_duty(shop, manager, supervisor):
    membership_set_on_duty(user=manager, shop_id=shop.pk, on_duty=False)
    assert [m.user for m in on_duty_approvers(shop_id=shop.pk)] == [supervisor]


def test_an_advisor_cannot_go_on_duty(advisor, shop):
    with pytest.raises(Forbidden) as refused:
        membership_set_on_duty(user=advisor, shop_id=shop.pk, on_duty=True)
    assert refused.value.message == NOT_ALLOWED
    assert not Membership.objects.get(user=advisor).on_duty


def test_the_table_knows_who_goes_on_duty(advisor, manager, shop):
    assert permissions.may(manager, shop_id=shop.pk, action="go_on_duty")
    assert not permissions.may(advisor, shop_id=shop.pk, action="go_on_duty")

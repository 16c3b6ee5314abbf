import pytest

from servicedesk.accounts.models import AuthorityLimit
from servicedesk.accounts.selectors import get_for_user, scope_to_user
from servicedesk.errors import NOT_ALLOWED, NOT_FOUND, Forbidden, NotFound


@pytest.fixture
def north_limit(shop):
    return AuthorityLimit.objects.create(shop=shop, role="advisor", amount=150)


@pytest.fixture
def south_limit(other_shop):
    return AuthorityLimit.objects.create(shop=other_shop, role="advisor", amount=300)


def test_it_keeps_only_the_records_of_the_users_shops(advisor, north_limit, south_limit):
    scoped = scope_to_user(AuthorityLimit.objects.all(), user=advisor)
    assert list(scoped) == [north_limit]


def test_it_returns_a_record_of_the_users_shop(advisor, north_limit):
    assert (
        get_for_user(AuthorityLimit.objects.all(), user=advisor, pk=north_limit.pk) == north_limit
    )


def test_it_hides_another_shops_record_as_not_found(outsider, north_limit):
    with pytest.raises(NotFound) as refused:
        get_for_user(AuthorityLimit.objects.all(), user=outsider, pk=north_limit.pk)
    assert refused.value.message == NOT_FOUND


def test_missing_and_not_yours_answer_alike(outsider, north_limit):
    with pytest.raises(NotFound) as missing:
        get_for_user(AuthorityLimit.objects.all(), user=outsider, pk=999_999)
    with pytest.raises(NotFound) as not_yours:
        get_for_user(AuthorityLimit.objects.all(), user=outsider, pk=north_limit.pk)
    assert str(missing.value) == str(not_yours.value)


def test_a_garbage_key_is_not_found(advisor):
    with pytest.raises(NotFound) as refused:
        get_for_user(AuthorityLimit.objects.all(), user=advisor, pk="abc")
    assert refused.value.message == NOT_FOUND


def test_a_member_without_the_role_is_forbidden(advisor, north_limit):
    with pytest.raises(Forbidden) as refused:
        get_for_user(
            AuthorityLimit.objects.all(), user=advisor, pk=north_limit.pk, roles=("manager",)
        )
    assert refused.value.message == NOT_ALLOWED


def test_an_anonymous_user_sees_nothing(north_limit, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert not scope_to_user(AuthorityLimit.objects.all(), user=AnonymousUser()).exists()


def test_a_user_of_two_shops_sees_both(advisor, other_shop, north_limit, south_limit):
    from tests.factories import MembershipFactory

    MembershipFactory(user=advisor, shop=other_shop, role="manager")
    scoped = scope_to_user(AuthorityLimit.objects.order_by("amount"), user=advisor)
    assert list(scoped) == [north_limit, south_limit]

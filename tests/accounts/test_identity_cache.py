"""Who a user is in the shops comes from the cache between requests (IDENTITY_CACHE_SECONDS,
production's default with Redis), and every change to it is seen on the next request: a
membership added, removed or changed, a group's member or shops, a shop, the user's language."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from servicedesk.accounts import identity
from servicedesk.accounts.models import (
    GroupMembership,
    GroupRole,
    Membership,
    Role,
    ShopGroup,
)
from tests.complaints.factories import ComplaintFactory
from tests.factories import ShopFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cached(settings):
    settings.IDENTITY_CACHE_SECONDS = 300


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """A change made as its own committed transaction (the test's transaction never commits:
    its on-commit hooks run here)."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            return change()

    return run


@pytest.fixture
def api_as():
    """A client logged in by session, as the browser is: each request loads the user again
    (force_authenticate would hand the same user object, its reads kept, to every request)."""

    def login(user):
        client = APIClient()
        client.force_login(user)
        return client

    return login


def _me(client) -> dict:
    response = client.get("/api/v1/me/")
    assert response.status_code == 200
    return response.json()


def _queries(client, url="/api/v1/me/") -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_second_request_reads_no_membership(api_as, advisor, settings):
    client = api_as(advisor)
    first = _queries(client)
    second = _queries(client)
    assert first - second == 3  # memberships, groups and the language came from the cache
    settings.IDENTITY_CACHE_SECONDS = 0
    assert _queries(client) == first


def test_a_membership_removed_is_gone_on_the_next_request(api_as, advisor, shop, committed):
    complaint = ComplaintFactory(shop=shop)
    client = api_as(advisor)
    assert client.get(f"/api/v1/complaints/{complaint.pk}/").status_code == 200
    assert [m["shop_code"] for m in _me(client)["memberships"]] == [shop.code]

    committed(lambda: Membership.objects.filter(user=advisor).delete())

    assert _me(client)["memberships"] == []
    assert client.get(f"/api/v1/complaints/{complaint.pk}/").status_code == 404


def test_a_role_changed_or_a_shop_added_is_seen(api_as, advisor, shop, committed):
    client = api_as(advisor)
    _me(client)
    membership = Membership.objects.get(user=advisor)
    membership.role = Role.MANAGER

    committed(membership.save)
    assert [m["role"] for m in _me(client)["memberships"]] == [Role.MANAGER]

    east = ShopFactory(name="East", code="east")
    committed(lambda: Membership.objects.create(user=advisor, shop=east, role=Role.ADVISOR))
    assert {m["shop_code"] for m in _me(client)["memberships"]} == {shop.code, "east"}

    shop.name = "North Renamed"
    committed(lambda: shop.save(update_fields=["name"]))
    names = {m["shop_name"] for m in _me(client)["memberships"]}
    assert "North Renamed" in names


def test_a_groups_members_and_shops_are_seen(api_as, shop, committed):
    reader = UserFactory(username="reader")
    client = api_as(reader)
    assert _me(client)["groups"] == []

    group = committed(lambda: ShopGroup.objects.create(name="Dealer", code="dealer"))
    committed(
        lambda: GroupMembership.objects.create(
            user=reader, group=group, role=GroupRole.GROUP_MANAGER
        )
    )
    assert [g["code"] for g in _me(client)["groups"]] == ["dealer"]
    assert client.get(f"/api/v1/reports/group/{group.pk}/").status_code == 200
    assert client.get(f"/reports/quality/?shop={shop.pk}").status_code in (302, 404)

    committed(lambda: group.shops.add(shop))
    assert [s["code"] for s in _me(client)["groups"][0]["shops"]] == [shop.code]

    committed(lambda: GroupMembership.objects.filter(user=reader).delete())
    assert _me(client)["groups"] == []
    assert client.get(f"/api/v1/reports/group/{group.pk}/").status_code == 404


def test_the_language_chosen_is_seen_at_once(api_as, advisor, committed):
    client = api_as(advisor)
    assert _me(client)["language"] == ""

    response = committed(
        lambda: client.patch("/api/v1/me/", {"language": "zh-hans"}, format="json")
    )
    assert response.json()["language"] == "zh-hans"  # the answer reads the change made
    assert _me(client)["language"] == "zh-hans"  # and so does the next request


def test_an_entry_of_another_generation_or_person_is_not_used(api_as, advisor, shop):
    client = api_as(advisor)
    _me(client)
    # An entry made under another generation (a change committed meanwhile) is read again.
    cache.set(identity.GENERATION_KEY, "another")
    assert _queries(client) > _queries(client)
    # Someone else who got the same id (a database loaded again) has another key.
    stranger = UserFactory.build(pk=advisor.pk, date_joined=advisor.date_joined.replace(year=2001))
    assert identity._key(stranger) != identity._key(advisor)


def test_a_change_rolled_back_changes_nothing(api_as, advisor, shop):
    client = api_as(advisor)
    _me(client)
    generation = cache.get(identity.GENERATION_KEY)
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        Membership.objects.filter(user=advisor).delete()
        raise RuntimeError
    assert cache.get(identity.GENERATION_KEY) == generation
    assert [m["shop_code"] for m in _me(client)["memberships"]] == [shop.code]

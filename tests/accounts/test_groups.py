"""A user's groups of shops: GET /api/v1/me/ lists them beside the memberships, in queries that
do not grow with the groups or their shops; the admin keeps both models."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from servicedesk.accounts.models import GroupMembership, GroupRole, ShopGroup
from tests.factories import ShopFactory, UserFactory

pytestmark = pytest.mark.django_db


def _groups(user, count: int, shops_each: int) -> list[ShopGroup]:
    made = []
    for n in range(count):
        group = ShopGroup.objects.create(name=f"Group {user.pk}-{n}", code=f"g{user.pk}-{n}")
        group.shops.set(
            [
                ShopFactory(name=f"S{user.pk}-{n}-{i}", code=f"s{user.pk}-{n}-{i}")
                for i in range(shops_each)
            ]
        )
        GroupMembership.objects.create(user=user, group=group, role=GroupRole.GROUP_QUALITY)
        made.append(group)
    return made


def test_me_lists_the_groups_beside_the_memberships(api_as, manager, shop):
    group = ShopGroup.objects.create(name="Dealer", code="dealer")
    group.shops.set([shop])
    GroupMembership.objects.create(user=manager, group=group, role=GroupRole.GROUP_MANAGER)
    data = api_as(manager).get("/api/v1/me/").json()
    assert [m["shop_id"] for m in data["memberships"]] == [shop.pk]
    assert data["groups"] == [
        {
            "id": group.pk,
            "name": "Dealer",
            "code": "dealer",
            "role": "group_manager",
            "shops": [{"id": shop.pk, "code": shop.code, "name": shop.name}],
        }
    ]


def test_me_without_groups_has_an_empty_list(api_as, advisor):
    assert api_as(advisor).get("/api/v1/me/").json()["groups"] == []


def _queries(api, user) -> int:
    api.force_authenticate(user=user)
    with CaptureQueriesContext(connection) as queries:
        assert api.get("/api/v1/me/").status_code == 200
    return len(queries)


def test_me_costs_the_same_queries_whatever_the_groups(api):
    small, large = UserFactory(username="few-groups"), UserFactory(username="many-groups")
    _groups(small, 1, 1)
    _groups(large, 4, 3)
    assert _queries(api, small) == _queries(api, large) <= 5


def test_the_schema_names_the_groups(api, advisor):
    api.force_authenticate(user=advisor)
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    me = schema["components"]["schemas"]["Me"]
    assert "groups" in me["properties"] and "groups" in me["required"]
    assert "/api/v1/reports/group/{group_id}/" in schema["paths"]


def test_the_admin_lists_groups_and_their_members(client, db):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    ShopGroup.objects.create(name="Dealer", code="dealer")
    assert client.get("/admin/accounts/shopgroup/").status_code == 200
    assert client.get("/admin/accounts/groupmembership/").status_code == 200
    assert client.get("/admin/accounts/shopgroup/add/").status_code == 200

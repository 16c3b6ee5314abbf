import pytest

from tests.vehicles.factories import CustomerFactory


def test_it_creates_a_customer(api_as, advisor, shop):
    res = api_as(advisor).post(
        "/api/v1/customers/", {"name": "Ms Lin", "phone": "13911112222"}, format="json"
    )
    assert res.status_code == 201, res.json()
    assert res.json()["visits"] == 0


def test_a_duplicate_phone_answers_400_with_the_existing_customer(api_as, advisor, zhou):
    res = api_as(advisor).post(
        "/api/v1/customers/", {"name": "X", "phone": "13800138000"}, format="json"
    )
    assert res.status_code == 400
    assert res.json()["existing_customer"] == zhou.pk and "phone" in res.json()


def test_it_searches_by_phone_and_hides_other_shops(api_as, advisor, outsider, other_shop, zhou):
    CustomerFactory(shop=other_shop, name="Elsewhere")
    res = api_as(advisor).get("/api/v1/customers/", {"q": "0013"})
    assert [c["name"] for c in res.json()["results"]] == ["周先生"]


def test_another_shops_customer_is_not_found(api_as, outsider, zhou):
    client = api_as(outsider)
    assert client.get(f"/api/v1/customers/{zhou.pk}/").status_code == 404
    assert (
        client.patch(f"/api/v1/customers/{zhou.pk}/", {"notes": "x"}, format="json").status_code
        == 404
    )


@pytest.mark.parametrize("rows", [5, 50])
def test_the_list_costs_the_same_queries_at_any_size(
    api_as, advisor, shop, rows, django_assert_max_num_queries
):
    for _ in range(rows):
        CustomerFactory(shop=shop)
    client = api_as(advisor)
    with django_assert_max_num_queries(5):
        assert client.get("/api/v1/customers/?page_size=100").status_code == 200

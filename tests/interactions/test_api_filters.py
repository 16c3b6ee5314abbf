"""List filters by a related record take its id: they never list every shop's records."""

from tests.vehicles.factories import CustomerFactory


def test_the_browsable_api_lists_no_other_shops_customers(browser_as, advisor, other_shop):
    CustomerFactory(shop=other_shop, name="Their Customer")
    for url in ("/api/v1/communications/", "/api/v1/interactions/", "/api/v1/escalations/"):
        response = browser_as(advisor).get(url, {"format": "api"}, HTTP_ACCEPT="text/html")
        assert response.status_code == 200, url
        assert "Their Customer" not in response.content.decode(), url


def test_an_id_of_another_shop_matches_nothing(api_as, advisor, other_shop):
    theirs = CustomerFactory(shop=other_shop)
    for url in ("/api/v1/communications/", "/api/v1/interactions/"):
        response = api_as(advisor).get(url, {"customer": theirs.pk})
        assert response.status_code == 200, url
        assert response.json()["count"] == 0

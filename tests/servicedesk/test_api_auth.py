import pytest

from servicedesk.accounts.models import ApiToken
from servicedesk.accounts.services import api_token_create
from servicedesk.accounts.tokens import digest

pytestmark = pytest.mark.smoke


def test_a_client_gets_a_token_for_a_username_and_password(api, reporting):
    response = api.post(
        "/api/v1/auth/token/", {"username": "reporting", "password": "pw"}, format="json"
    )
    assert response.status_code == 200
    key = response.json()["token"]
    assert ApiToken.objects.get(user=reporting).digest == digest(key)


def test_a_wrong_password_gets_400_and_no_token(api, reporting):
    response = api.post(
        "/api/v1/auth/token/", {"username": "reporting", "password": "x"}, format="json"
    )
    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    assert not ApiToken.objects.exists()


def test_the_token_endpoint_wants_json(api, reporting):
    response = api.post(
        "/api/v1/auth/token/",
        "username=reporting&password=pw",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 415


def test_me_answers_with_the_token(api, reporting, shop):
    _token, key = api_token_create(user=reporting)
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    body = api.get("/api/v1/me/").json()
    assert body["username"] == "reporting"
    assert body["memberships"] == [
        {
            "shop_id": shop.pk,
            "shop_code": "north",
            "shop_name": "North",
            "role": "reporting",
            "on_duty": False,
        }
    ]


def test_me_without_credentials_is_401(api, db):
    assert api.get("/api/v1/me/").status_code == 401


def test_a_bad_token_is_401(api, db):
    api.credentials(HTTP_AUTHORIZATION="Token nope")
    assert api.get("/api/v1/me/").status_code == 401


def test_the_browser_session_works_for_the_api(browser_as, advisor):
    client = browser_as(advisor)
    assert client.get("/api/v1/me/").json()["username"] == "advisor"


def test_the_openapi_schema_and_docs_render(browser_as, advisor):
    client = browser_as(advisor)
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/me/" in schema.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content
    assert b"cdn." not in docs.content and b"unpkg" not in docs.content

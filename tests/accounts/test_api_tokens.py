"""API tokens: listed and revoked by their owner and an administrator, expiring after
API_TOKEN_TTL_DAYS, all ended by a password change; on the account page and the API."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.forms import SetPasswordForm
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from servicedesk.accounts.models import ApiToken
from servicedesk.accounts.services import api_token_create
from servicedesk.accounts.tokens import TOKEN_EXPIRED, digest
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _client_with(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


def test_each_login_issues_its_own_token_and_only_its_digest_is_kept(api, reporting):
    keys = [
        api.post(
            "/api/v1/auth/token/",
            {"username": "reporting", "password": "pw", "name": name},
            format="json",
        ).json()["token"]
        for name in ("Power BI", "nightly export")
    ]
    assert keys[0] != keys[1]
    tokens = ApiToken.objects.filter(user=reporting).order_by("pk")
    assert [t.name for t in tokens] == ["Power BI", "nightly export"]
    assert [t.digest for t in tokens] == [digest(k) for k in keys]
    assert not ApiToken.objects.filter(digest__in=keys).exists()  # no key stored as such
    for key in keys:
        assert _client_with(key).get("/api/v1/me/").status_code == 200


def test_the_owner_lists_their_tokens_and_sees_which_one_they_use(reporting, manager):
    first, first_key = api_token_create(user=reporting, name="Power BI")
    second, _key = api_token_create(user=reporting, name="export")
    api_token_create(user=manager, name="the manager's")
    body = _client_with(first_key).get("/api/v1/auth/tokens/").json()
    assert body["count"] == 2
    listed = {row["id"]: row for row in body["results"]}
    assert set(listed) == {first.pk, second.pk}
    assert listed[first.pk]["current"] is True and listed[second.pk]["current"] is False
    assert listed[first.pk]["prefix"] == first_key[:8]
    assert "token" not in listed[first.pk] and "digest" not in listed[first.pk]
    assert listed[first.pk]["last_used_at"] is not None


def test_the_owner_revokes_a_token_and_it_opens_nothing_any_more(reporting):
    token, key = api_token_create(user=reporting)
    _other, other_key = api_token_create(user=reporting)
    client = _client_with(other_key)
    assert client.delete(f"/api/v1/auth/tokens/{token.pk}/").status_code == 204
    assert _client_with(key).get("/api/v1/me/").status_code == 401
    assert client.get("/api/v1/me/").status_code == 200


def test_nobody_else_sees_or_revokes_a_users_token(api_as, reporting, manager, outsider):
    token, key = api_token_create(user=reporting)
    for someone in (manager, outsider):
        api = api_as(someone)
        assert api.get("/api/v1/auth/tokens/").json()["count"] == 0
        assert api.delete(f"/api/v1/auth/tokens/{token.pk}/").status_code == 404
    assert api_as(manager).delete("/api/v1/auth/tokens/999999/").status_code == 404
    assert _client_with(key).get("/api/v1/me/").status_code == 200


def test_an_administrator_lists_and_revokes_anyones_token(api_as, reporting, admin_user):
    token, key = api_token_create(user=reporting, name="Power BI")
    api = api_as(admin_user)
    rows = api.get("/api/v1/auth/tokens/").json()["results"]
    assert [(row["id"], row["username"]) for row in rows] == [(token.pk, "reporting")]
    assert api.delete(f"/api/v1/auth/tokens/{token.pk}/").status_code == 204
    assert _client_with(key).get("/api/v1/me/").status_code == 401


def test_a_token_expires_after_the_configured_days(settings, reporting):
    settings.API_TOKEN_TTL_DAYS = 30
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        token, key = api_token_create(user=reporting)
    assert token.expires_at == start + timedelta(days=30)
    with time_machine.travel(start + timedelta(days=29, hours=23), tick=False):
        assert _client_with(key).get("/api/v1/me/").status_code == 200
    with time_machine.travel(start + timedelta(days=30, seconds=1), tick=False):
        response = _client_with(key).get("/api/v1/me/")
        assert response.status_code == 401
        assert response.json()["detail"] == str(TOKEN_EXPIRED)
        # and it is no longer listed: it opens nothing
        assert (
            _client_with(api_token_create(user=reporting)[1])
            .get("/api/v1/auth/tokens/")
            .json()["count"]
            == 1
        )


def test_a_password_change_revokes_every_token_of_the_user(reporting, manager):
    _token, key = api_token_create(user=reporting)
    _other, managers_key = api_token_create(user=manager)
    form = SetPasswordForm(
        reporting, {"new_password1": "a new Passw0rd!", "new_password2": "a new Passw0rd!"}
    )
    assert form.is_valid(), form.errors
    form.save()
    assert _client_with(key).get("/api/v1/me/").status_code == 401
    assert not ApiToken.objects.filter(user=reporting).exists()
    assert _client_with(managers_key).get("/api/v1/me/").status_code == 200


def test_the_changepassword_command_revokes_them_too(reporting, monkeypatch):
    _token, key = api_token_create(user=reporting)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "a new Passw0rd!")
    call_command("changepassword", "reporting")
    assert _client_with(key).get("/api/v1/me/").status_code == 401


def test_a_log_in_that_rehashes_the_password_keeps_the_tokens(reporting, settings, api):
    """Django rewrites a password's hash at log-in when the hasher changed: not a new password."""
    _token, key = api_token_create(user=reporting)
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    old_hash = reporting.password
    assert (
        api.post(
            "/api/v1/auth/token/", {"username": "reporting", "password": "pw"}, format="json"
        ).status_code
        == 200
    )
    reporting.refresh_from_db()
    assert reporting.password != old_hash  # upgraded
    assert _client_with(key).get("/api/v1/me/").status_code == 200


def test_the_account_page_lists_and_revokes_the_users_tokens(browser_as, reporting, manager):
    token, key = api_token_create(user=reporting, name="Power BI")
    _managers, _key = api_token_create(user=manager, name="the manager's")
    client = browser_as(reporting)
    page = client.get("/account/")
    assert page.status_code == 200
    assert b"Power BI" in page.content and key[:8].encode() in page.content
    assert b"the manager" not in page.content
    response = client.post(f"/account/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert _client_with(key).get("/api/v1/me/").status_code == 401


def test_the_account_page_does_not_revoke_anothers_token(browser_as, reporting, manager):
    token, _key = api_token_create(user=manager)
    assert browser_as(reporting).post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_the_schema_declares_the_token_endpoints(api):
    schema = api.get("/api/schema/").content.decode()
    assert "/api/v1/auth/tokens/:" in schema
    assert "/api/v1/auth/tokens/{id}/:" in schema


def test_drf_tokens_are_carried_over_by_the_migration(django_db_blocker):
    """Keys issued before (DRF's table) keep working: the migration stores their digests."""
    import importlib

    from django.apps import apps
    from rest_framework.authtoken.models import Token

    migration = importlib.import_module("servicedesk.accounts.migrations.0003_api_tokens")
    user = UserFactory(username="old-client")
    old = Token.objects.create(user=user)
    migration.carry_over_drf_tokens(apps, None)
    assert not Token.objects.exists()
    assert _client_with(old.key).get("/api/v1/me/").status_code == 200

"""Behind the reverse proxy (TRUSTED_PROXY_HOPS, production: one), the lockout and the API's
throttles key on the person's address, not the proxy's that everyone shares; and a shop's
office behind one NAT logs in together without the anonymous rate stopping it."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from rest_framework.throttling import AnonRateThrottle

from servicedesk.accounts.models import Role
from servicedesk.security import LoginThrottle
from tests.factories import staff

pytestmark = pytest.mark.smoke

PROXY = "10.0.0.2"  # the reverse proxy: every request reaches the site from it
ONE_PERSON = "203.0.113.5"
COLLEAGUE = "203.0.113.9"


def _login(client, username, password, *, forwarded, remote=PROXY):
    return client.post(
        "/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=remote,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_HOPS = 1
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}


def test_five_bad_passwords_lock_out_the_person_not_the_shop(behind_one_proxy, client, advisor):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _login(client, "advisor", "wrong", forwarded=ONE_PERSON)
    assert response.status_code == 429
    assert AccessAttempt.objects.get().ip_address == ONE_PERSON
    # The same user at another counter, through the same proxy, still logs in.
    colleague = _login(client, "advisor", "pw", forwarded=COLLEAGUE)
    assert colleague.status_code == 302 and client.session["_auth_user_id"] == str(advisor.pk)


def test_a_forged_forwarded_header_does_not_escape_the_lockout(behind_one_proxy, client, advisor):
    # The client writes its own X-Forwarded-For; the proxy appends the address it really saw.
    for n in range(settings.AXES_FAILURE_LIMIT):
        response = _login(client, "advisor", "wrong", forwarded=f"198.51.100.{n}, {ONE_PERSON}")
    assert response.status_code == 429
    again = _login(client, "advisor", "pw", forwarded=f"198.51.100.99, {ONE_PERSON}")
    assert again.status_code == 429


def test_without_a_proxy_the_connection_address_counts(client, advisor):
    assert settings.TRUSTED_PROXY_HOPS == 0
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _login(client, "advisor", "wrong", forwarded=ONE_PERSON, remote="192.0.2.7")
    assert response.status_code == 429
    assert AccessAttempt.objects.get().ip_address == "192.0.2.7"


def test_an_office_behind_one_nat_logs_in_to_the_api_together(
    behind_one_proxy, api, shop, monkeypatch
):
    monkeypatch.setattr(AnonRateThrottle, "rate", "3/minute", raising=False)
    office = [staff(f"counter{n}", shop, Role.ADVISOR) for n in range(6)]
    for user in office:
        response = api.post(
            "/api/v1/auth/token/",
            {"username": user.username, "password": "pw"},
            format="json",
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="198.51.100.1",  # the shop's NAT
        )
        assert response.status_code == 200, (user.username, response.content)


def test_token_logins_are_slowed_per_username_and_address(behind_one_proxy, api, shop, monkeypatch):
    monkeypatch.setattr(LoginThrottle, "rate", "3/minute", raising=False)
    one, other = staff("counter1", shop, Role.ADVISOR), staff("counter2", shop, Role.ADVISOR)

    def token(user, address):
        return api.post(
            "/api/v1/auth/token/",
            {"username": user.username, "password": "pw"},
            format="json",
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=address,
        ).status_code

    assert [token(one, ONE_PERSON) for _ in range(4)] == [200, 200, 200, 429]
    assert token(other, ONE_PERSON) == 200  # a colleague at the same address
    assert token(one, COLLEAGUE) == 200  # the same name from elsewhere

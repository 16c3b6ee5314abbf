"""django-axes locks a username out of an address after repeated failed logins."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model

from servicedesk.accounts.models import SecurityEvent

pytestmark = pytest.mark.smoke


def _fail(client, username="advisor", times=None):
    response = None
    for _ in range(times or settings.AXES_FAILURE_LIMIT):
        response = client.post("/login/", {"username": username, "password": "wrong"})
    return response


def test_it_locks_out_after_the_failure_limit(client, advisor):
    response = _fail(client)
    assert response.status_code == 429
    assert b'id="locked-out"' in response.content
    assert b"Too many failed log-in attempts" in response.content
    # Even the right password is refused while locked.
    again = client.post("/login/", {"username": "advisor", "password": "pw"})
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_speaks_chinese(client, advisor):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    response = _fail(client)
    assert response.status_code == 429
    assert "账户已锁定" in response.content.decode()


def test_fewer_failures_do_not_lock(client, advisor):
    _fail(client, times=settings.AXES_FAILURE_LIMIT - 1)
    response = client.post("/login/", {"username": "advisor", "password": "pw"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(advisor.pk)


def test_the_lockout_is_logged_without_the_password(client, advisor, security_log):
    _fail(client)
    kinds = list(SecurityEvent.objects.values_list("kind", flat=True))
    assert kinds.count("login_failed") == settings.AXES_FAILURE_LIMIT - 1
    assert kinds.count("locked_out") == 1
    lock = SecurityEvent.objects.get(kind="locked_out")
    assert lock.username == "advisor" and lock.ip_address == "127.0.0.1"
    assert "locked_out" in security_log.text and "'advisor'" in security_log.text
    assert "wrong" not in security_log.text
    assert not SecurityEvent.objects.filter(detail__contains="wrong").exists()


def test_the_api_token_endpoint_is_locked_out_too(api, advisor):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = api.post(
            "/api/v1/auth/token/", {"username": "advisor", "password": "x"}, format="json"
        )
    assert response.status_code == 429
    assert response.json()["code"] == "locked_out"
    right = api.post(
        "/api/v1/auth/token/", {"username": "advisor", "password": "pw"}, format="json"
    )
    assert right.status_code == 429


def test_an_admin_sees_the_lock_and_removes_it(client, advisor):
    _fail(client)
    admin = get_user_model().objects.create_superuser("root", "root@example.invalid", "pw")
    client.force_login(admin)
    listing = client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200
    assert b"advisor" in listing.content
    events = client.get("/admin/accounts/securityevent/")
    assert events.status_code == 200
    assert b"Locked out after repeated failed log-ins" in events.content
    attempt = AccessAttempt.objects.get(username="advisor")
    removed = client.post(
        f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"}, follow=True
    )
    assert removed.status_code == 200
    assert not AccessAttempt.objects.exists()
    client.logout()
    response = client.post("/login/", {"username": "advisor", "password": "pw"})
    assert response.status_code == 302

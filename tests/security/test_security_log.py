"""Denied actions go to the security log: who, what, when (UTC); other-shop 404s too."""

import re

import pytest

from servicedesk.accounts.models import SecurityEvent
from tests.complaints.factories import ComplaintFactory


def test_a_failed_login_is_logged_with_who_and_when_in_utc(client, advisor, security_log):
    client.post("/login/", {"username": "advisor", "password": "s3cret-guess"})
    event = SecurityEvent.objects.get()
    assert event.kind == "login_failed"
    assert event.username == "advisor"
    assert event.path == "/login/" and event.method == "POST"
    assert re.search(
        r"login_failed at=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z user='advisor'", security_log.text
    )
    assert "s3cret-guess" not in security_log.text


def test_a_403_is_logged(api_as, technician, shop, advisor):
    c = ComplaintFactory(shop=shop, user=advisor)
    response = api_as(technician).post(
        f"/api/v1/complaints/{c.pk}/transition/", {"to": "investigating"}, format="json"
    )
    assert response.status_code == 403
    event = SecurityEvent.objects.get(kind="denied")
    assert event.user == technician
    assert event.path == f"/api/v1/complaints/{c.pk}/transition/"
    assert event.detail


def test_another_shops_record_is_logged_but_answers_like_a_missing_one(
    api_as, outsider, shop, advisor
):
    c = ComplaintFactory(shop=shop, user=advisor)
    theirs = api_as(outsider).get(f"/api/v1/complaints/{c.pk}/")
    missing = api_as(outsider).get("/api/v1/complaints/999999/")
    assert theirs.status_code == missing.status_code == 404
    assert theirs.json() == missing.json()
    event = SecurityEvent.objects.get(kind="other_shop")
    assert event.user == outsider
    assert event.detail == f"complaints.Complaint #{c.pk}"
    assert SecurityEvent.objects.count() == 1  # the missing one is no security event


def test_pages_log_other_shop_404s_too(browser_as, outsider, shop, advisor):
    c = ComplaintFactory(shop=shop, user=advisor)
    response = browser_as(outsider).get(f"/complaints/{c.pk}/")
    assert response.status_code == 404
    assert SecurityEvent.objects.filter(kind="other_shop", user=outsider).exists()


@pytest.mark.smoke
def test_anonymous_api_refusals_are_logged(api, db):
    response = api.post("/api/v1/complaints/", {}, format="json")
    assert response.status_code == 401
    api.credentials(HTTP_AUTHORIZATION="Token nope")
    assert api.get("/api/v1/me/").status_code == 401
    # 401 says "who are you", not "you may not": only 403s are denied actions.
    assert not SecurityEvent.objects.filter(kind="denied").exists()

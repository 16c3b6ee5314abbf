"""The token is the only key: unknown, expired, revoked and guessed tokens answer the same 404,
save nothing, and an address that keeps missing is slowed down."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from portal import services
from portal.models import CustomerLink, CustomerLinkEvent


def _state():
    return (
        list(CustomerLink.objects.values_list("pk", "first_opened_at", "last_opened_at")),
        CustomerLinkEvent.objects.count(),
    )


def test_the_token_is_long_and_random(link, other_visit_link):
    assert len(link.token) >= 43
    assert link.token != other_visit_link.token


def test_the_live_link_opens_and_records_the_opening(client, link):
    page = client.get(f"/c/{link.token}/")
    assert page.status_code == 200
    link.refresh_from_db()
    assert link.first_opened_at is not None
    assert link.last_opened_at == link.first_opened_at
    assert CustomerLinkEvent.objects.filter(link=link, kind="opened", by_customer=True).count() == 1


def test_a_link_shows_only_its_own_visit(client, link, other_visit_link):
    page = client.get(f"/c/{link.token}/")
    assert other_visit_link.work_order.number not in page.content.decode()
    assert link.work_order.number in page.content.decode()


@pytest.mark.parametrize("how", ["guessed", "expired", "revoked", "truncated"])
def test_a_dead_token_is_404_alike_and_saves_nothing(client, link, advisor, how):
    token = link.token
    if how == "guessed":
        token = "A" * 43
    elif how == "truncated":
        token = link.token[:-1]
    elif how == "revoked":
        services.customer_link_revoke(user=advisor, pk=link.pk)
    before = _state()
    with time_machine.travel(
        timezone.now() + timedelta(days=services.links.LINK_DAYS + 1 if how == "expired" else 0)
    ):
        page = client.get(f"/c/{token}/")
    assert page.status_code == 404
    assert _state() == before
    baseline = client.get("/c/" + "B" * 43 + "/")
    assert _without_nonces(page.content) == _without_nonces(baseline.content)


def _without_nonces(content: bytes) -> bytes:
    """The page less its per-response randoms (CSP nonce, CSRF token)."""
    return re.sub(rb'(nonce|value|content)="[A-Za-z0-9+/=_-]{16,}"', b"", content)


def test_an_address_that_keeps_missing_is_refused(client, link, settings):
    settings.PORTAL_RATE_MISSES = (3, 3600)
    for n in range(3):
        assert client.get(f"/c/guess{n:040d}/").status_code == 404
    # Even the right token now waits: guessing cannot go on beside a real visit.
    assert client.get(f"/c/{link.token}/").status_code == 429
    # Another address is not affected.
    assert client.get(f"/c/{link.token}/", REMOTE_ADDR="10.9.9.9").status_code == 200


def test_an_address_over_the_request_rate_is_refused(client, link, settings):
    settings.PORTAL_RATE_REQUESTS = (2, 60)
    assert client.get(f"/c/{link.token}/").status_code == 200
    assert client.get(f"/c/{link.token}/").status_code == 200
    assert client.get(f"/c/{link.token}/").status_code == 429

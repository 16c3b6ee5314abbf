"""CSRF is enforced on every form (every URL the site answers) and on the session-authenticated
API; API clients with a token need none."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from servicedesk.accounts.services import api_token_create
from tests.complaints.factories import ComplaintFactory


def _routes(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _routes(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def _path(pattern: str) -> str:
    """A concrete path for a route: every converter filled with 1, regexes with a simple word."""
    import re

    path = re.sub(r"<(?:int:)?(\w+)>", "1", pattern)
    path = re.sub(r"<\w+:\w+>", "1", path)
    path = path.replace("^", "").replace("$", "").replace("\\Z", "")
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", path)
    return "/" + path.replace("\\", "")


def _is_api(pattern: str) -> bool:
    return pattern.startswith("api/")


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def _is_webhook(pattern: str) -> bool:
    """A provider's webhook (mail, text messages in): it cannot send our CSRF token, so it is
    exempt and proves itself by the provider's signature instead."""
    return pattern.startswith(("inbound/", "^inbound/"))


def test_every_page_refuses_a_post_without_a_csrf_token(csrf_client, advisor):
    csrf_client.force_login(advisor)
    checked = []
    for pattern, _entry in _routes():
        if _is_api(pattern) or pattern.startswith("static/") or pattern.startswith("media/"):
            continue
        path = _path(pattern)
        if _is_webhook(pattern):
            # No token, no signature: refused all the same (403 bad signature, 404 when the
            # shop has no key configured), never taken.
            assert csrf_client.post(path, {"x": "1"}).status_code in (403, 404), pattern
            continue
        response = csrf_client.post(path, {"x": "1"})
        assert response.status_code == 403, (pattern, response.status_code)
        assert b"CSRF" in response.content, pattern
        checked.append(pattern)
    assert any(p.startswith("complaints/") for p in checked)
    assert "login/" in checked and "logout/" in checked
    assert "reports/quality/refresh/" in checked


def test_a_form_with_its_token_is_accepted(csrf_client, advisor, shop):
    csrf_client.force_login(advisor)
    page = csrf_client.get("/complaints/new/")
    token = page.context["csrf_token"]
    response = csrf_client.post(
        "/complaints/new/",
        {"csrfmiddlewaretoken": str(token), "customer_words": "The car rattles"},
    )
    # CSRF let it through: the form itself refuses the incomplete complaint (400, as every
    # refused form of the site answers), not CSRF (403).
    assert response.status_code == 400
    assert b"CSRF verification failed" not in response.content


def test_every_unsafe_api_operation_needs_the_csrf_token_with_a_session(advisor, shop):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    api = APIClient(enforce_csrf_checks=True)
    api.force_login(advisor)
    checked = 0
    for path, operations in schema["paths"].items():
        for method in operations:
            if method.upper() in ("GET", "HEAD", "OPTIONS", "TRACE"):
                continue
            if path == "/api/v1/auth/token/":
                continue  # the login of API clients: no session, nothing to forge
            url = path.replace("{id}", "1").replace("{year}", "2026")
            for name in ("{pk}", "{item_id}", "{line_id}", "{photo_id}"):
                url = url.replace(name, "1")
            response = getattr(api, method)(url, {}, format="json")
            assert response.status_code == 403, (method, path, response.status_code)
            assert "CSRF" in response.json()["detail"], (method, path)
            checked += 1
    assert checked > 20


def test_the_session_api_works_with_the_token_header(advisor, shop):
    api = APIClient(enforce_csrf_checks=True)
    api.force_login(advisor)
    api.get("/api/v1/me/")
    page = Client()
    page.force_login(advisor)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(advisor)
    token = browser.get("/complaints/new/").context["csrf_token"]
    api.cookies.update(browser.cookies)
    response = api.post(
        "/api/v1/complaints/",
        {"channel": "phone", "customer_words": "Rattle", "customer_name": "Li Lei"},
        format="json",
        HTTP_X_CSRFTOKEN=str(token),
    )
    assert response.status_code == 201, response.content


def test_a_token_client_needs_no_csrf_token(advisor, shop):
    api = APIClient(enforce_csrf_checks=True)
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_token_create(user=advisor)[1]}")
    c = ComplaintFactory(shop=shop, user=advisor)
    response = api.post(
        f"/api/v1/complaints/{c.pk}/transition/", {"to": "investigating"}, format="json"
    )
    assert response.status_code == 200

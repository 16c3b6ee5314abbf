"""No input answers 500 (issue 13.4): a JSON body nested without end, a NUL byte in a search
term or a token. Each is refused as bad input, never reaches the database."""

import json

import pytest

from servicedesk.parsers import MAX_DEPTH

DEEP = "[" * 50_000


def test_an_endlessly_nested_body_is_a_400_even_anonymously(client):
    r = client.post("/api/v1/auth/token/", DEEP, content_type="application/json")
    assert r.status_code == 400
    assert "nested too deeply" in r.json()["detail"]


def test_a_body_nested_past_the_limit_is_a_400(api_as, advisor, shop):
    words: object = "Brakes squeal"
    for _level in range(MAX_DEPTH):
        words = [words]
    body = json.dumps({"shop": shop.pk, "channel": "phone", "customer_words": words})
    r = api_as(advisor).post("/api/v1/complaints/", body, content_type="application/json")
    assert r.status_code == 400
    assert "nested too deeply" in r.json()["detail"]


def test_an_ordinary_body_still_parses(client, advisor):
    advisor.set_password("pw-pw-pw-1")
    advisor.save()
    body = {"username": advisor.username, "password": "pw-pw-pw-1"}
    r = client.post("/api/v1/auth/token/", body, content_type="application/json")
    assert r.status_code == 200 and r.json()["token"]


@pytest.mark.parametrize("path", ["/api/v1/customers/", "/api/v1/vehicles/", "/api/v1/complaints/"])
def test_a_nul_in_an_api_search_is_a_400(api_as, advisor, path):
    r = api_as(advisor).get(path, {"q": "ab\x00c"})
    assert r.status_code == 400 and "q" in r.json()


def test_a_nul_in_the_counter_search_is_refused_on_the_page(browser_as, advisor):
    r = browser_as(advisor).get("/customers/", {"q": "京A\x00"})
    assert r.status_code == 400
    assert "Null characters are not allowed." in r.content.decode()


@pytest.mark.parametrize("kind", ["customers", "vehicles", "work-orders", "suppliers", "staff"])
def test_a_nul_in_a_picker_search_is_a_400(browser_as, advisor, kind):
    r = browser_as(advisor).get(f"/pick/{kind}/", {"q": "Zh\x00ou"})
    assert r.status_code == 400


def test_a_nul_in_a_survey_token_is_a_404(client, db):
    assert client.get("/s/%00/").status_code == 404
    assert client.get("/s/abc%00def/").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/complaints/new/?work_order=abc",
        "/complaints/new/?work_order=%00",
        "/complaints/new/?customer=abc",
        "/complaints/new/?vehicle=%00",
        "/interactions/communications/new/?customer=abc",
        "/interactions/communications/new/?customer=1&interaction=%00",
        "/interactions/communications/?customer=abc",
        "/interactions/?stage=%00",
        "/reports/annual-satisfaction/?year=%00",
        "/reports/annual-satisfaction/2025/?shop=%00",
    ],
)
def test_a_malformed_id_in_a_page_query_is_not_a_server_error(browser_as, manager, path):
    assert browser_as(manager).get(path).status_code < 500

from rest_framework.test import APIRequestFactory

from servicedesk.errors import Conflict, Forbidden, Invalid, NotFound, api_exception_handler


def _handle(exc):
    return api_exception_handler(exc, {"request": APIRequestFactory().get("/")})


def test_domain_errors_map_to_their_status():
    assert _handle(Invalid("bad")).status_code == 400
    assert _handle(Forbidden()).status_code == 403
    assert _handle(NotFound()).status_code == 404
    assert _handle(Conflict("stale")).status_code == 409


def test_a_conflict_says_why():
    assert _handle(Conflict("The remedy was already decided.")).data == {
        "detail": "The remedy was already decided.",
        "code": "conflict",
    }


def test_a_field_error_names_the_field():
    assert _handle(Invalid("Must be positive.", field="amount")).data == {
        "amount": ["Must be positive."]
    }

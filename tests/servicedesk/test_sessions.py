"""The idle timeout is refreshed once a minute, not written on every request."""

import time_machine
from django.conf import settings
from django.urls import reverse


def _sends_session_cookie(response) -> bool:
    return settings.SESSION_COOKIE_NAME in response.cookies


def test_it_refreshes_the_session_once_then_not_again_within_the_interval(client, advisor):
    with time_machine.travel("2026-03-02 09:00 +08:00", tick=False) as clock:
        client.force_login(advisor)  # the login stamps the session: no write on the next page
        first = client.get(reverse("home"))
        assert not _sends_session_cookie(first)
        clock.shift(settings.SESSION_REFRESH_SECONDS - 1)
        second = client.get(reverse("home"))
        assert not _sends_session_cookie(second)
        clock.shift(settings.SESSION_REFRESH_SECONDS + 1)
        later = client.get(reverse("home"))
        assert _sends_session_cookie(later)
        assert later.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE


def test_a_session_from_before_the_stamp_is_refreshed_on_its_first_request(client, advisor):
    client.force_login(advisor)
    session = client.session
    del session["_refreshed_at"]
    session.save()
    assert _sends_session_cookie(client.get(reverse("home")))


def test_a_visitor_without_a_session_is_not_given_one(client):
    response = client.get(reverse("login"))
    assert not _sends_session_cookie(response)


def test_an_unchanged_request_writes_nothing_to_the_session_table(
    client, advisor, django_assert_num_queries
):
    client.force_login(advisor)
    with django_assert_num_queries(5):  # the session, the user, their language, memberships, groups
        client.get(reverse("api-me"))


def test_a_request_that_never_reads_the_session_does_not_load_it(
    client, advisor, rf, django_assert_num_queries
):
    from django.contrib.sessions.middleware import SessionMiddleware
    from django.http import HttpResponse

    from servicedesk.sessions import SessionIdleRefreshMiddleware

    client.force_login(advisor)
    request = rf.get("/anything/")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = client.cookies[
        settings.SESSION_COOKIE_NAME
    ].value
    stack = SessionMiddleware(SessionIdleRefreshMiddleware(lambda request: HttpResponse("ok")))
    with django_assert_num_queries(0):
        response = stack(request)
    assert not _sends_session_cookie(response)

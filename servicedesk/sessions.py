"""The session's idle timeout, refreshed at most once a minute instead of on every request.

``SESSION_COOKIE_AGE`` is an idle timeout (8 hours by default): a session unused that long
ends. Django's ``SESSION_SAVE_EVERY_REQUEST`` keeps it so by writing the session on every
request — an UPDATE and a commit per page view, for a timestamp that moves by seconds. This
middleware writes it only when the last refresh is ``SESSION_REFRESH_SECONDS`` old, so the
timeout is exact to within that much and a page view costs no write: one indexed read of the
session row (sessions stay in the database, not the cache, so a Redis outage logs nobody out).
"""

import time

from django.conf import settings

REFRESHED_KEY = "_refreshed_at"


class SessionIdleRefreshMiddleware:
    """Place right after SessionMiddleware. Marks a non-empty session modified when its last
    refresh is older than SESSION_REFRESH_SECONDS, which makes SessionMiddleware save it and
    send the cookie again with a fresh expiry."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.interval = getattr(settings, "SESSION_REFRESH_SECONDS", 60)

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # A request that never read the session (a static file, /healthz, a public link) has
        # nothing to refresh: reading it only for this would cost a query.
        if session is None or not session.accessed or session.modified or session.is_empty():
            return response
        now = int(time.time())
        if now - session.get(REFRESHED_KEY, 0) >= self.interval:
            session[REFRESHED_KEY] = now
        return response


def stamp_on_login(sender, request, user, **kwargs) -> None:
    """Logging in saves the session anyway: stamp it then, so the first page after the login
    does not write it again. Connected to ``user_logged_in`` in AccountsConfig.ready."""
    session = getattr(request, "session", None)
    if session is not None:
        session[REFRESHED_KEY] = int(time.time())

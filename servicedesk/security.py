"""The security log: failed logins, lockouts and denied actions, with who, what and when (UTC).

Every event goes to the ``servicedesk.security`` logger (its own handler, see LOGGING) and to a
``SecurityEvent`` row an administrator reads in the admin. Passwords never reach either: the
login signals carry Django's cleansed credentials and only the username is read from them.

Denied actions are seen where they are answered: ``SecurityLogMiddleware`` records every 403,
and every 404 that ``get_for_user`` marked as a record of another shop (the 404 itself does not
say so, so that existence does not leak; only this log does).
"""

import contextvars
import hashlib
import ipaddress
import logging
from datetime import UTC, datetime

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from rest_framework.throttling import SimpleRateThrottle

from servicedesk.accounts.models import SecurityEvent
from servicedesk.throttling import WindowCounting

log = logging.getLogger("servicedesk.security")

LOGIN_FAILED = "login_failed"
LOCKED_OUT = "locked_out"
LOGGED_IN = "logged_in"
DENIED = "denied"
OTHER_SHOP = "other_shop"

# Set by get_for_user when the record it refused exists in a shop the user is not a member of.
_other_shop: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "servicedesk_other_shop", default=None
)


def client_ip(request) -> str:
    """The address of the person, as django-axes, the API's throttles and this log see it.

    Behind ``TRUSTED_PROXY_HOPS`` reverse proxies (production: one), REMOTE_ADDR is the proxy's
    for everyone: the client is the entry of X-Forwarded-For that the outermost trusted proxy
    appended, counted from the right. What the client wrote further left is not trusted, so a
    forged header does not escape a lockout. Without a proxy (0), REMOTE_ADDR."""
    if request is None:
        return ""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    hops = settings.TRUSTED_PROXY_HOPS
    if not hops:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < hops:
        return remote  # reached us past the proxies: only the connection's address is known
    candidate = forwarded[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


class LoginThrottle(WindowCounting, SimpleRateThrottle):
    """Token logins, counted per username and address (rate ``login``): one person retrying
    is slowed down, and an office whose staff share one address behind a NAT is not (the
    per-address anonymous rate would stop the whole shop). django-axes does the lockout."""

    scope = "login"

    def get_cache_key(self, request, view):
        username = request.data.get("username", "") if hasattr(request.data, "get") else ""
        username = str(username).strip().lower()[:150]
        digest = hashlib.sha256(f"{client_ip(request)}|{username}".encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": digest}


def _utc_now() -> datetime:
    return datetime.now(UTC)


def record(kind: str, *, request=None, user=None, username: str = "", detail: str = "") -> None:
    """Write one security event to the log and to the table. Never raises: a failing log must
    not turn a refusal into a server error."""
    if user is None and request is not None:
        candidate = getattr(request, "user", None)
        if getattr(candidate, "is_authenticated", False):
            user = candidate
    if user is not None and not username:
        username = user.get_username()
    at = _utc_now()
    method = getattr(request, "method", "") or ""
    path = getattr(request, "path", "") or ""
    ip = client_ip(request)
    log.warning(
        "%s at=%s user=%r ip=%s method=%s path=%s %s",
        kind,
        at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        username,
        ip,
        method,
        path,
        detail,
    )
    try:
        SecurityEvent.objects.create(
            kind=kind,
            at=at,
            user=user if user is not None and user.pk else None,
            username=username[:150],
            ip_address=ip or None,
            method=method[:10],
            path=path[:500],
            detail=detail[:500],
        )
    except Exception:  # the database may be the thing that is failing
        log.exception("security event %s could not be stored", kind)


def note_other_shop(model_label: str, pk) -> None:
    _other_shop.set(f"{model_label} #{pk}")


def _take_other_shop() -> str | None:
    value = _other_shop.get()
    _other_shop.set(None)
    return value


@receiver(user_login_failed, dispatch_uid="servicedesk.security.login_failed")
def _on_login_failed(sender, credentials, request=None, **kwargs):
    if getattr(request, "axes_locked_out", False):
        return  # axes reports the lockout itself, below
    record(LOGIN_FAILED, request=request, username=str(credentials.get("username", "")))


@receiver(user_logged_in, dispatch_uid="servicedesk.security.logged_in")
def _on_logged_in(sender, request, user, **kwargs):
    log.info(
        "%s at=%s user=%r ip=%s",
        LOGGED_IN,
        _utc_now().strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        user.get_username(),
        client_ip(request),
    )


def _on_locked_out(sender, request, username, ip_address, **kwargs):
    record(LOCKED_OUT, request=request, username=str(username or ""))


def connect_axes() -> None:
    user_locked_out.connect(_on_locked_out, dispatch_uid="servicedesk.security.locked_out")


class SecurityLogMiddleware:
    """Records the requests that were refused: every 403, and the 404s of another shop's record."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _other_shop.set(None)
        response = self.get_response(request)
        other = _take_other_shop()
        if response.status_code == 403 and not getattr(request, "axes_locked_out", False):
            record(DENIED, request=request, detail=_reason(response))
        elif response.status_code == 404 and other:
            record(OTHER_SHOP, request=request, detail=other)
        return response


def _reason(response) -> str:
    data = getattr(response, "data", None)
    if isinstance(data, dict) and "detail" in data:
        return str(data["detail"])[:200]
    return ""


def lockout_response(request, original_response=None, credentials=None):
    """What a locked-out login gets: a page in the user's language, or JSON for the API. 429."""
    message = _(
        "Too many failed log-in attempts. This account is locked for %(hours)s hour(s) "
        "for this address; ask an administrator to unlock it sooner."
    ) % {"hours": _cooloff_hours()}
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "code": "locked_out"}, status=429)
    return render(request, "registration/locked_out.html", {"message": message}, status=429)


def _cooloff_hours():
    return settings.AXES_COOLOFF_TIME

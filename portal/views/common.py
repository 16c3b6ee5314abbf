"""The one way into a customer's page: ``@portal_view`` resolves the token (rate-limited, 404
alike for unknown, expired and revoked), chooses the language, and hands the view the link::

    @portal_view
    def status(request, link):
        return portal_render(request, link, "portal/status.html", {...})

The language is the customer's own (``preferred_language``) until they switch with ``?lang=``;
the switch is kept in a cookie for the link's other pages.
"""

from functools import wraps

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from .. import throttle
from ..services import customer_link_for_token

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}
LANGUAGE_COOKIE = "portal_lang"


def portal_language(request, link) -> str:
    for wanted in (
        request.GET.get("lang"),
        request.POST.get("lang"),
        request.COOKIES.get(LANGUAGE_COOKIE),
    ):
        if wanted in LANGUAGE_CODES:
            return wanted
    preferred = link.work_order.customer.preferred_language
    return preferred if preferred in LANGUAGE_CODES else settings.LANGUAGE_CODE


def portal_view(view):
    """Wrap a customer's page ``view(request, link, **kwargs)`` taking ``token`` from the URL."""

    @never_cache
    @csrf_protect
    @wraps(view)
    def wrapped(request, token: str, **kwargs):
        if not throttle.allowed(request):
            return HttpResponse(
                _("Too many requests: please wait a while and try again."),
                status=429,
                content_type="text/plain; charset=utf-8",
            )
        try:
            link = customer_link_for_token(token)
        except Http404:
            throttle.missed(request)
            return not_found(request)
        language = portal_language(request, link)
        with translation.override(language):
            request.portal_language = language
            response = view(request, link, **kwargs)
        if request.GET.get("lang") in LANGUAGE_CODES:
            response.set_cookie(
                LANGUAGE_COOKIE, language, samesite="Lax", secure=request.is_secure()
            )
        response["X-Robots-Tag"] = "noindex"
        # The token is in the URL: never sent to another site. "same-origin", not "no-referrer":
        # with no referrer at all Chromium posts the page's forms with "Origin: null", which
        # Django's CSRF check refuses, so the customer could never submit a decision.
        response["Referrer-Policy"] = "same-origin"
        return response

    return wrapped


def not_found(request):
    """The one answer for an unknown, expired, revoked or guessed token: the same bytes for
    all (no token, no shop, no per-response random), in the browser's language."""
    return render(request, "portal/not_found.html", {}, status=404)


def portal_render(request, link, template: str, context: dict | None = None, *, status=200):
    """Render a customer's page with what ``portal/base.html`` needs."""
    base = {
        "link": link,
        "shop": link.shop,
        "work_order": link.work_order,
        "lang": request.portal_language,
        "languages": settings.LANGUAGES,
    }
    return render(request, template, {**base, **(context or {})}, status=status)

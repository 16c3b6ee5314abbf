"""The customer's inspection and authorization pages on their link, and the inspection's files
served through the token (never by a media URL)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from servicedesk.errors import DomainError, NotFound
from servicedesk.signatures import SIGNATURE_BLANK, SIGNATURE_REQUIRED
from vehicles.models import Decision
from vehicles.selectors import inspection_file
from vehicles.views.inspections import file_response

from .. import selectors, services
from .common import not_found, portal_render, portal_view

CHOICES = (Decision.APPROVED, Decision.DECLINED, Decision.DEFERRED)
# The signature rule speaks to the advisor at the counter ("ask the customer to sign"); on their
# own link the customer reads it addressed to them.
SIGN_IN_THE_BOX = gettext_lazy("Please sign in the box below, with your finger.")
SAID_TO_THE_CUSTOMER = {SIGNATURE_REQUIRED: SIGN_IN_THE_BOX, SIGNATURE_BLANK: SIGN_IN_THE_BOX}


def _to_the_customer(exc: DomainError) -> DomainError:
    for staff_words, customer_words in SAID_TO_THE_CUSTOMER.items():
        if str(exc.message) == str(staff_words):
            exc.message = customer_words
    return exc


def _back(link, name: str, request):
    url = reverse(name, kwargs={"token": link.token})
    return redirect(f"{url}?lang={request.portal_language}")


def _attempt(request, link, call, *, done: str, page: str):
    """Call the service; on success say so and show the page afresh, on a refusal keep what
    the customer did (their choices, their name) and say why. Another visit's item is a 404."""
    try:
        call()
    except NotFound:
        return None, not_found(request)
    except DomainError as exc:
        return _to_the_customer(exc), None
    messages.success(request, done)
    return None, _back(link, page, request)


@portal_view
def inspection(request, link):
    chosen: dict[int, str] = {}
    error = None
    if request.method == "POST":
        chosen = {
            int(key.removeprefix("decision-")): value
            for key, value in request.POST.items()
            if key.startswith("decision-") and key[9:].isdigit() and value in CHOICES
        }
        error, answer = _attempt(
            request,
            link,
            lambda: services.link_inspection_decide(
                link_pk=link.pk,
                decisions=chosen,
                signed_name=request.POST.get("signed_name", ""),
                signature=request.POST.get("signature", ""),
            ),
            done=_("Thank you: your decisions are with your service advisor."),
            page="portal:inspection",
        )
        if answer is not None:
            return answer
    context = selectors.visit_inspection(link)
    for item in context["items"]:
        item.chosen = chosen.get(item.pk, "")
    return portal_render(
        request,
        link,
        "portal/inspection.html",
        {**context, "error": error, "signed_name": request.POST.get("signed_name", "")},
        status=error.status_code if error else 200,
    )


@portal_view
def authorize(request, link):
    error = None
    if request.method == "POST":
        version = request.POST.get("version", "")
        error, answer = _attempt(
            request,
            link,
            lambda: services.link_authorize(
                link_pk=link.pk,
                signed_name=request.POST.get("signed_name", ""),
                signature=request.POST.get("signature", ""),
                version=int(version) if version.isdigit() else None,
            ),
            done=_("Thank you: the work is authorized."),
            page="portal:authorize",
        )
        if answer is not None:
            return answer
    return portal_render(
        request,
        link,
        "portal/authorize.html",
        {
            **selectors.visit_estimate(link),
            "error": error,
            "signed_name": request.POST.get("signed_name", link.work_order.customer.name),
        },
        status=error.status_code if error else 200,
    )


@portal_view
def inspection_media(request, link, kind: str, pk: int):
    """A photo or video of this visit's inspection, for the link's holder only."""
    if kind not in ("photo", "video"):
        return not_found(request)
    try:
        stored = inspection_file(kind=kind, pk=pk, work_order_pk=link.work_order_id)
    except NotFound:
        return not_found(request)
    return file_response(stored)

"""Domain errors and their one mapping to HTTP.

Services raise these with stable messages (module constants in each app); the API maps them
to JSON here; a page submits a form to a service through ``submit``, which puts a refusal on
the form, and ``DomainErrorMiddleware`` answers any other with an error page.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler

NOT_FOUND = _("Not found.")
NOT_ALLOWED = _("Your role does not allow this.")


class DomainError(Exception):
    status_code = status.HTTP_400_BAD_REQUEST
    code = "invalid"

    def __init__(self, message=None, *, field: str | None = None, code: str | None = None):
        self.message = message if message is not None else self.default_message
        self.field = field
        if code:
            self.code = code
        # The message as given, translated when read (``str(exc)``, ``as_data``): a refusal that
        # is only asked as a yes or no (``passes``, many times a list) costs no translation.
        super().__init__(self.message)

    default_message = _("The request is not valid.")

    def as_data(self) -> dict:
        if self.field:
            return {self.field: [str(self.message)]}
        return {"detail": str(self.message), "code": self.code}


class Invalid(DomainError):
    """Bad input: 400, with the field named where there is one."""


class Forbidden(DomainError):
    """The user is who they say, but their role or authority does not allow this: 403."""

    status_code = status.HTTP_403_FORBIDDEN
    code = "forbidden"
    default_message = NOT_ALLOWED


class NotFound(DomainError):
    """Missing, or another shop's: the two answer alike so existence does not leak. 404."""

    status_code = status.HTTP_404_NOT_FOUND
    code = "not_found"
    default_message = NOT_FOUND


class Conflict(DomainError):
    """The record's current state refuses this (a guard, a second decision, a stale copy): 409."""

    status_code = status.HTTP_409_CONFLICT
    code = "conflict"
    default_message = _("The record's current state does not allow this.")


NUMBER_OUT_OF_RANGE = _("A number in the request is too large.")
ALREADY_ON_FILE = _(
    "The same record was saved by someone else a moment ago: reload the list and check."
)
UNIQUE_VIOLATION = "23505"  # PostgreSQL's SQLSTATE for a unique constraint


def passes(*checks) -> bool:
    """Whether every check (a callable that refuses by raising) lets it through: how an
    ``*_actions(record, user)`` asks the services' own guards what they would accept, without
    restating them. A refusal of access (Forbidden, NotFound) or of state (Conflict) is a no."""
    try:
        for check in checks:
            check()
    except (Forbidden, NotFound, Conflict):
        return False
    return True


def is_unique_violation(exc: IntegrityError) -> bool:
    cause = exc.__cause__
    if getattr(cause, "pgcode", None) == UNIQUE_VIOLATION:
        return True
    return str(exc).startswith("UNIQUE constraint failed")  # SQLite


def as_domain_error(exc: Exception) -> Exception:
    """The one translation of database refusals into domain errors, for the API and pages.

    A service checks uniqueness before it inserts and says which record is already on file; two
    requests that both pass that check at once meet the constraint instead, and the loser gets
    this 409, never a 500. A number beyond what the database stores (``?work_order=1e60`` on
    SQLite) is bad input."""
    if isinstance(exc, OverflowError):
        return Invalid(NUMBER_OUT_OF_RANGE, code="out_of_range")
    if isinstance(exc, IntegrityError) and is_unique_violation(exc):
        return Conflict(ALREADY_ON_FILE, code="duplicate")
    return exc


def api_exception_handler(exc, context):
    exc = as_domain_error(exc)
    if isinstance(exc, DomainError):
        return Response(exc.as_data(), status=exc.status_code)
    return exception_handler(exc, context)


class DomainErrorMiddleware:
    """The browser's fallback for a domain error that a view did not turn into a form error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        exception = as_domain_error(exception)
        if isinstance(exception, NotFound):
            raise Http404(str(exception.message))
        if isinstance(exception, Forbidden):
            raise DjangoPermissionDenied(str(exception.message))
        if isinstance(exception, DomainError):
            return render(
                request,
                "error_domain.html",
                {"message": exception.message},
                status=exception.status_code,
            )
        return None


@dataclass(frozen=True)
class Outcome:
    """What ``submit`` answers: true when the service accepted, ``value`` being what it
    returned; false when the form or the service refused, ``status`` being what the page that
    says so answers with and ``error`` the service's refusal (None for input the form refused).
    ``Outcome()`` is a page before anything was submitted: nothing accepted, 200."""

    value: Any = None
    status: int = status.HTTP_200_OK
    error: DomainError | None = None
    accepted: bool = False

    def __bool__(self) -> bool:
        return self.accepted


def submit(form, call, *, current_version=None, request=None) -> Outcome:
    """The one way a page submits a form to a service: validate ``form``, ``call()`` the
    service, map the outcome.

    Input the form itself refuses is not sent: 400, its errors on the form, and its version
    left as posted (only the service says whether the copy is stale). A refusal of the service
    lands on the form the page re-renders — its message under the field it names, else at the
    top of the form, every typed value kept — and answers with the exception's own status (400
    bad input, 409 a refused state or a stale copy). Given ``current_version`` (a callable
    reading the record's version now), the form carries that version, so the corrected submit
    is not refused again as a stale copy. A button that posts no form (``form=None``) says the
    refusal as a message on ``request`` instead, for the page it redirects to. A refusal of who
    you are (403) or of a record you may not see (404) is not a form error: it is raised on to
    its page.
    """
    if form is not None and not form.is_valid():
        return Outcome(status=status.HTTP_400_BAD_REQUEST)
    try:
        return Outcome(call(), accepted=True)
    except DomainError as exc:
        if isinstance(exc, Forbidden | NotFound):
            raise
        if form is not None:
            _add_to_form(form, exc)
            if current_version is not None:
                keep_current(form, version=current_version())
        else:
            messages.error(request, exc.message)
        return Outcome(status=exc.status_code, error=exc)


def _add_to_form(form, exc: DomainError) -> None:
    """On its field where the form has it, else on the form."""
    field = exc.field if exc.field in getattr(form, "fields", {}) else None
    # Lazy where the message is: a page shown in another language than the screen's (the
    # customer's confirmation) renders it in its own.
    form.add_error(field, exc.message)


def keep_current(form, *, version: int) -> None:
    """Re-render a bound form with the record's current version in its hidden ``version``
    field, keeping the other typed values (the form's errors are already decided)."""
    if not form.is_bound or "version" not in form.fields:
        return
    data = form.data.copy()
    data[form.add_prefix("version")] = str(version)
    form.data = data


# --- errors that Django answers before (or instead of) a view --------------------------------
# Under /api/ every answer is JSON, in the shape of the schema's Error: an unknown URL or an id
# that is not a number (no route matches), a body over DATA_UPLOAD_MAX_MEMORY_SIZE (413) and a
# server error too. Pages keep Django's HTML pages (templates/404.html …).

API_PREFIX = "/api/"
TOO_LARGE = _("The request body is larger than the site accepts.")
SERVER_ERROR = _("Something went wrong on our side; it has been logged.")
BAD_REQUEST = _("The request could not be read.")


def _is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def _json_error(message, code: str, status_code: int):
    return JsonResponse({"detail": str(message), "code": code}, status=status_code)


def page_not_found(request, exception):
    if _is_api(request):
        return _json_error(NOT_FOUND, "not_found", 404)
    return defaults.page_not_found(request, exception)


def bad_request(request, exception):
    if _is_api(request):
        if isinstance(exception, RequestDataTooBig):
            return _json_error(TOO_LARGE, "too_large", 413)
        return _json_error(BAD_REQUEST, "bad_request", 400)
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    if _is_api(request):
        return _json_error(NOT_ALLOWED, "forbidden", 403)
    return defaults.permission_denied(request, exception)


def server_error(request):
    if _is_api(request):
        return _json_error(SERVER_ERROR, "server_error", 500)
    return defaults.server_error(request)

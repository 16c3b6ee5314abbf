"""Domain errors and their one mapping to HTTP.

Services raise these with stable messages (module constants in each app); the API maps them
to JSON here, the browser to error pages in ``DomainErrorMiddleware`` or to form errors with
``add_to_form``.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
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
        super().__init__(str(self.message))

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


def api_exception_handler(exc, context):
    if isinstance(exc, OverflowError):
        # A number beyond what the database stores (e.g. a filter ?work_order=1e60 on SQLite):
        # bad input, not a server error.
        exc = Invalid(NUMBER_OUT_OF_RANGE, code="out_of_range")
    if isinstance(exc, DomainError):
        return Response(exc.as_data(), status=exc.status_code)
    return exception_handler(exc, context)


def reraise_refusal(exc: DomainError) -> None:
    """A page shows bad input and refused transitions on its form or as a message, but a
    refusal of who you are (403) or of a record you may not see (404) is answered as such."""
    if isinstance(exc, Forbidden | NotFound):
        raise exc


def add_to_form(form, exc: DomainError) -> None:
    """Show a domain error on a form: on its field where the form has it, else on the form.
    Forbidden and NotFound are not form errors: they go on to the 403 and 404 pages."""
    reraise_refusal(exc)
    field = exc.field if exc.field in getattr(form, "fields", {}) else None
    # Lazy where the message is: a page shown in another language than the screen's (the
    # customer's confirmation) renders it in its own.
    form.add_error(field, exc.message)


class DomainErrorMiddleware:
    """The browser's fallback for a domain error that a view did not turn into a form error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError):
            exception = Invalid(NUMBER_OUT_OF_RANGE, code="out_of_range")
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

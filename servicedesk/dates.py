"""One rule for the times a person types: they fall within the years the shop can be working in,
and a promise is not made for a time already gone.

A promised time in the year 1159 is a typing slip, and worse, before 1901 the shop's time zone
has no whole-minute offset (Asia/Shanghai's local mean time is +08:05:43), which no client can
read back as an ISO 8601 time. The fuzzer found such a value stored and answered back.

The rule is written once here and reached three ways: ``validate_plausible`` is a Django
validator for form and serializer fields (a field error, 400 from the API), ``check_plausible``
and ``check_promise`` raise ``Invalid`` on a field from a service, whoever called it.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from servicedesk.errors import Invalid

EARLIEST_YEAR = 2000
LATEST_YEAR = 2099
NOT_PLAUSIBLE = _("Give a date between the years %(first)s and %(last)s.")
PROMISE_PASSED = _("This time has already passed: promise a time from now on.")


def _implausible(value: date | datetime | None) -> str | None:
    if value is None or EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        return None
    return NOT_PLAUSIBLE % {"first": EARLIEST_YEAR, "last": LATEST_YEAR}


def validate_plausible(value: date | datetime | None) -> None:
    """A Django validator (forms, serializers): ValidationError unless the year is plausible."""
    problem = _implausible(value)
    if problem:
        raise ValidationError(problem, code="implausible")


def check_plausible(value: date | datetime | None, *, field: str) -> None:
    """Invalid on ``field`` unless ``value`` (if any) falls in EARLIEST_YEAR..LATEST_YEAR."""
    problem = _implausible(value)
    if problem:
        raise Invalid(problem, field=field)


def happened_at(at: datetime | None, *, field: str = "at") -> datetime:
    """When a thing a service records happened: now, unless the caller says when (``at``, for
    history written after the fact — the demo's year, a test's world — or a job run as of a
    given clock). A given moment must be plausible (Invalid on ``field`` otherwise)."""
    if at is None:
        return timezone.now()
    check_plausible(at, field=field)
    return at


# A moment given this far before the clock is history: see ``after_the_fact``.
HISTORY_MARGIN = timedelta(minutes=1)
_WRITING_HISTORY: ContextVar[bool] = ContextVar("writing_history", default=False)


@contextmanager
def writing_history():
    """Inside, the services write history after the fact (the demo's year): what they are given
    a moment past for was done then. Said out loud, never guessed from the clock: a job that runs
    late, or long, still sends every message it owes."""
    token = _WRITING_HISTORY.set(True)
    try:
        yield
    finally:
        _WRITING_HISTORY.reset(token)


def after_the_fact(at: datetime | None) -> bool:
    """Whether a message or alert given ``at`` is history (inside ``writing_history`` and at a
    moment already over): it was sent then and is recorded so — sent, read — rather than sent
    now. Anywhere else, and for a moment not given, now or ahead, it is sent as usual."""
    return _WRITING_HISTORY.get() and at is not None and at < timezone.now() - HISTORY_MARGIN


def to_minute(value: datetime | None) -> datetime | None:
    return value.replace(second=0, microsecond=0) if value is not None else None


def check_promise(
    value: datetime | None,
    *,
    field: str,
    previous: datetime | None = None,
    made_at: datetime | None = None,
) -> datetime | None:
    """A promised time: plausible, and not already gone when it is made or changed (``made_at``,
    now unless history written later says when); one kept as it was stays valid after it
    passed. Returns the value to store.

    The page's date-time field shows minutes, so the stored promise sent back from a page
    (seconds dropped) is the same promise: ``previous`` is kept as it was."""
    check_plausible(value, field=field)
    if value is None:
        return None
    if previous is not None and to_minute(value) == to_minute(previous):
        return previous
    if value < to_minute(made_at or timezone.now()):
        raise Invalid(PROMISE_PASSED, field=field, code="promise_passed")
    return value


def as_local_time(value: datetime | None) -> datetime | None:
    """An aware moment as the same instant in the current time zone. A client may write any
    offset ISO 8601 allows (``…+20:00``); PostgreSQL refuses offsets beyond ±15:59 with a
    server error, and no clock in a shop is on one. Naive values and None pass unchanged."""
    if value is None or timezone.is_naive(value):
        return value
    return timezone.localtime(value)

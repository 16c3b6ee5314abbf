"""One rule for the times a person types: they fall within the years the shop can be working in.

A promised time in the year 1159 is a typing slip, and worse, before 1901 the shop's time zone
has no whole-minute offset (Asia/Shanghai's local mean time is +08:05:43), which no client can
read back as an ISO 8601 time. The fuzzer found such a value stored and answered back.
"""

from datetime import date, datetime

from django.utils.translation import gettext_lazy as _

from servicedesk.errors import Invalid

EARLIEST_YEAR = 2000
LATEST_YEAR = 2099
NOT_PLAUSIBLE = _("Give a date between the years %(first)s and %(last)s.")


def check_plausible(value: date | datetime | None, *, field: str) -> None:
    """Invalid on ``field`` unless ``value`` (if any) falls in EARLIEST_YEAR..LATEST_YEAR."""
    if value is None:
        return
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise Invalid(NOT_PLAUSIBLE % {"first": EARLIEST_YEAR, "last": LATEST_YEAR}, field=field)

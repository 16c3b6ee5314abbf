"""Business time: durations that count only a shop's opening hours, in the shop's local time.

Pure: a ``Calendar`` is plain data (the time zone, the hours per ISO weekday, the holidays), so
the arithmetic is tested without a database. ``servicedesk.accounts.selectors.shop_calendar``
reads a shop's calendar from its rows.

A calendar without any hours is open around the clock: its business time is wall time, so a
shop that never set its hours keeps the clocks it always had.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

ZERO = timedelta(0)
# Far enough for any target a shop sets (a year of hours); an open calendar ends the search
# long before, this only stops a loop over a calendar that is never open (every day a holiday).
_HORIZON_DAYS = 3 * 366


@dataclass(frozen=True)
class Calendar:
    """``hours`` maps an ISO weekday (1 = Monday) to the (opens, closes) of that day; a weekday
    not in it is closed. No hours at all: open around the clock."""

    tz: str = "UTC"
    hours: dict[int, tuple[time, time]] = field(default_factory=dict)
    holidays: frozenset[date] = frozenset()

    @property
    def around_the_clock(self) -> bool:
        return not self.hours


ALWAYS_OPEN = Calendar()


def _windows(calendar: Calendar, start: datetime) -> Iterator[tuple[datetime, datetime]]:
    """The opening windows (UTC, aware) from the local day of ``start`` on, in order."""
    zone = ZoneInfo(calendar.tz)
    day = start.astimezone(zone).date()
    for _ in range(_HORIZON_DAYS):
        hours = calendar.hours.get(day.isoweekday())
        if hours is not None and day not in calendar.holidays:
            opens, closes = hours
            yield (
                datetime.combine(day, opens, tzinfo=zone).astimezone(UTC),
                datetime.combine(day, closes, tzinfo=zone).astimezone(UTC),
            )
        day += timedelta(days=1)


def business_add(calendar: Calendar, start: datetime, delta: timedelta) -> datetime:
    """The moment ``delta`` of business time after ``start``. A clock started while the shop is
    closed begins at the next opening; a due time that fills a day to its end is that day's
    closing time (not the next morning). Returned in UTC."""
    if calendar.around_the_clock or delta <= ZERO:
        return start + delta
    left = delta
    moment = start.astimezone(UTC)
    for opens, closes in _windows(calendar, moment):
        begin = max(opens, moment)
        if begin >= closes:
            continue
        if left <= closes - begin:
            return begin + left
        left -= closes - begin
    raise ValueError("The calendar is never open.")


def business_between(calendar: Calendar, a: datetime, b: datetime) -> timedelta:
    """The business time from ``a`` to ``b`` (zero when ``b`` is not after ``a``)."""
    if b <= a:
        return ZERO
    if calendar.around_the_clock:
        return b - a
    a, b = a.astimezone(UTC), b.astimezone(UTC)
    total = ZERO
    for opens, closes in _windows(calendar, a):
        if opens >= b:
            break
        overlap = min(closes, b) - max(opens, a)
        if overlap > ZERO:
            total += overlap
    return total


def is_open(calendar: Calendar, moment: datetime) -> bool:
    """The shop is open at ``moment`` (always, for a calendar without hours)."""
    if calendar.around_the_clock:
        return True
    local = moment.astimezone(ZoneInfo(calendar.tz))
    hours = calendar.hours.get(local.isoweekday())
    if hours is None or local.date() in calendar.holidays:
        return False
    return hours[0] <= local.time() < hours[1]

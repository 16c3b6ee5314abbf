"""Business time counts the shop's opening hours only, in its own time zone."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from servicedesk.business_time import (
    ALWAYS_OPEN,
    Calendar,
    business_add,
    business_between,
    is_open,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = (time(8, 30), time(18, 0))
# Monday to Friday; Saturday and Sunday closed; 2026-10-01 (a Thursday) a holiday.
WEEKDAYS = Calendar(
    tz="Asia/Shanghai",
    hours={d: DAY for d in range(1, 6)},
    holidays=frozenset({date(2026, 10, 1)}),
)


def local(*args) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


def test_a_clock_started_on_friday_evening_runs_on_monday_morning():
    # Friday 17:30 + 2 h: half an hour on Friday, an hour and a half from Monday's opening.
    due = business_add(WEEKDAYS, local(2026, 12, 4, 17, 30), timedelta(hours=2))
    assert due == local(2026, 12, 7, 10, 0)


def test_a_clock_started_at_night_starts_at_the_next_opening():
    due = business_add(WEEKDAYS, local(2026, 12, 1, 22, 0), timedelta(minutes=30))
    assert due == local(2026, 12, 2, 9, 0)


def test_a_due_time_that_fills_the_day_is_its_closing_time():
    due = business_add(WEEKDAYS, local(2026, 12, 4, 17, 30), timedelta(minutes=30))
    assert due == local(2026, 12, 4, 18, 0)


def test_a_holiday_is_skipped():
    # Wednesday 30 September 17:00 + 2 h: one hour on Wednesday, Thursday 1 October a holiday.
    due = business_add(WEEKDAYS, local(2026, 9, 30, 17, 0), timedelta(hours=2))
    assert due == local(2026, 10, 2, 9, 30)


def test_between_counts_only_open_hours():
    # Friday 17:00 to Monday 09:00: one hour on Friday, half an hour on Monday.
    spent = business_between(WEEKDAYS, local(2026, 12, 4, 17, 0), local(2026, 12, 7, 9, 0))
    assert spent == timedelta(minutes=90)
    assert business_between(WEEKDAYS, local(2026, 12, 7), local(2026, 12, 4)) == timedelta(0)


def test_a_calendar_without_hours_is_a_wall_clock():
    start = datetime(2026, 12, 5, 23, 0, tzinfo=UTC)
    assert business_add(ALWAYS_OPEN, start, timedelta(hours=2)) == start + timedelta(hours=2)
    assert business_between(ALWAYS_OPEN, start, start + timedelta(days=2)) == timedelta(days=2)


moments = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(SHANGHAI)
)
durations = st.timedeltas(min_value=timedelta(minutes=1), max_value=timedelta(hours=300))
# A loaded CI machine draws slowly; the property, not the speed of drawing, is under test.
PROPERTY = settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)


@PROPERTY
@given(start=moments, delta=durations)
def test_between_undoes_add(start, delta):
    assert business_between(WEEKDAYS, start, business_add(WEEKDAYS, start, delta)) == delta


@PROPERTY
@given(start=moments, delta=durations)
def test_a_due_time_falls_inside_opening_hours(start, delta):
    due = business_add(WEEKDAYS, start, delta).astimezone(SHANGHAI)
    assert due.isoweekday() <= 5 and due.date() != date(2026, 10, 1)
    assert DAY[0] < due.time() <= DAY[1]


@PROPERTY
@given(a=moments, b=moments, c=moments)
def test_between_adds_up(a, b, c):
    a, b, c = sorted([a, b, c])
    assert business_between(WEEKDAYS, a, c) == (
        business_between(WEEKDAYS, a, b) + business_between(WEEKDAYS, b, c)
    )


def test_is_open_follows_the_hours_and_holidays():
    assert is_open(WEEKDAYS, local(2026, 12, 4, 8, 30))  # Friday, at the opening
    assert not is_open(WEEKDAYS, local(2026, 12, 4, 18, 0))  # at the closing
    assert not is_open(WEEKDAYS, local(2026, 12, 5, 10, 0))  # Saturday
    assert not is_open(WEEKDAYS, local(2026, 10, 1, 10, 0))  # the holiday
    assert is_open(ALWAYS_OPEN, local(2026, 12, 5, 3, 0))

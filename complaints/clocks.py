"""The complaint clocks, each said once and in both its forms side by side: a predicate for a
record in hand (the pages, the API) and a Q for a query (the list's filter, the escalation job,
the annual figures). ``tests/complaints/test_clocks.py`` holds every pair to agreeing.

Two questions are asked of a clock:

- *Is it running late now?* (the "overdue" badge and filter, the escalation to the manager.)
  A complaint's first-response and resolution clocks run until their event is recorded or the
  complaint is closed: closing ends the customer's case. A corrective action's clock runs until
  its owner records the result, whatever the complaint's state: the action removes the cause so
  that it does not happen again, which is the responsible department's duty after the customer
  is satisfied too (its head follows the action through and records the tracking result), and
  the annual figures count such an action as open and overdue.
- *Was the target met?* (the late badges beside each due time, the annual figures.) Met when
  the event came at or before its due time; missed when it came after, or has not come and the
  due time has passed.

A paused complaint (``paused_since`` set: waiting for parts, for the customer) is neither late
nor missed while it waits: its clocks stand still, and resuming moves their due times on by the
business time the pause lasted. The due times are in the shop's business time (its hours and
holidays, ``servicedesk.business_time``), set when they are computed, so these forms only ever
compare stored moments.

A due time is inclusive: answered at the due minute is on time, late only after it. A corrective
action is due by the end of its due date, and late from the next day.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from .models import State


@dataclass(frozen=True)
class Clock:
    """A complaint clock: it stops when ``event`` (a moment field) is recorded, due at ``due``."""

    event: str
    due: str

    def late(self, complaint, now: datetime | None = None) -> bool:
        """Running late now: not closed, the event not recorded, the due time passed."""
        now = now or timezone.now()
        return complaint.state != State.CLOSED and self.past_due_unmet(complaint, now)

    def late_q(self, now: datetime | None = None) -> Q:
        now = now or timezone.now()
        return ~Q(state=State.CLOSED) & self.past_due_unmet_q(now)

    def met(self, complaint) -> bool:
        """The event came at or before the due time."""
        at = getattr(complaint, self.event)
        return at is not None and at <= getattr(complaint, self.due)

    def met_q(self) -> Q:
        return Q(**{f"{self.event}__lte": F(self.due)})

    def past_due_unmet(self, complaint, now: datetime | None = None) -> bool:
        """The event not recorded and the due time passed, whatever the state (the figures'
        "missed, still open"), unless the clocks are paused."""
        now = now or timezone.now()
        return (
            complaint.paused_since is None
            and getattr(complaint, self.event) is None
            and getattr(complaint, self.due) < now
        )

    def past_due_unmet_q(self, now: datetime | None = None) -> Q:
        now = now or timezone.now()
        return Q(**{f"{self.event}__isnull": True, f"{self.due}__lt": now, "paused_since": None})

    def missed(self, complaint, now: datetime | None = None) -> bool:
        """The target was missed: the event came after the due time, or never came and the due
        time has passed."""
        at = getattr(complaint, self.event)
        if at is not None:
            return at > getattr(complaint, self.due)
        return self.past_due_unmet(complaint, now)

    def missed_q(self, now: datetime | None = None) -> Q:
        return Q(**{f"{self.event}__gt": F(self.due)}) | self.past_due_unmet_q(now)


RESPONSE = Clock(event="first_responded_at", due="first_response_due")
RESOLUTION = Clock(event="resolved_at", due="resolution_due")


def overdue(complaint, now: datetime | None = None) -> bool:
    """A complaint running late now on either clock."""
    now = now or timezone.now()
    return RESPONSE.late(complaint, now) or RESOLUTION.late(complaint, now)


def overdue_q(now: datetime | None = None) -> Q:
    now = now or timezone.now()
    return RESPONSE.late_q(now) | RESOLUTION.late_q(now)


# --- corrective actions ----------------------------------------------------------------------
# "Today" is the caller's: the pages and the job read the site's date (timezone.localdate), the
# annual figures the shop's.


def action_overdue(action, today: date | None = None) -> bool:
    """No result recorded and the due date is behind us, whatever the complaint's state."""
    today = today or timezone.localdate()
    return action.result_at is None and action.due_date < today


def action_overdue_q(today: date | None = None) -> Q:
    today = today or timezone.localdate()
    return Q(result_at__isnull=True, due_date__lt=today)


DONE_ON = "done_on"


def action_done_on(tz):
    """The date the result was recorded in ``tz``: annotate it as DONE_ON for the Q forms below."""
    return TruncDate("result_at", tzinfo=tz)


def action_done_on_time(action, tz) -> bool:
    return action.result_at is not None and timezone.localdate(action.result_at, tz) <= (
        action.due_date
    )


def action_done_on_time_q() -> Q:
    """Needs DONE_ON annotated (``action_done_on``)."""
    return Q(**{f"{DONE_ON}__lte": F("due_date")})


def action_done_late(action, tz) -> bool:
    return action.result_at is not None and timezone.localdate(action.result_at, tz) > (
        action.due_date
    )


def action_done_late_q() -> Q:
    """Needs DONE_ON annotated (``action_done_on``)."""
    return Q(**{f"{DONE_ON}__gt": F("due_date")})

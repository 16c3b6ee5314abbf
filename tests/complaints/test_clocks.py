"""The complaint clocks: for a table of cases, each clock's Python predicate (the pages, the API)
and its Q filter (the list, the escalation job, the annual figures) say the same thing."""

import itertools
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from complaints import clocks, reminders
from complaints.models import Complaint, CorrectiveAction, Severity, State
from tests.complaints.factories import ComplaintFactory

NOW = datetime(2026, 3, 10, 8, 0, tzinfo=ZoneInfo("UTC"))
TODAY = date(2026, 3, 10)
SHANGHAI = ZoneInfo("Asia/Shanghai")
MINUTE = timedelta(minutes=1)

# Where the due time stands from now, and where the event stands from the due time (None: not
# recorded yet). "at" is the boundary: due exactly now, answered exactly at the due time.
DUE = {"past": -timedelta(hours=1), "now": timedelta(0), "future": timedelta(hours=1)}
EVENT = {"none": None, "before": -MINUTE, "at": timedelta(0), "after": MINUTE}
STATES = [State.RECEIVED, State.INVESTIGATING, State.CLOSED]


def _agree(model, rows: dict, predicate, q, annotate=None) -> None:
    qs = model.objects.filter(pk__in=[r.pk for r in rows.values()])
    if annotate:
        qs = qs.annotate(**annotate)
    by_query = set(qs.filter(q).values_list("pk", flat=True))
    disagree = {
        case: (predicate(row), row.pk in by_query)
        for case, row in rows.items()
        if predicate(row) != (row.pk in by_query)
    }
    assert not disagree, disagree  # case: (Python, Q)


@pytest.fixture
def complaints(shop, advisor) -> dict:
    """A complaint per case, both clocks set alike, as of NOW."""
    rows = {}
    for state, due, event in itertools.product(STATES, DUE, EVENT):
        c = ComplaintFactory(shop=shop, user=advisor)
        due_at = NOW + DUE[due]
        at = None if EVENT[event] is None else due_at + EVENT[event]
        fields = {
            "state": state,
            "first_response_due": due_at,
            "first_responded_at": at,
            "resolution_due": due_at,
            "resolved_at": at,
        }
        Complaint.objects.filter(pk=c.pk).update(**fields)
        c.refresh_from_db()
        rows[(state, due, event)] = c
    return rows


@pytest.mark.parametrize("clock", [clocks.RESPONSE, clocks.RESOLUTION], ids=lambda c: c.event)
def test_each_complaint_clock_says_the_same_in_python_and_in_the_query(complaints, clock):
    _agree(Complaint, complaints, lambda c: clock.late(c, NOW), clock.late_q(NOW))
    _agree(Complaint, complaints, clock.met, clock.met_q())
    _agree(
        Complaint, complaints, lambda c: clock.past_due_unmet(c, NOW), clock.past_due_unmet_q(NOW)
    )
    _agree(Complaint, complaints, lambda c: clock.missed(c, NOW), clock.missed_q(NOW))


def test_overdue_says_the_same_in_python_and_in_the_query(complaints):
    _agree(Complaint, complaints, lambda c: clocks.overdue(c, NOW), clocks.overdue_q(NOW))


def test_the_table_reads_as_the_rules_say(complaints):
    """A spot check of the semantics, so that two forms agreeing on a wrong answer fails too."""
    late = {case for case, c in complaints.items() if clocks.RESPONSE.late(c, NOW)}
    assert late == {
        (State.RECEIVED, "past", "none"),
        (State.INVESTIGATING, "past", "none"),
    }  # due exactly now is not late yet; closed stops the clock
    met = {case[2] for case, c in complaints.items() if clocks.RESPONSE.met(c)}
    assert met == {"before", "at"}
    closed_unanswered = complaints[(State.CLOSED, "past", "none")]
    assert clocks.RESPONSE.missed(closed_unanswered, NOW)  # missed the target, not late now
    assert not clocks.overdue(closed_unanswered, NOW)


@pytest.fixture
def paused(complaints) -> dict:
    """The same cases, each complaint's clocks paused an hour before NOW."""
    Complaint.objects.filter(pk__in=[c.pk for c in complaints.values()]).update(
        paused_since=NOW - timedelta(hours=1)
    )
    for c in complaints.values():
        c.refresh_from_db()
    return complaints


@pytest.mark.parametrize("clock", [clocks.RESPONSE, clocks.RESOLUTION], ids=lambda c: c.event)
def test_a_paused_complaint_is_never_late_in_either_form(paused, clock):
    _agree(Complaint, paused, lambda c: clock.late(c, NOW), clock.late_q(NOW))
    _agree(Complaint, paused, lambda c: clock.missed(c, NOW), clock.missed_q(NOW))
    _agree(Complaint, paused, lambda c: clocks.overdue(c, NOW), clocks.overdue_q(NOW))
    assert not any(clock.late(c, NOW) for c in paused.values())
    # An answer that came late before the pause stays missed: the pause stops a running clock.
    assert {case[2] for case, c in paused.items() if clock.missed(c, NOW)} == {"after"}


@pytest.mark.parametrize("severity", [Severity.CRITICAL, Severity.NORMAL])
def test_the_response_target_follows_the_severity(shop, advisor, severity, time_machine):
    """Answered 45 minutes after intake: late against the critical target (30 minutes), within
    the normal one (2 hours), in both forms."""
    time_machine.move_to(NOW - timedelta(hours=3), tick=False)
    c = ComplaintFactory(shop=shop, user=advisor, severity=severity)
    Complaint.objects.filter(pk=c.pk).update(first_responded_at=c.received_at + 45 * MINUTE)
    c.refresh_from_db()
    late = severity == Severity.CRITICAL
    assert clocks.RESPONSE.missed(c, NOW) is late
    assert clocks.RESPONSE.met(c) is not late
    rows = {severity: c}
    _agree(Complaint, rows, lambda r: clocks.RESPONSE.missed(r, NOW), clocks.RESPONSE.missed_q(NOW))
    _agree(Complaint, rows, clocks.RESPONSE.met, clocks.RESPONSE.met_q())


# --- corrective actions ----------------------------------------------------------------------

DUE_DATE = {"yesterday": -1, "today": 0, "tomorrow": 1, "last week": -7}
# The result, in Shanghai: none, the due date's last half hour, the next day's first half hour.
RESULT = {"none": None, "on the due date, 23:30": (0, 23, 30), "the day after, 00:30": (1, 0, 30)}


@pytest.fixture
def actions(shop, advisor, manager, quality) -> dict:
    open_one = ComplaintFactory(shop=shop, user=advisor)
    closed_one = ComplaintFactory(shop=shop, user=advisor)
    Complaint.objects.filter(pk=closed_one.pk).update(state=State.CLOSED)
    rows = {}
    for (which, complaint), due, result in itertools.product(
        {"open": open_one, "closed": closed_one}.items(), DUE_DATE, RESULT
    ):
        due_date = TODAY + timedelta(days=DUE_DATE[due])
        result_at = None
        if RESULT[result] is not None:
            days, hour, minute = RESULT[result]
            local = datetime.combine(due_date + timedelta(days=days), datetime.min.time())
            result_at = local.replace(hour=hour, minute=minute, tzinfo=SHANGHAI)
        rows[(which, due, result)] = CorrectiveAction.objects.create(
            complaint=complaint,
            root_cause="r",
            corrective_action="c",
            preventive_action="p",
            department="Workshop",
            owner=quality,
            created_by=manager,
            due_date=due_date,
            result="done" if result_at else "",
            result_at=result_at,
        )
    return rows


def test_each_action_clock_says_the_same_in_python_and_in_the_query(actions):
    _agree(
        CorrectiveAction,
        actions,
        lambda a: clocks.action_overdue(a, TODAY),
        clocks.action_overdue_q(TODAY),
    )
    done_on = {clocks.DONE_ON: clocks.action_done_on(SHANGHAI)}
    _agree(
        CorrectiveAction,
        actions,
        lambda a: clocks.action_done_on_time(a, SHANGHAI),
        clocks.action_done_on_time_q(),
        annotate=done_on,
    )
    _agree(
        CorrectiveAction,
        actions,
        lambda a: clocks.action_done_late(a, SHANGHAI),
        clocks.action_done_late_q(),
        annotate=done_on,
    )


def test_an_undone_action_is_overdue_from_the_day_after_its_due_date(actions):
    overdue = {case for case, a in actions.items() if clocks.action_overdue(a, TODAY)}
    assert overdue == {
        (which, due, "none") for which in ("open", "closed") for due in ("yesterday", "last week")
    }
    late = {case[2] for case, a in actions.items() if clocks.action_done_late(a, SHANGHAI)}
    assert late == {"the day after, 00:30"}


def test_an_undone_action_of_a_closed_complaint_is_overdue_on_the_page_and_in_the_job(
    shop, advisor, manager, quality, time_machine
):
    """Closing the customer's case does not remove the cause: the action stays the department's
    to finish, and the page, the list of what runs late and the escalation all say so (the page
    said overdue while the job left it out)."""
    c = ComplaintFactory(shop=shop, user=advisor)
    Complaint.objects.filter(pk=c.pk).update(state=State.CLOSED)
    action = CorrectiveAction.objects.create(
        complaint=c,
        root_cause="r",
        corrective_action="c",
        preventive_action="p",
        department="Workshop",
        owner=quality,
        created_by=manager,
        due_date=timezone.localdate() - timedelta(days=1),
    )
    assert action.is_overdue
    assert reminders.overdue_due()["action"] == [action.pk]
    assert reminders.action_escalate_overdue(action_id=action.pk) is True

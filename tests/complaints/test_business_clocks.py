"""The complaint clocks count the shop's business hours: nothing runs late at night, over a
weekend or on a holiday; a pause stops them and resuming moves their due times on."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from complaints import clocks, reminders, services
from complaints.models import ComplaintPause, HistoryKind, PauseReason, Severity, State
from complaints.services import errors as service_errors
from servicedesk.accounts.services import shop_calendar_set
from servicedesk.errors import Conflict
from tests.complaints.factories import ComplaintFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = (time(8, 0), time(18, 0))


def local(*args) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


@pytest.fixture
def weekdays(shop, manager):
    """Open Monday to Friday 08:00–18:00 (Saturday and Sunday closed); 1 January a holiday."""
    shop_calendar_set(
        user=manager,
        shop_id=shop.pk,
        hours={d: DAY for d in range(1, 6)},
        holidays=[(date(2027, 1, 1), "New Year")],
    )
    return shop


def _open(shop, advisor, at, severity=Severity.NORMAL):
    return ComplaintFactory(shop=shop, user=advisor, severity=severity, at=at)


def test_logged_on_friday_evening_it_is_due_on_monday_morning(weekdays, advisor, time_machine):
    time_machine.move_to(local(2026, 12, 4, 17, 30), tick=False)  # a Friday
    c = _open(weekdays, advisor, local(2026, 12, 4, 17, 30))
    # A 2-hour response target: half an hour on Friday, an hour and a half on Monday.
    assert c.first_response_due == local(2026, 12, 7, 9, 30)
    # 72 business hours: half an hour on Friday, then 7 days of 10 hours and 1.5 more.
    assert c.resolution_due == local(2026, 12, 16, 9, 30)


def test_a_holiday_does_not_count(weekdays, advisor, time_machine):
    time_machine.move_to(local(2026, 12, 31, 17, 0), tick=False)  # Thursday; Friday a holiday
    c = _open(weekdays, advisor, local(2026, 12, 31, 17, 0))
    assert c.first_response_due == local(2027, 1, 4, 9, 0)


def test_a_shop_without_hours_keeps_wall_clocks(shop, advisor, time_machine):
    time_machine.move_to(local(2026, 12, 4, 17, 30), tick=False)
    c = _open(shop, advisor, local(2026, 12, 4, 17, 30))
    assert c.first_response_due == local(2026, 12, 4, 19, 30)


def test_the_job_does_not_escalate_at_night(weekdays, advisor, manager, time_machine):
    time_machine.move_to(local(2026, 12, 4, 17, 30), tick=False)
    c = _open(weekdays, advisor, local(2026, 12, 4, 17, 30))
    for night in (local(2026, 12, 4, 19, 31), local(2026, 12, 5, 3, 0), local(2026, 12, 7, 7, 0)):
        time_machine.move_to(night, tick=False)
        assert reminders.escalate_overdue() == 0
    time_machine.move_to(local(2026, 12, 7, 9, 35), tick=False)
    assert reminders.overdue_due()["response"] == [c.pk]
    assert reminders.escalate_overdue() == 1


def test_a_severity_change_sets_the_due_times_in_business_time(weekdays, advisor, time_machine):
    time_machine.move_to(local(2026, 12, 4, 17, 30), tick=False)
    c = _open(weekdays, advisor, local(2026, 12, 4, 17, 30))
    c = services.complaint_update(
        pk=c.pk, user=advisor, version=c.version, severity=Severity.CRITICAL
    )
    assert c.first_response_due == local(2026, 12, 4, 18, 0)  # 30 minutes, to the closing time


def test_paused_over_a_weekend_and_resumed(weekdays, advisor, manager, time_machine):
    time_machine.move_to(local(2026, 12, 4, 9, 0), tick=False)  # Friday morning
    c = _open(weekdays, advisor, local(2026, 12, 4, 9, 0))
    assert c.first_response_due == local(2026, 12, 4, 11, 0)
    time_machine.move_to(local(2026, 12, 4, 10, 0), tick=False)
    c = services.complaint_pause(
        pk=c.pk, user=advisor, version=c.version, reason=PauseReason.WAITING_FOR_PARTS
    )
    assert c.paused_since == local(2026, 12, 4, 10, 0)
    # Past its due time, still waiting: neither late nor escalated.
    time_machine.move_to(local(2026, 12, 7, 9, 0), tick=False)
    c.refresh_from_db()
    assert not clocks.RESPONSE.late(c) and not c.is_overdue
    assert reminders.escalate_overdue() == 0
    c = services.complaint_resume(pk=c.pk, user=advisor, version=c.version)
    # Paused Friday 10:00 to Monday 09:00: 9 business hours (8 on Friday, 1 on Monday).
    assert c.first_response_due == local(2026, 12, 7, 10, 0)
    assert c.paused_since is None
    pause = ComplaintPause.objects.get(complaint=c)
    assert (pause.started_by, pause.ended_by) == (advisor, advisor)
    kinds = list(c.history.values_list("kind", flat=True))
    assert kinds[-2:] == [HistoryKind.PAUSED, HistoryKind.RESUMED]
    time_machine.move_to(local(2026, 12, 7, 10, 1), tick=False)
    assert reminders.overdue_due()["response"] == [c.pk]


def test_a_pause_after_a_late_answer_does_not_excuse_it(weekdays, advisor, time_machine):
    time_machine.move_to(local(2026, 12, 4, 9, 0), tick=False)
    c = _open(weekdays, advisor, local(2026, 12, 4, 9, 0))
    time_machine.move_to(local(2026, 12, 4, 12, 0), tick=False)  # an hour late
    c = services.complaint_update(
        pk=c.pk, user=advisor, version=c.version, immediate_response="Sorry; we look into it"
    )
    c = services.complaint_pause(
        pk=c.pk, user=advisor, version=c.version, reason=PauseReason.WAITING_FOR_CUSTOMER
    )
    time_machine.move_to(local(2026, 12, 8, 12, 0), tick=False)
    c = services.complaint_resume(pk=c.pk, user=advisor, version=c.version)
    assert c.first_response_due == local(2026, 12, 4, 11, 0)
    assert clocks.RESPONSE.missed(c)
    assert c.resolution_due > local(2026, 12, 16)  # the running clock moved on


def test_it_refuses_to_pause_twice_or_resume_a_running_clock(complaint, advisor):
    with pytest.raises(Conflict) as refused:
        services.complaint_resume(pk=complaint.pk, user=advisor, version=complaint.version)
    assert refused.value.message == service_errors.NOT_PAUSED
    c = services.complaint_pause(
        pk=complaint.pk, user=advisor, version=complaint.version, reason=PauseReason.OTHER
    )
    with pytest.raises(Conflict) as refused:
        services.complaint_pause(pk=c.pk, user=advisor, version=c.version, reason="other")
    assert refused.value.message == service_errors.ALREADY_PAUSED
    assert "resume" in services.complaint_actions(c, advisor)
    assert "pause" not in services.complaint_actions(c, advisor)


def test_a_closed_complaint_cannot_be_paused_and_closing_ends_a_pause(
    complaint, advisor, manager, quality, carry
):
    c = carry(complaint, State.FOLLOW_UP)
    c = services.complaint_pause(
        pk=c.pk, user=advisor, version=c.version, reason=PauseReason.WAITING_FOR_CUSTOMER
    )
    c = carry(c, State.CLOSED)
    assert c.paused_since is None
    assert not ComplaintPause.objects.filter(complaint=c, ended_at__isnull=True).exists()
    with pytest.raises(Conflict) as refused:
        services.complaint_pause(pk=c.pk, user=advisor, version=c.version, reason="other")
    assert refused.value.message == service_errors.CLOSED_NO_EDIT
    assert "pause" not in services.complaint_actions(c, advisor)


def test_a_stale_copy_is_refused(complaint, advisor):
    with pytest.raises(Conflict) as refused:
        services.complaint_pause(
            pk=complaint.pk, user=advisor, version=complaint.version - 1, reason="other"
        )
    assert refused.value.message == service_errors.STALE_COPY


def test_the_due_time_is_a_week_day_even_when_received_on_sunday(weekdays, advisor, time_machine):
    time_machine.move_to(local(2026, 12, 6, 11, 0), tick=False)
    c = _open(weekdays, advisor, local(2026, 12, 6, 11, 0))
    assert c.first_response_due == local(2026, 12, 7, 10, 0)
    assert c.first_response_due - c.received_at > timedelta(hours=2)


def test_a_late_corrective_action_is_escalated_in_business_hours_only(
    weekdays, advisor, manager, quality, time_machine
):
    from complaints.models import CorrectiveAction

    time_machine.move_to(local(2026, 12, 3, 10, 0), tick=False)  # Thursday
    c = _open(weekdays, advisor, local(2026, 12, 3, 10, 0))
    action = CorrectiveAction.objects.create(
        complaint=c,
        root_cause="r",
        corrective_action="c",
        preventive_action="p",
        department="Workshop",
        owner=quality,
        created_by=manager,
        due_date=date(2026, 12, 4),  # Friday
    )
    time_machine.move_to(local(2026, 12, 5, 9, 0), tick=False)  # Saturday: closed
    assert reminders.overdue_due()["action"] == [action.pk]
    assert reminders.action_escalate_overdue(action_id=action.pk) is False
    time_machine.move_to(local(2026, 12, 7, 8, 5), tick=False)  # Monday, open
    assert reminders.action_escalate_overdue(action_id=action.pk) is True
    assert reminders.action_escalate_overdue(action_id=action.pk) is False


def test_the_pause_in_the_history_reads_in_the_reader_s_language(complaint, advisor):
    services.complaint_pause(
        pk=complaint.pk,
        user=advisor,
        version=complaint.version,
        reason=PauseReason.WAITING_FOR_PARTS,
        note="Pads on order",
    )
    row = complaint.history.get(kind=HistoryKind.PAUSED)
    with translation.override("zh-hans"):
        assert row.display_note == f"{PauseReason.WAITING_FOR_PARTS.label} · Pads on order"
        assert row.display_note.startswith("等")
    with translation.override("en"):
        assert row.display_note == "Waiting for parts · Pads on order"

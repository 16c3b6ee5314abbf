"""The complaint jobs: follow-up tries that are due, and late clocks escalated — once each."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from complaints import reminders, services
from complaints.models import CorrectiveAction, State
from complaints.tasks import escalate_overdue, remind_follow_ups
from servicedesk.notifications.models import Notification
from servicedesk.outbox.models import Reminder

from . import factories as f


def kinds(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


# --- follow-up ---------------------------------------------------------------------------------


def test_a_complaint_entering_follow_up_is_due_at_once(complaint, carry):
    c = carry(complaint, State.FOLLOW_UP)
    assert reminders.follow_ups_due() == [(c.pk, None)]


def test_the_next_try_decides_when_it_is_due_again(complaint, carry, advisor, time_machine):
    c = carry(complaint, State.FOLLOW_UP)
    attempt = services.follow_up_record(
        complaint_pk=c.pk, user=advisor, reached=False, next_try=date(2026, 3, 5)
    )
    time_machine.move_to("2026-03-04 10:00+08:00", tick=False)
    assert reminders.follow_ups_due() == []
    time_machine.move_to("2026-03-05 08:00+08:00", tick=False)
    assert reminders.follow_ups_due() == [(c.pk, attempt.pk)]


def test_the_handler_is_reminded_once_per_try(complaint, carry, advisor, manager):
    carry(complaint, State.FOLLOW_UP)
    Notification.objects.all().delete()
    assert remind_follow_ups.delay().get() == 1
    assert remind_follow_ups.delay().get() == 0
    assert kinds(advisor) == ["complaint_follow_up"]
    assert kinds(manager) == []


def test_the_finder_is_one_query(complaint, carry, django_assert_num_queries):
    carry(complaint, State.FOLLOW_UP)
    with django_assert_num_queries(1):
        reminders.follow_ups_due()


# --- overdue clocks ----------------------------------------------------------------------------


def test_a_late_first_response_goes_to_the_manager_and_the_handler(
    complaint, advisor, manager, time_machine
):
    time_machine.move_to(complaint.first_response_due - timedelta(minutes=1))
    assert reminders.overdue_due()["response"] == []
    time_machine.move_to(complaint.first_response_due + timedelta(minutes=1))
    assert reminders.overdue_due()["response"] == [complaint.pk]
    assert escalate_overdue.delay().get() == 1
    assert escalate_overdue.delay().get() == 0  # run twice: one effect
    assert kinds(manager) == ["complaint_overdue"]
    assert kinds(advisor) == ["complaint_overdue"]
    note = Notification.objects.get(recipient=manager)
    assert complaint.number in note.title


def test_no_manager_on_duty_tells_every_manager(complaint, manager, shop, time_machine):
    f.set_duty(manager, shop, False)
    time_machine.move_to(complaint.first_response_due + timedelta(minutes=1))
    reminders.escalate_overdue()
    assert kinds(manager) == ["complaint_overdue"]


def test_a_late_resolution_is_escalated_separately(complaint, manager, carry, time_machine):
    c = carry(complaint, State.INVESTIGATING)  # responded: the first clock has stopped
    time_machine.move_to(c.resolution_due + timedelta(hours=1))
    due = reminders.overdue_due()
    assert (due["response"], due["resolution"]) == ([], [c.pk])
    assert reminders.escalate_overdue() == 1
    assert reminders.escalate_overdue() == 0


def test_closed_complaints_are_not_escalated(complaint, carry, time_machine):
    c = carry(complaint, State.CLOSED)
    time_machine.move_to(c.resolution_due + timedelta(days=30))
    assert reminders.overdue_due() == {"response": [], "resolution": [], "action": []}


def test_a_late_corrective_action_goes_to_the_manager_and_its_owner(
    complaint, carry, advisor, manager, quality, time_machine
):
    c = carry(complaint, State.CORRECTIVE_ACTION)
    action = services.corrective_action_plan(
        complaint_pk=c.pk,
        user=manager,
        root_cause="r",
        corrective_action="c",
        preventive_action="p",
        department="Workshop",
        owner_pk=quality.pk,
        due_date=timezone.localdate() + timedelta(days=2),
    )
    time_machine.move_to(timezone.now() + timedelta(days=3))
    assert reminders.overdue_due()["action"] == [action.pk]
    assert reminders.escalate_overdue() == 1
    assert reminders.escalate_overdue() == 0
    assert "action_overdue" in kinds(manager)
    assert kinds(quality).count("action_overdue") == 1
    assert Reminder.objects.filter(kind="overdue_action").count() == 1
    CorrectiveAction.objects.filter(pk=action.pk).update(result="done", result_at=timezone.now())
    assert reminders.overdue_due()["action"] == []


def test_the_finders_use_the_complaint_clocks(complaint, time_machine, django_assert_num_queries):
    time_machine.move_to(complaint.first_response_due + timedelta(minutes=1))
    with django_assert_num_queries(3):  # one per clock
        reminders.overdue_due()


@pytest.mark.parametrize("severity", ["critical", "minor"])
def test_a_new_due_time_is_escalated_again(complaint, advisor, severity, time_machine):
    time_machine.move_to(complaint.first_response_due + timedelta(days=8))
    assert reminders.escalate_overdue() >= 1
    services.complaint_update(
        pk=complaint.pk, user=advisor, version=complaint.version, severity=severity
    )
    assert reminders.escalate_overdue() >= 1

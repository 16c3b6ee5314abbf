"""An escalation to the manager that nobody answers within its target (30 minutes of the shop's
business time) is escalated again to every manager and supervisor, once per target period."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from complaints import reminders as complaint_reminders
from interactions import reminders
from interactions.services import escalation_respond, interaction_escalate
from servicedesk.accounts.models import Role
from servicedesk.accounts.services import shop_calendar_set
from servicedesk.notifications.models import Notification
from tests.factories import staff

SHANGHAI = ZoneInfo("Asia/Shanghai")


def local(*args) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


@pytest.fixture
def open_hours(shop, manager):
    """Monday to Friday 08:00–18:00; Friday 11 December a holiday."""
    shop_calendar_set(
        user=manager,
        shop_id=shop.pk,
        hours={d: (time(8, 0), time(18, 0)) for d in range(1, 6)},
        holidays=[(date(2026, 12, 11), "Shop's anniversary")],
    )


@pytest.fixture
def second_manager(shop):
    return staff("manager2", shop, Role.MANAGER)


def _again(user) -> int:
    return Notification.objects.filter(recipient=user, kind="escalation_unanswered").count()


def test_an_unanswered_escalation_is_escalated_again_once_per_period(
    open_hours, advisor, manager, second_manager, supervisor, walk_in, time_machine
):
    time_machine.move_to(local(2026, 12, 10, 17, 45), tick=False)  # Thursday evening
    escalation = interaction_escalate(user=advisor, pk=walk_in.pk, reason="Wants a loaner car")
    # 15 minutes on Thursday; Friday a holiday; the weekend closed: due Monday 08:15.
    assert escalation.response_due == local(2026, 12, 14, 8, 15)
    for night in (local(2026, 12, 10, 23, 0), local(2026, 12, 12, 10, 0)):
        time_machine.move_to(night, tick=False)
        assert reminders.escalate_unanswered() == 0
    time_machine.move_to(local(2026, 12, 14, 8, 20), tick=False)
    assert reminders.escalations_unanswered() == [escalation.pk]
    assert complaint_reminders.escalate_overdue() == 1  # the manager's escalation job
    assert reminders.escalate_unanswered() == 0  # run twice: one effect
    # Every manager and supervisor hears, not only the one on duty it went to.
    assert (_again(manager), _again(second_manager), _again(supervisor)) == (1, 1, 1)
    assert _again(advisor) == 0
    time_machine.move_to(local(2026, 12, 14, 8, 44), tick=False)
    assert reminders.escalate_unanswered() == 0  # still the first period
    time_machine.move_to(local(2026, 12, 14, 8, 46), tick=False)
    assert reminders.escalate_unanswered() == 1  # a second period unanswered
    assert _again(second_manager) == 2


def test_an_answered_escalation_is_not_escalated_again(
    open_hours, advisor, manager, walk_in, time_machine
):
    time_machine.move_to(local(2026, 12, 14, 9, 0), tick=False)
    escalation = interaction_escalate(user=advisor, pk=walk_in.pk, reason="Wants a loaner car")
    escalation_respond(user=manager, pk=escalation.pk, response="Loaner tomorrow")
    time_machine.move_to(local(2026, 12, 14, 12, 0), tick=False)
    assert reminders.escalations_unanswered() == []
    assert reminders.escalate_unanswered() == 0


def test_a_shop_without_hours_counts_wall_time(advisor, manager, walk_in, time_machine):
    time_machine.move_to(local(2026, 12, 12, 23, 0), tick=False)  # Saturday night
    escalation = interaction_escalate(user=advisor, pk=walk_in.pk, reason="Wants a loaner car")
    assert escalation.response_due == local(2026, 12, 12, 23, 30)


def test_the_escalation_page_shows_when_the_answer_is_due(
    browser_as, advisor, manager, walk_in, time_machine
):
    time_machine.move_to(local(2026, 12, 14, 9, 0), tick=False)
    escalation = interaction_escalate(user=advisor, pk=walk_in.pk, reason="Wants a loaner car")
    time_machine.move_to(local(2026, 12, 14, 10, 0), tick=False)
    page = browser_as(manager).get(f"/interactions/escalations/{escalation.pk}/").content.decode()
    assert "Answer due" in page and "late" in page

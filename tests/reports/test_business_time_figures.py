"""The annual times to first response and to close count the shop's business hours, less the
time the complaint waited paused: what its clocks count."""

from datetime import time

import pytest
import time_machine

from complaints import services
from complaints.models import PauseReason
from reports.figures import compute_annual
from servicedesk.accounts.services import shop_calendar_set
from tests.complaints.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def test_the_response_and_close_times_are_in_business_hours(shop, advisor, manager):
    shop_calendar_set(
        user=manager,
        shop_id=shop.pk,
        hours={d: (time(8, 0), time(18, 0)) for d in range(1, 6)},
        holidays=[],
    )
    with time_machine.travel("2026-03-06 17:30 +08:00", tick=False):  # Friday
        c = ComplaintFactory(shop=shop, user=advisor)
    with time_machine.travel("2026-03-09 09:00 +08:00", tick=False):  # Monday
        c = services.complaint_transition(pk=c.pk, user=advisor, to="investigating")
        c = services.complaint_pause(
            pk=c.pk, user=advisor, version=c.version, reason=PauseReason.WAITING_FOR_PARTS
        )
    with time_machine.travel("2026-03-10 09:00 +08:00", tick=False):  # Tuesday
        services.complaint_resume(pk=c.pk, user=advisor, version=c.version)
    with time_machine.travel("2026-06-01 10:00 +08:00", tick=False):
        figures = compute_annual(shop.pk, 2026)["complaints"]
    # Half an hour on Friday, an hour on Monday: 1.5 business hours, not 63.5 wall hours.
    assert figures["first_response"]["median_hours"] == 1.5
    assert figures["first_response"]["within_target"] == 1


def test_a_shop_without_hours_keeps_wall_time(shop, advisor):
    with time_machine.travel("2026-03-06 17:30 +08:00", tick=False):
        c = ComplaintFactory(shop=shop, user=advisor)
    with time_machine.travel("2026-03-09 09:00 +08:00", tick=False):
        services.complaint_transition(pk=c.pk, user=advisor, to="investigating")
    with time_machine.travel("2026-06-01 10:00 +08:00", tick=False):
        figures = compute_annual(shop.pk, 2026)["complaints"]
    assert figures["first_response"]["median_hours"] == 63.5

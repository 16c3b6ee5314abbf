"""The "first response within target" figure counts a complaint answered at once as on time,
whatever its severity."""

import pytest
import time_machine

from complaints import services
from reports.figures import compute_annual
from tests.complaints.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("severity", ["critical", "normal", "minor"])
def test_an_answer_within_a_minute_is_within_target(shop, advisor, severity):
    with time_machine.travel("2026-03-02 10:00 +08:00", tick=False):
        complaint = ComplaintFactory(shop=shop, user=advisor, severity=severity)
    with time_machine.travel("2026-03-02 10:01 +08:00", tick=False):
        services.complaint_transition(pk=complaint.pk, user=advisor, to="investigating")
    with time_machine.travel("2026-06-01 10:00 +08:00", tick=False):
        first_response = compute_annual(shop.pk, 2026)["complaints"]["first_response"]
    assert first_response["within_target"] == 1
    assert first_response["within_target_share"] == 100.0

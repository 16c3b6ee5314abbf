"""A corrective action's due date and a follow-up's next try are plausible dates (13.9):
0001-01-01 is refused with the field named, by the service, the API and the page."""

from datetime import date

import pytest
from django.utils.html import escape

from complaints import services
from complaints.models import CorrectiveAction, FollowUp, State
from servicedesk.dates import NOT_PLAUSIBLE
from servicedesk.errors import Invalid

MESSAGE = NOT_PLAUSIBLE % {"first": 2000, "last": 2099}
PLAN = {
    "root_cause": "Torque not checked",
    "corrective_action": "Re-torque",
    "preventive_action": "Calibrate the wrench",
    "department": "Workshop",
}


@pytest.fixture
def corrective(complaint, carry):
    return carry(complaint, State.CORRECTIVE_ACTION)


@pytest.fixture
def follow_up(complaint, carry):
    return carry(complaint, State.FOLLOW_UP)


def test_the_service_refuses_a_due_date_in_year_one(corrective, manager, quality):
    with pytest.raises(Invalid) as err:
        services.corrective_action_plan(
            complaint_pk=corrective.pk,
            user=manager,
            owner_pk=quality.pk,
            due_date=date(1, 1, 1),
            **PLAN,
        )
    assert err.value.field == "due_date" and str(err.value.message) == str(MESSAGE)


@pytest.mark.parametrize("due", ["0001-01-01", "2100-01-01"])
def test_the_api_refuses_an_implausible_due_date(api_as, manager, quality, corrective, due):
    r = api_as(manager).post(
        f"/api/v1/complaints/{corrective.pk}/corrective-actions/",
        {**PLAN, "owner": quality.pk, "due_date": due},
        format="json",
    )
    assert r.status_code == 400 and r.json() == {"due_date": [str(MESSAGE)]}
    assert not CorrectiveAction.objects.filter(complaint=corrective).exists()


def test_the_page_refuses_an_implausible_due_date_and_keeps_the_typing(
    browser_as, manager, quality, corrective
):
    r = browser_as(manager).post(
        f"/complaints/{corrective.pk}/actions/",
        {**PLAN, "owner": quality.pk, "due_date": "0001-01-01"},
    )
    page = r.content.decode()
    assert r.status_code == 400
    assert escape(str(MESSAGE)) in page and 'value="0001-01-01"' in page
    assert "Calibrate the wrench" in page
    assert not CorrectiveAction.objects.filter(complaint=corrective).exists()


def test_the_service_and_the_api_refuse_an_implausible_next_try(api_as, advisor, follow_up):
    with pytest.raises(Invalid) as err:
        services.follow_up_record(
            complaint_pk=follow_up.pk, user=advisor, reached=False, next_try=date(1, 1, 1)
        )
    assert err.value.field == "next_try" and err.value.message == MESSAGE
    r = api_as(advisor).post(
        f"/api/v1/complaints/{follow_up.pk}/follow-ups/",
        {"reached": False, "next_try": "0001-01-01"},
        format="json",
    )
    assert r.status_code == 400 and r.json() == {"next_try": [str(MESSAGE)]}
    assert not FollowUp.objects.filter(complaint=follow_up).exists()

from datetime import date, timedelta

import pytest

from complaints import services
from complaints.models import State
from complaints.permissions import ONLY_A_MANAGER, ONLY_THE_OWNER
from complaints.services import errors as service_errors
from servicedesk.errors import NOT_ALLOWED, Conflict, Forbidden, Invalid


def _plan(c, by, owner, **kw):
    data = dict(
        root_cause="Torque not checked",
        corrective_action="Re-torque",
        preventive_action="Torque wrench calibration",
        department="Workshop",
        owner_pk=owner.pk if owner else None,
        due_date=date.today() + timedelta(days=5),
    )
    data.update(kw)
    return services.corrective_action_plan(complaint_pk=c.pk, user=by, **data)


def test_the_owner_must_be_quality_of_the_shop(complaint, manager, advisor, other_quality):
    with pytest.raises(Invalid) as refused:
        _plan(complaint, manager, advisor)
    assert refused.value.message == service_errors.OWNER_NOT_QUALITY
    with pytest.raises(Invalid) as refused:
        _plan(complaint, manager, other_quality)
    assert refused.value.message == service_errors.OWNER_NOT_QUALITY


def test_every_part_is_required(complaint, manager, quality):
    with pytest.raises(Invalid) as err:
        _plan(complaint, manager, quality, preventive_action="")
    assert err.value.message == service_errors.FIELD_REQUIRED
    assert err.value.field == "preventive_action"


def test_an_advisor_may_not_plan(complaint, advisor, quality):
    with pytest.raises(Forbidden) as refused:
        _plan(complaint, advisor, quality)
    assert refused.value.message == NOT_ALLOWED


def test_only_the_owner_records_the_result(complaint, manager, quality):
    action = _plan(complaint, manager, quality)
    with pytest.raises(Forbidden) as refused:
        services.corrective_action_record_result(pk=action.pk, user=manager, result="done")
    assert refused.value.message == ONLY_THE_OWNER
    action = services.corrective_action_record_result(pk=action.pk, user=quality, result="done")
    assert action.result_at is not None


def test_only_a_manager_verifies_after_the_result(complaint, manager, supervisor, quality):
    action = _plan(complaint, manager, quality)
    with pytest.raises(Conflict) as refused:
        services.corrective_action_verify(pk=action.pk, user=manager, effective=True)
    assert refused.value.message == service_errors.RESULT_MISSING
    services.corrective_action_record_result(pk=action.pk, user=quality, result="done")
    with pytest.raises(Forbidden) as refused:
        services.corrective_action_verify(pk=action.pk, user=supervisor, effective=True)
    assert refused.value.message == ONLY_A_MANAGER
    action = services.corrective_action_verify(pk=action.pk, user=manager, effective=True)
    assert action.effective is True
    with pytest.raises(Conflict) as refused:
        services.corrective_action_verify(pk=action.pk, user=manager, effective=False)
    assert refused.value.message == service_errors.ALREADY_VERIFIED
    with pytest.raises(Conflict) as refused:
        services.corrective_action_record_result(pk=action.pk, user=quality, result="changed")
    assert refused.value.message == service_errors.RESULT_ALREADY_VERIFIED


def test_the_owner_is_notified(complaint, manager, quality):
    _plan(complaint, manager, quality)
    assert quality.notifications.count() == 1


def test_it_shows_overdue_when_past_due_without_result(complaint, manager, quality):
    action = _plan(complaint, manager, quality, due_date=date.today() - timedelta(days=1))
    assert action.is_overdue


def test_nothing_is_planned_on_a_closed_complaint(complaint, manager, quality, carry):
    c = carry(complaint, State.CLOSED)
    with pytest.raises(Conflict) as refused:
        _plan(c, manager, quality)
    assert refused.value.message == service_errors.CLOSED_NO_EDIT


def test_a_planned_action_tells_every_head_of_its_department(complaint, manager, quality, shop):
    from servicedesk.accounts.models import Role
    from servicedesk.notifications.models import Notification
    from tests.factories import staff

    deputy = staff("deputy", shop, Role.QUALITY, department="workshop")  # any letter case
    body_shop = staff("bodyshop", shop, Role.QUALITY, department="Body shop")
    action = _plan(complaint, manager, quality, department="Workshop")
    told = Notification.objects.filter(kind="corrective_action")
    assert sorted(told.values_list("recipient__username", flat=True)) == ["deputy", "quality"]
    assert not told.filter(recipient=body_shop).exists()
    note = told.get(recipient=deputy)
    assert complaint.number in note.title and "Workshop" in note.title
    assert note.url == f"/complaints/{complaint.pk}/"
    # Planned again (another action), each head is told of that one too; never twice of one.
    _plan(complaint, manager, quality, department="Workshop")
    assert told.filter(recipient=deputy).count() == 2
    assert action.owner == quality

"""Seed 003 §1: every employee is responsible for reporting what does not meet the customer's
needs. An internal nonconformity — raised by anyone, a technician on a tablet included, with no
customer — goes through the same workflow to corrective action; where no customer takes part,
there is no customer's confirmation and no follow-up with a customer."""

from datetime import date, timedelta

import pytest

from complaints import services
from complaints.models import Complaint, Source, State
from complaints.services.errors import (
    GUARD_CORRECTION,
    NO_CUSTOMER_TO_CONFIRM,
    NO_CUSTOMER_TO_FOLLOW_UP,
)
from servicedesk.errors import Conflict, Forbidden, NotFound
from tests.vehicles.factories import WorkOrderFactory

FOUND = "Torque wrench on bay 3 is out of calibration"


def _raise(shop, user, **extra):
    return services.complaint_open(
        shop_pk=shop.pk, user=user, source=Source.INTERNAL, customer_words=FOUND, **extra
    )


@pytest.mark.parametrize("role", ["technician", "cashier", "quality", "advisor", "manager"])
def test_any_employee_raises_one_without_a_customer(request, shop, role):
    user = request.getfixturevalue(role)
    c = _raise(shop, user)
    assert (c.source, c.state, c.received_by, c.customer) == ("internal", "received", user, None)
    assert c.channel == "in_person" and not c.customer_facing


def test_the_reporting_client_and_outsiders_do_not(shop, reporting, outsider):
    with pytest.raises(Forbidden):
        _raise(shop, reporting)
    with pytest.raises(NotFound):
        _raise(shop, outsider)


def test_a_technician_still_takes_in_no_customer_complaint(shop, technician):
    with pytest.raises(Forbidden):
        services.complaint_open(
            shop_pk=shop.pk, user=technician, customer_words="Brakes", channel="phone"
        )


def test_about_a_work_order_it_names_its_customer_and_follows_the_customer_path(
    shop, technician, advisor
):
    order = WorkOrderFactory(shop=shop, advisor=advisor)
    c = _raise(shop, technician, work_order_pk=order.pk)
    assert c.customer == order.customer and c.customer_facing


def _investigated(c, *, advisor, manager):
    c = services.complaint_transition(pk=c.pk, user=advisor, to=State.INVESTIGATING)
    c = services.complaint_update(
        pk=c.pk, user=advisor, version=c.version, category="workmanship", responsibility="shop"
    )
    c = services.complaint_update(pk=c.pk, user=manager, version=c.version, nature="Tooling")
    return services.complaint_transition(pk=c.pk, user=advisor, to=State.RESOLVING)


def test_it_goes_to_corrective_action_and_closes_without_a_customer(
    shop, technician, advisor, manager, quality
):
    c = _investigated(_raise(shop, technician), advisor=advisor, manager=manager)
    assert "confirm" not in services.complaint_actions(c, advisor)
    with pytest.raises(Conflict) as refused:
        services.complaint_confirm(pk=c.pk, user=advisor, signed_name="x", method="phone")
    assert refused.value.message == NO_CUSTOMER_TO_CONFIRM
    with pytest.raises(Conflict) as refused:
        services.complaint_transition(pk=c.pk, user=manager, to=State.CUSTOMER_CONFIRMED)
    assert refused.value.message == GUARD_CORRECTION
    c = services.complaint_update(
        pk=c.pk, user=advisor, version=c.version, immediate_response="Wrench taken out of use"
    )
    c = services.complaint_transition(
        pk=c.pk, user=manager, to=State.CUSTOMER_CONFIRMED, note="Accepted internally"
    )
    assert c.resolved_at is not None
    c = services.complaint_transition(pk=c.pk, user=manager, to=State.CORRECTIVE_ACTION)
    action = services.corrective_action_plan(
        complaint_pk=c.pk,
        user=manager,
        root_cause="No calibration schedule",
        corrective_action="Calibrate every wrench",
        preventive_action="Quarterly calibration on the tool register",
        department="Workshop",
        owner_pk=quality.pk,
        due_date=date.today() + timedelta(days=7),
    )
    services.corrective_action_record_result(pk=action.pk, user=quality, result="Calibrated")
    services.corrective_action_verify(pk=action.pk, user=manager, effective=True)
    c = services.complaint_transition(pk=c.pk, user=manager, to=State.FOLLOW_UP)
    assert "follow_up" not in services.complaint_actions(c, advisor)
    with pytest.raises(Conflict) as refused:
        services.follow_up_record(complaint_pk=c.pk, user=advisor, reached=False)
    assert refused.value.message == NO_CUSTOMER_TO_FOLLOW_UP
    assert "to:closed" in services.complaint_actions(c, manager)
    c = services.complaint_transition(pk=c.pk, user=manager, to=State.CLOSED)
    assert c.state == State.CLOSED


def test_no_follow_up_reminder_is_due_for_it(shop, technician, advisor, manager):
    from complaints.reminders import follow_ups_due

    c = _raise(shop, technician)
    Complaint.objects.filter(pk=c.pk).update(state=State.FOLLOW_UP)
    assert follow_ups_due() == []

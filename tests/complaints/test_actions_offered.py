"""Pages ask, they don't restate: every action ``complaint_actions`` (and
``corrective_action_actions``) offers, the service accepts, and every action the service accepts
is offered — for complaints in each state, for each role. The service is called in a savepoint
rolled back after; a refusal for the content a move checks (a category, a remedy, a result) is
not a refusal of who or when, and counts as accepted."""

from datetime import date, timedelta

import pytest
from django.db import transaction

from complaints import services
from complaints.models import STATE_ORDER, Complaint, State
from servicedesk.accounts.models import Role
from servicedesk.errors import Conflict, Forbidden, NotFound
from tests.complaints.factories import ComplaintFactory
from tests.factories import staff
from tests.vehicles.factories import SupplierFactory

from . import factories as f

# The guards of a move's content: the service says what is missing, the page still offers it.
CONTENT = {
    "guard_category",
    "guard_remedy",
    "guard_pending",
    "guard_confirmation",
    "guard_supplier_deduction",
    "guard_action_planned",
    "guard_action_result",
    "guard_action_verified",
    "guard_action_effective",
    "guard_follow_up",
    "guard_correction",
}


class _Rollback(Exception):
    pass


def _accepted(call) -> bool:
    try:
        with transaction.atomic():
            call()
            raise _Rollback
    except _Rollback:
        return True
    except Conflict as refusal:
        return refusal.code in CONTENT
    except (Forbidden, NotFound):
        return False


@pytest.fixture
def people(shop, other_shop, advisor, manager, supervisor, quality, cashier, reporting, technician):
    return {
        "advisor": advisor,
        "manager": manager,
        "supervisor": supervisor,
        "quality": quality,
        "cashier": cashier,
        "reporting": reporting,
        "technician": technician,
        "other shop's manager": staff("southmanager", other_shop, Role.MANAGER, on_duty=True),
    }


def _service_calls(c, *, quality, supplier):
    """Each action name with the service call that does it, with valid input."""
    calls = {
        "edit": lambda by: services.complaint_update(
            pk=c.pk, user=by, version=c.version, immediate_response="Called back"
        ),
        "determine_nature": lambda by: services.complaint_update(
            pk=c.pk, user=by, version=c.version, nature="A worn part"
        ),
        "propose": lambda by: services.remedy_propose(
            complaint_pk=c.pk, user=by, kind="rework", amount="10"
        ),
        "confirm": lambda by: services.complaint_confirm(
            pk=c.pk, user=by, signed_name="Zhou Min", method="phone"
        ),
        "follow_up": lambda by: services.follow_up_record(
            complaint_pk=c.pk, user=by, reached=False
        ),
        "plan": lambda by: services.corrective_action_plan(
            complaint_pk=c.pk,
            user=by,
            root_cause="Worn",
            corrective_action="Replace",
            preventive_action="Check",
            department="Workshop",
            owner_pk=quality.pk,
            due_date=date.today() + timedelta(days=7),
        ),
        "raise_deduction": lambda by: services.supplier_deduction_raise(
            complaint_pk=c.pk,
            user=by,
            amount="10",
            part="Pads",
            improvement_request="Better pads",
            supplier_pk=supplier.pk,
        ),
        "pause": lambda by: services.complaint_pause(
            pk=c.pk, user=by, version=c.version, reason="waiting_for_parts"
        ),
        "resume": lambda by: services.complaint_resume(pk=c.pk, user=by, version=c.version),
    }
    for to in State.values:
        if c.state == State.CLOSED and to != State.INVESTIGATING:
            continue  # from closed there is one move, reopening; its name is "reopen"
        calls[services.transition_action(c, to)] = lambda by, to=to: services.complaint_transition(
            pk=c.pk, user=by, to=to, note="Because"
        )
    return calls


VARIANTS = {
    "shop": {"responsibility": "shop", "category": "workmanship"},
    "supplier": {"responsibility": "supplier", "category": "product_quality"},
    "customer": {"responsibility": "customer", "category": "other"},
    "service content": {"responsibility": "shop", "category": "service_content_error"},
    # Seed 003 §1: no customer takes part (no confirmation, no follow-up with a customer).
    "internal": {
        "responsibility": "shop",
        "category": "workmanship",
        "source": "internal",
        "customer": None,
        "customer_name": "",
    },
}


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("state", STATE_ORDER)
def test_complaint_actions_are_what_the_services_accept(
    state, variant, shop, people, advisor, manager, quality
):
    supplier = SupplierFactory(shop=shop)
    c = f.advance(
        ComplaintFactory(shop=shop, user=advisor),
        to=state,
        advisor=advisor,
        manager=manager,
        quality=quality,
    )
    Complaint.objects.filter(pk=c.pk).update(**VARIANTS[variant])
    mismatches = []
    for who, user in people.items():
        c.refresh_from_db()
        offered = services.complaint_actions(c, user)
        for name, call in _service_calls(c, quality=quality, supplier=supplier).items():
            if (name in offered) != _accepted(lambda call=call, user=user: call(user)):
                mismatches.append((who, name, "offered" if name in offered else "not offered"))
        assert offered <= set(_service_calls(c, quality=quality, supplier=supplier)), who
    assert not mismatches


@pytest.mark.parametrize("stage", ["planned", "result", "verified"])
def test_corrective_action_actions_are_what_the_services_accept(
    stage, shop, people, advisor, manager, quality
):
    c = f.advance(
        ComplaintFactory(shop=shop, user=advisor),
        to=State.CORRECTIVE_ACTION,
        advisor=advisor,
        manager=manager,
        quality=quality,
    )
    action = services.corrective_action_plan(
        complaint_pk=c.pk,
        user=manager,
        root_cause="Worn",
        corrective_action="Replace",
        preventive_action="Check",
        department="Workshop",
        owner_pk=quality.pk,
        due_date=date.today() + timedelta(days=7),
    )
    if stage in ("result", "verified"):
        services.corrective_action_record_result(pk=action.pk, user=quality, result="Done")
    if stage == "verified":
        services.corrective_action_verify(pk=action.pk, user=manager, effective=True)
    calls = {
        "record": lambda by: services.corrective_action_record_result(
            pk=action.pk, user=by, result="Done again"
        ),
        "verify": lambda by: services.corrective_action_verify(
            pk=action.pk, user=by, effective=True
        ),
    }
    mismatches = []
    for who, user in people.items():
        action.refresh_from_db()
        offered = services.corrective_action_actions(action, user)
        for name, call in calls.items():
            if (name in offered) != _accepted(lambda call=call, user=user: call(user)):
                mismatches.append((who, name, "offered" if name in offered else "not offered"))
    assert not mismatches


def test_the_api_says_what_the_caller_may_do(api_as, shop, advisor, manager, quality, reporting):
    c = ComplaintFactory(shop=shop, user=advisor)
    mine = api_as(advisor).get(f"/api/v1/complaints/{c.pk}/").json()["allowed_actions"]
    assert mine == sorted(services.complaint_actions(c, advisor))
    assert {"edit", "propose", "to:investigating"} <= set(mine)
    looker = api_as(reporting).get(f"/api/v1/complaints/{c.pk}/").json()["allowed_actions"]
    assert looker == []
    c = f.advance(c, to=State.CORRECTIVE_ACTION, advisor=advisor, manager=manager, quality=quality)
    response = api_as(manager).post(
        f"/api/v1/complaints/{c.pk}/corrective-actions/",
        {
            "root_cause": "Worn",
            "corrective_action": "Replace",
            "preventive_action": "Check",
            "department": "Workshop",
            "owner": quality.pk,
            "due_date": str(date.today() + timedelta(days=7)),
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["allowed_actions"] == []  # the manager verifies once there is a result
    pk = response.json()["id"]
    recorded = api_as(quality).post(
        f"/api/v1/corrective-actions/{pk}/result/", {"result": "Done"}, format="json"
    )
    assert recorded.status_code == 200, recorded.json()
    assert recorded.json()["allowed_actions"] == ["record"]

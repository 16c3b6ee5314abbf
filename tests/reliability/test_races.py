"""Concurrent staff on PostgreSQL, with real threads and real row locks (transactional tests):
one decision per remedy, no lost edits from stale copies, one winner per transition."""

import threading

import pytest
from django.db import connection, connections

from complaints import services as cs
from complaints.models import ComplaintHistory, Remedy, RemedyStatus, State
from servicedesk.accounts.models import Role
from servicedesk.errors import Conflict
from tests.complaints.factories import ComplaintFactory
from tests.factories import staff
from tests.vehicles import factories as vf
from tests.vehicles.factories import CustomerFactory, WorkOrderFactory
from vehicles import services as vs
from vehicles.models import WorkOrder, WorkOrderEvent

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent sessions are only real on PostgreSQL")


def race(calls) -> list[str]:
    """Run the calls at the same moment, each on its own connection: 'ok' or 'conflict' each."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def run(call):
        try:
            barrier.wait()
            call()
            outcomes.append("ok")
        except Conflict:
            outcomes.append("conflict")
        except BaseException as exc:  # surfaced below, not lost in the thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return sorted(outcomes)


def test_twenty_approvers_decide_a_remedy_once(shop, advisor):
    approvers = [staff(f"approver{i}", shop, Role.MANAGER, on_duty=True) for i in range(20)]
    complaint = ComplaintFactory(shop=shop, user=advisor)
    remedy = cs.remedy_propose(complaint_pk=complaint.pk, user=advisor, kind="refund", amount="500")
    calls = [
        (
            lambda u=u, i=i: cs.remedy_decide(
                pk=remedy.pk, user=u, approve=i % 2 == 0, note=u.username
            )
        )
        for i, u in enumerate(approvers)
    ]
    assert race(calls) == ["conflict"] * 19 + ["ok"]
    remedy = Remedy.objects.get(pk=remedy.pk)
    assert remedy.status in (RemedyStatus.APPROVED, RemedyStatus.REJECTED)
    decisions = ComplaintHistory.objects.filter(
        complaint=complaint, kind__in=["remedy_approved", "remedy_rejected"]
    )
    assert decisions.count() == 1
    decision = decisions.get()
    assert decision.by_id == remedy.decided_by_id
    assert decision.note.endswith(remedy.decision_note)


def test_two_advisors_editing_a_complaint_from_the_same_copy(shop, advisor):
    other = staff("advisor2", shop, Role.ADVISOR)
    complaint = ComplaintFactory(shop=shop, user=advisor)
    read = complaint.version
    calls = [
        lambda: cs.complaint_update(
            pk=complaint.pk, user=advisor, version=read, severity="critical"
        ),
        lambda: cs.complaint_update(pk=complaint.pk, user=other, version=read, severity="minor"),
    ]
    assert race(calls) == ["conflict", "ok"]
    complaint.refresh_from_db()
    assert complaint.version == read + 1
    edits = ComplaintHistory.objects.filter(complaint=complaint, kind="edit")
    assert edits.count() == 1
    # The winner's value stands, and the history says who set it.
    winner = edits.get()
    assert complaint.severity == {advisor.pk: "critical", other.pk: "minor"}[winner.by_id]


def test_two_advisors_editing_a_work_order_from_the_same_copy(shop, advisor):
    other = staff("advisor2", shop, Role.ADVISOR)
    wo = WorkOrderFactory(shop=shop, advisor=advisor)
    read = wo.version
    calls = [
        lambda: vs.work_order_update(pk=wo.pk, user=advisor, version=read, cause="Worn pads"),
        lambda: vs.work_order_update(pk=wo.pk, user=other, version=read, cause="Warped disc"),
    ]
    assert race(calls) == ["conflict", "ok"]
    wo = WorkOrder.objects.get(pk=wo.pk)
    assert wo.version == read + 1 and wo.cause in ("Worn pads", "Warped disc")


def test_a_work_order_edit_without_the_version_read_is_refused(api_as, shop, advisor):
    wo = WorkOrderFactory(shop=shop, advisor=advisor)
    response = api_as(advisor).patch(
        f"/api/v1/work-orders/{wo.pk}/", {"cause": "Overwrites blindly"}, format="json"
    )
    assert response.status_code == 400 and "version" in response.json()
    assert WorkOrder.objects.get(pk=wo.pk).cause == ""


def test_two_transitions_of_a_complaint_at_once(shop, advisor, manager):
    complaint = ComplaintFactory(shop=shop, user=advisor)
    calls = [
        lambda: cs.complaint_transition(pk=complaint.pk, user=advisor, to=State.INVESTIGATING),
        lambda: cs.complaint_transition(pk=complaint.pk, user=manager, to=State.INVESTIGATING),
    ]
    assert race(calls) == ["conflict", "ok"]
    moves = ComplaintHistory.objects.filter(complaint=complaint, kind="transition")
    assert moves.count() == 1


def test_two_starts_of_a_work_order_at_once(shop, advisor, technician):
    wo = WorkOrderFactory(shop=shop, advisor=advisor, lines=1)
    vf.authorize(wo, advisor)
    calls = [
        lambda: vs.work_order_start(pk=wo.pk, user=advisor),
        lambda: vs.work_order_start(pk=wo.pk, user=technician),
    ]
    assert race(calls) == ["conflict", "ok"]
    wo = WorkOrder.objects.get(pk=wo.pk)
    assert wo.status == "in_progress"
    assert WorkOrderEvent.objects.filter(work_order=wo, to_status="in_progress").count() == 1


def test_eight_cashiers_settle_the_money_to_pay_a_customer_once(shop, advisor):
    from complaints.models import CustomerSettlement, HistoryKind

    manager = staff("settlemanager", shop, Role.MANAGER, on_duty=True)
    cashiers = [staff(f"cashier{i}", shop, Role.CASHIER) for i in range(8)]
    complaint = ComplaintFactory(shop=shop, user=advisor)
    remedy = cs.remedy_propose(complaint_pk=complaint.pk, user=advisor, kind="refund", amount="260")
    cs.remedy_decide(pk=remedy.pk, user=manager, approve=True)
    line = CustomerSettlement.objects.get(remedy=remedy)
    calls = [
        (lambda u=u: cs.customer_settlement_settle(pk=line.pk, user=u, reference=u.username))
        for u in cashiers
    ]
    assert race(calls) == ["conflict"] * 7 + ["ok"]
    line.refresh_from_db()
    settled = ComplaintHistory.objects.filter(
        complaint=complaint, kind=HistoryKind.SETTLEMENT_SETTLED
    )
    assert settled.count() == 1
    assert settled.get().by_id == line.settled_by_id
    assert line.settlement_reference == line.settled_by.username


def race_api(user, path: str, bodies: list[dict]) -> list[int]:
    """POST each body at the same moment, each from its own client and connection: the statuses."""
    from rest_framework.test import APIClient

    barrier = threading.Barrier(len(bodies))
    statuses: list[int] = []

    def run(body):
        client = APIClient(raise_request_exception=False)
        client.force_authenticate(user)
        try:
            barrier.wait()
            statuses.append(client.post(path, body, format="json").status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(statuses)


def test_twenty_registrations_of_one_vin_make_one_vehicle(shop, advisor):
    from vehicles.models import Vehicle

    owner = CustomerFactory(shop=shop)
    vin = vf.valid_vin()
    body = {"owner": owner.pk, "vin": vin, "make": "BYD", "model": "Han"}
    statuses = race_api(advisor, "/api/v1/vehicles/", [body] * 20)
    assert statuses.count(201) == 1 and set(statuses) <= {201, 400, 409}, statuses
    assert Vehicle.objects.filter(shop=shop, vin=vin).count() == 1


def test_twenty_additions_of_one_supplier_in_two_cases_make_one(shop, advisor):
    from vehicles.models import Supplier

    names = ["RACE SUPPLIER", "Race Supplier"] * 10
    bodies = [{"name": name} for name in names]
    statuses = race_api(advisor, f"/api/v1/suppliers/?shop={shop.pk}", bodies)
    assert statuses.count(201) == 1 and set(statuses) <= {201, 400, 409}, statuses
    assert Supplier.objects.filter(shop=shop, name__iexact="race supplier").count() == 1

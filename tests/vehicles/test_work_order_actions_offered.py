"""Pages ask, they don't restate: for a work order in each status, for each role, the steps
``work_order_actions`` offers are exactly those the services' guard (``_lock``: the role, then
the status, from the one ``ACTIONS`` table) lets through."""

import pytest
from django.db import transaction

from servicedesk.accounts.models import Role
from servicedesk.errors import Conflict, Forbidden, NotFound
from tests.factories import staff
from tests.vehicles.factories import WorkOrderFactory
from vehicles.models import Inspection, WorkOrder, WorkOrderStatus
from vehicles.services import work_order_actions
from vehicles.services.work_orders import ACTIONS, _lock


class _Rollback(Exception):
    pass


def _accepted(work_order, action, user) -> bool:
    try:
        with transaction.atomic():
            _lock(work_order.pk, action=action, user=user)
            raise _Rollback
    except _Rollback:
        return True
    except (Conflict, Forbidden, NotFound):
        return False


@pytest.mark.parametrize("status", WorkOrderStatus.values)
def test_work_order_actions_are_what_the_services_accept(
    status, shop, other_shop, advisor, manager, technician, quality, cashier, reporting
):
    people = {
        "advisor": advisor,
        "manager": manager,
        "technician": technician,
        "quality": quality,
        "cashier": cashier,
        "reporting": reporting,
        "other shop's advisor": staff("southadvisor", other_shop, Role.ADVISOR),
    }
    wo = WorkOrderFactory(shop=shop, advisor=advisor)
    WorkOrder.objects.filter(pk=wo.pk).update(status=status)
    mismatches = []
    for who, user in people.items():
        wo = WorkOrder.objects.prefetch_related("inspections").get(pk=wo.pk)
        offered = work_order_actions(wo, user)
        for action in ACTIONS:
            if (action in offered) != _accepted(wo, action, user):
                mismatches.append((who, action, "offered" if action in offered else "refused"))
    assert not mismatches


def test_the_api_says_which_steps_the_caller_may_take(api_as, shop, advisor, technician):
    wo = WorkOrderFactory(shop=shop, advisor=advisor)
    for user in (advisor, technician):
        body = api_as(user).get(f"/api/v1/work-orders/{wo.pk}/").json()
        fresh = WorkOrder.objects.prefetch_related("inspections").get(pk=wo.pk)
        assert body["allowed_actions"] == sorted(work_order_actions(fresh, user))
    assert (
        "authorize"
        in api_as(advisor).get(f"/api/v1/work-orders/{wo.pk}/").json()["allowed_actions"]
    )


def test_the_api_list_says_which_steps_the_caller_may_take_on_each_row(
    api_as, shop, advisor, technician
):
    inspected = WorkOrderFactory(shop=shop, advisor=advisor)
    Inspection.objects.create(
        shop=shop, work_order=inspected, vehicle=inspected.vehicle, inspected_by=advisor
    )
    plain = WorkOrderFactory(shop=shop, advisor=advisor)
    for user in (advisor, technician):
        rows = api_as(user).get("/api/v1/work-orders/?page_size=100").json()["results"]
        offered = {row["id"]: row["allowed_actions"] for row in rows}
        for wo in (inspected, plain):
            fresh = WorkOrder.objects.prefetch_related("inspections").get(pk=wo.pk)
            assert offered[wo.pk] == sorted(work_order_actions(fresh, user))
    assert "inspect" in offered[plain.pk]
    assert "inspect" not in offered[inspected.pk]

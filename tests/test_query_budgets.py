"""Query budgets: every list page and list endpoint costs the same number of queries whether the
shop has a few records or more (so an N+1 regression fails here, in CI, not in the benchmark),
and no more than its budget.

Each case is read at two sizes of the same shop: with 2 "visits" and with 5. A visit is one of
everything a shop's day produces — a new customer and car, a work order with lines (in a
different status each time) and its inspection and invoice, an interaction of today with an
escalation and a logged call, a complaint with a pending remedy, an approved compensation to pay
the customer (every other one paid), a corrective action and a supplier deduction,
notifications — and every visit also lands on one regular customer's car,
so that customer's and car's histories grow too.
"""

import itertools
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from complaints.models import (
    Complaint,
    ComplaintHistory,
    CorrectiveAction,
    CustomerSettlement,
    Remedy,
    SupplierDeduction,
)
from interactions.models import CommunicationLog, Escalation, Interaction
from servicedesk.notifications.models import Notification
from vehicles.models import (
    Customer,
    Inspection,
    InspectionItem,
    Invoice,
    Supplier,
    Vehicle,
    WorkOrder,
    WorkOrderLine,
    WorkOrderStatus,
)

from .vehicles.factories import valid_vin

_ids = itertools.count(1)
STATUSES = list(WorkOrderStatus)

# (name, url — {regular_customer} / {regular_vehicle} filled in —, who asks, how, budget).
# The budgets are today's counts: a query more fails; one fewer is a reason to lower the budget.
# API calls authenticate without a session (force_authenticate); pages carry the session's,
# the user's and the context processors' queries.
CASES = [
    # REST endpoints
    ("api customers", "/api/v1/customers/", "advisor", "api", 2),
    ("api vehicles", "/api/v1/vehicles/", "advisor", "api", 2),
    # The histories read the messages sent to the customer too (the outbox, issue 15): +1.
    ("api vehicle history", "/api/v1/vehicles/{regular_vehicle}/history/", "advisor", "api", 10),
    ("api work orders", "/api/v1/work-orders/", "advisor", "api", 2),
    # One more since the items carry their videos too (one prefetch, whatever the size).
    ("api inspections", "/api/v1/inspections/", "advisor", "api", 5),
    ("api invoices", "/api/v1/invoices/", "advisor", "api", 2),
    ("api suppliers", "/api/v1/suppliers/", "advisor", "api", 2),
    ("api interactions", "/api/v1/interactions/", "advisor", "api", 2),
    ("api escalations", "/api/v1/escalations/", "manager", "api", 2),
    ("api communications", "/api/v1/communications/", "advisor", "api", 2),
    ("api complaints", "/api/v1/complaints/", "advisor", "api", 3),
    ("api complaints filtered", "/api/v1/complaints/?state=received", "advisor", "api", 3),
    ("api supplier deductions", "/api/v1/supplier-deductions/", "cashier", "api", 2),
    ("api customer settlements", "/api/v1/customer-settlements/", "cashier", "api", 2),
    ("api notifications", "/api/v1/notifications/", "advisor", "api", 2),
    # Pages
    ("page customers", "/customers/", "advisor", "page", 5),
    ("page counter search", "/customers/?q=Budget", "advisor", "page", 6),
    ("page customer history", "/customers/{regular_customer}/", "advisor", "page", 15),
    ("page vehicle history", "/vehicles/{regular_vehicle}/", "advisor", "page", 17),
    ("page work-order board", "/work-orders/", "advisor", "page", 10),
    ("page advisor's desk", "/desk/", "advisor", "page", 6),
    ("page interactions", "/interactions/", "advisor", "page", 6),
    ("page team", "/interactions/team/", "manager", "page", 6),
    ("page escalations", "/interactions/escalations/", "manager", "page", 6),
    ("page communications", "/interactions/communications/", "advisor", "page", 6),
    ("page complaints", "/complaints/", "advisor", "page", 8),
    ("page complaints filtered", "/complaints/?state=received", "advisor", "page", 8),
    ("page approvals", "/complaints/approvals/", "manager", "page", 7),
    ("page corrective actions", "/complaints/actions/", "quality", "page", 5),
    ("page supplier deductions", "/complaints/deductions/", "cashier", "page", 5),
    ("page to pay customers", "/complaints/settlements/?show=all", "cashier", "page", 5),
    (
        "page complaint register",
        "/complaints/register.csv?received_from=2000-01-01&received_to=2099-12-31",
        "manager",
        "page",
        5,
    ),
    ("page notifications", "/notifications/", "advisor", "page", 6),
]


class Shopfloor:
    """Adds visits to a shop; see the module's docstring."""

    def __init__(self, shop, people):
        self.shop = shop
        self.people = people
        self.supplier = Supplier.objects.create(shop=shop, name="Budget Parts")
        self.regular = self._customer()
        self.regular_car = self._vehicle(self.regular)

    def _customer(self) -> Customer:
        n = next(_ids)
        return Customer.objects.create(shop=self.shop, name=f"Budget {n}", phone=f"139{n:08d}")

    def _vehicle(self, owner) -> Vehicle:
        vin = valid_vin()
        n = next(_ids)
        return Vehicle.objects.create(
            shop=self.shop,
            owner=owner,
            vin=vin,
            vin_tail=vin[-6:],
            plate=f"京B{n:05d}",
            make="Volkswagen",
            model="Lavida",
        )

    def visits(self, count: int) -> None:
        for _ in range(count):
            customer = self._customer()
            car = self._vehicle(customer)
            self._visit(customer, car)
            self._visit(self.regular, self.regular_car)

    def _visit(self, customer, car) -> None:
        p, shop, now = self.people, self.shop, timezone.now()
        n = next(_ids)
        status = STATUSES[n % len(STATUSES)]
        stamps = {f"{status}_at": now} if status not in ("open", "in_progress") else {}
        order = WorkOrder.objects.create(
            shop=shop,
            number=f"WO-2026-{n:05d}",
            year=2026,
            sequence=n,
            vehicle=car,
            customer=customer,
            advisor=p["advisor"],
            status=status,
            concern="Squeal from the front brakes",
            promised_at=now + timedelta(hours=3),
            **stamps,
        )
        line = None
        for kind in ("labour", "part"):
            line = WorkOrderLine.objects.create(
                work_order=order,
                kind=kind,
                description=f"{kind} {n}",
                unit_price=Decimal("100"),
                technician=p["technician"],
                supplier=self.supplier if kind == "part" else None,
            )
        Invoice.objects.create(
            shop=shop,
            work_order=order,
            number=f"INV-2026-{n:05d}",
            year=2026,
            sequence=n,
            language="en",
            net=Decimal("200"),
            tax=Decimal("0"),
            total=Decimal("200"),
            issued_at=now,
            issued_by=p["advisor"],
        )
        inspection = Inspection.objects.create(
            shop=shop, work_order=order, vehicle=car, inspected_by=p["technician"]
        )
        InspectionItem.objects.create(
            inspection=inspection, shop=shop, name="Tyres", condition="yellow", price=Decimal("80")
        )
        interaction = Interaction.objects.create(
            shop=shop,
            customer=customer,
            vehicle=car,
            work_order=order,
            channel="walk_in",
            advisor=p["advisor"],
            stage=["greet", "know_need", "confirm", "help", "keep"][n % 5],
            greet_at=now - timedelta(minutes=5),
        )
        Escalation.objects.create(
            interaction=interaction,
            shop=shop,
            kind="unexpected_demand",
            stage=interaction.stage,
            reason="Wants a loaner car",
            raised_by=p["advisor"],
            raised_at=now,
            assigned_to=p["manager"],
        )
        CommunicationLog.objects.create(
            shop=shop,
            customer=customer,
            vehicle=car,
            interaction=interaction,
            direction="inbound",
            channel="phone",
            kind="inquiry",
            summary="When is it ready?",
            by=p["advisor"],
            at=now,
        )
        complaint = Complaint.objects.create(
            shop=shop,
            number=f"C2026-{n:04d}",
            year=2026,
            sequence=n,
            source="direct",
            channel="phone",
            customer=customer,
            vehicle=car,
            work_order=order,
            work_order_line=line,
            interaction=interaction,
            customer_words="Still squeals",
            received_by=p["advisor"],
            received_at=now,
            first_response_due=now + timedelta(hours=2),
            resolution_due=now + timedelta(days=3),
            responsibility="supplier",
            supplier=self.supplier,
        )
        ComplaintHistory.objects.create(
            complaint=complaint, kind="opened", by=p["advisor"], to_state="received"
        )
        Remedy.objects.create(
            complaint=complaint,
            kind="discount",
            amount=Decimal("150"),
            proposed_by=p["advisor"],
            status="pending",
        )
        compensation = Remedy.objects.create(
            complaint=complaint,
            kind="compensation",
            amount=Decimal("80"),
            proposed_by=p["advisor"],
            status="approved",
            decided_by=p["manager"],
            decided_at=now,
        )
        CustomerSettlement.objects.create(
            shop=shop,
            complaint=complaint,
            remedy=compensation,
            kind="compensation",
            amount=Decimal("80"),
            **({"settled_at": now, "settled_by": p["cashier"]} if n % 2 else {}),
        )
        CorrectiveAction.objects.create(
            complaint=complaint,
            root_cause="No shims",
            corrective_action="Refit",
            preventive_action="Checklist",
            department="Workshop",
            owner=p["quality"],
            due_date=timezone.localdate() + timedelta(days=7),
            created_by=p["manager"],
        )
        SupplierDeduction.objects.create(
            shop=shop,
            complaint=complaint,
            supplier=self.supplier,
            work_order_line=line,
            part="Pads",
            amount=Decimal("50"),
            improvement_request="Ship the shims",
            raised_by=p["manager"],
        )
        for user in (p["advisor"], p["manager"]):
            Notification.objects.create(
                recipient=user, shop=shop, kind="budget", title=f"Note {n}", url="/"
            )


@pytest.fixture
def people(advisor, technician, manager, quality, cashier):
    return {
        "advisor": advisor,
        "technician": technician,
        "manager": manager,
        "quality": quality,
        "cashier": cashier,
    }


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


@pytest.mark.parametrize(
    ("url", "role", "how", "budget"),
    [pytest.param(url, role, how, budget, id=name) for name, url, role, how, budget in CASES],
)
def test_the_query_count_does_not_grow_with_the_list(
    url, role, how, budget, shop, people, client, api
):
    floor = Shopfloor(shop, people)
    user = people[role]
    if how == "api":
        api.force_authenticate(user=user)
        asker = api
    else:
        client.force_login(user)
        asker = client
    url = url.format(regular_customer=floor.regular.pk, regular_vehicle=floor.regular_car.pk)
    floor.visits(2)
    asker.get(url)  # the first request of a session may warm caches (e.g. the session itself)
    small = _count(asker, url)
    floor.visits(3)
    large = _count(asker, url)
    assert small == large, f"{url}: {small} queries with 2 visits, {large} with 5"
    assert large <= budget, f"{url}: {large} queries, over the budget of {budget}"

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

from complaints import services as cs
from complaints.models import CustomerSettlement
from demo.world import World
from interactions.services import communication_log
from interactions.services import interaction_escalate as escalate
from servicedesk.notifications.models import Notification
from vehicles.models import Customer, WorkOrderStatus

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
    # The complaints behind a bar of the quality figures (this year so far: every visit's).
    (
        "api quality complaints",
        "/api/v1/reports/quality/complaints/?by=responsibility&key=supplier",
        "manager",
        "api",
        3,
    ),
    (
        "api complaint register",
        "/api/v1/complaints/register/?from=2000-01-01&to=2099-12-31&format=xlsx",
        "manager",
        "api",
        3,
    ),
    # Pages. Each page's top bar reads the user's groups of shops (the group dashboards): +1.
    ("page customers", "/customers/", "advisor", "page", 6),
    ("page counter search", "/customers/?q=Budget", "advisor", "page", 7),
    ("page customer history", "/customers/{regular_customer}/", "advisor", "page", 16),
    ("page vehicle history", "/vehicles/{regular_vehicle}/", "advisor", "page", 17),
    ("page work-order board", "/work-orders/", "advisor", "page", 11),
    ("page advisor's desk", "/desk/", "advisor", "page", 7),
    ("page interactions", "/interactions/", "advisor", "page", 7),
    ("page team", "/interactions/team/", "manager", "page", 7),
    ("page escalations", "/interactions/escalations/", "manager", "page", 7),
    ("page communications", "/interactions/communications/", "advisor", "page", 7),
    ("page complaints", "/complaints/", "advisor", "page", 8),
    ("page complaints filtered", "/complaints/?state=received", "advisor", "page", 8),
    ("page approvals", "/complaints/approvals/", "manager", "page", 8),
    ("page corrective actions", "/complaints/actions/", "quality", "page", 6),
    ("page supplier deductions", "/complaints/deductions/", "cashier", "page", 6),
    ("page to pay customers", "/complaints/settlements/?show=all", "cashier", "page", 6),
    (
        "page complaint register",
        "/complaints/register.csv?received_from=2000-01-01&received_to=2099-12-31",
        "manager",
        "page",
        5,
    ),
    (
        "page quality complaints",
        "/reports/quality/complaints/?by=responsibility&key=supplier",
        "manager",
        "page",
        8,
    ),
    (
        "page complaint register xlsx",
        "/complaints/register.xlsx?received_from=2000-01-01&received_to=2099-12-31",
        "manager",
        "page",
        5,
    ),
    ("page notifications", "/notifications/", "advisor", "page", 7),
]


class Shopfloor:
    """Adds visits to a shop through the services (demo/world.py); see the module's docstring.
    The new customer's work order stops at a different status each visit; the regular
    customer's is delivered each time, so the invoice lists always grow."""

    def __init__(self, shop, people):
        self.people = people
        self.world = World(shop)
        self.supplier = self.world.supplier("Budget Parts", by=people["manager"])
        self.regular = self._customer()
        self.regular_car = self.world.car(self.regular, by=people["advisor"])

    def _customer(self) -> Customer:
        return self.world.customer(f"Budget {next(_ids)}")

    def visits(self, count: int) -> None:
        for _ in range(count):
            customer = self._customer()
            car = self.world.car(customer, by=self.people["advisor"])
            n = next(_ids)
            self._visit(customer, car, n, status=STATUSES[n % len(STATUSES)])
            self._visit(self.regular, self.regular_car, n, status=WorkOrderStatus.DELIVERED)

    def _visit(self, customer, car, n: int, *, status: str) -> None:
        p, world, now = self.people, self.world, timezone.now()
        advisor = p["advisor"]
        # The counter: today's interaction, at a different stage each time; from confirm on, it
        # opened the work order itself.
        stage = ["greet", "know_need", "confirm", "help", "keep"][n % 5]
        opens_order = stage in ("confirm", "help", "keep")
        interaction = world.interaction(
            customer,
            by=advisor,
            vehicle=car,
            greeted=now - timedelta(minutes=5),
            to="confirm" if opens_order else stage,
        )
        order, _invoice = world.visit(
            car,
            by=advisor,
            to=status,
            interaction=interaction if opens_order else None,
            promised_at=now + timedelta(hours=3),
            lines=[
                {
                    "kind": kind,
                    "description": f"{kind} {n}",
                    "unit_price": Decimal("100"),
                    "technician": p["technician"],
                    "supplier": self.supplier if kind == "part" else None,
                }
                for kind in ("labour", "part")
            ],
            inspection=[
                {
                    "name": "Tyres",
                    "condition": "yellow",
                    "price": Decimal("80"),
                    "recommended_job": "Two tyres",
                }
            ],
            inspector=p["technician"],
        )
        interaction = world.advance(interaction, by=advisor, to=stage)
        escalate(user=advisor, pk=interaction.pk, reason="Wants a loaner car")
        communication_log(
            user=advisor,
            customer_pk=customer.pk,
            vehicle_pk=car.pk,
            interaction_pk=interaction.pk,
            direction="inbound",
            channel="phone",
            kind="inquiry",
            summary="When is it ready?",
        )
        line = order.lines.get(kind="part")
        complaint = world.complaint(
            by=advisor, channel="phone", words="Still squeals", work_order_line=line,
            interaction=interaction,
        )  # fmt: skip
        complaint = cs.complaint_update(
            pk=complaint.pk,
            user=advisor,
            version=complaint.version,
            responsibility="supplier",
            supplier_pk=self.supplier.pk,
        )
        # A compensation approved (money to pay the customer, every other one paid), then a
        # discount waiting for the manager.
        compensation = cs.remedy_propose(
            complaint_pk=complaint.pk, user=advisor, kind="compensation", amount="80"
        )
        if compensation.status == "pending":
            cs.remedy_decide(pk=compensation.pk, user=p["manager"], approve=True)
        if n % 2:
            settlement = CustomerSettlement.objects.get(remedy=compensation)
            cs.customer_settlement_settle(pk=settlement.pk, user=p["cashier"])
        cs.remedy_propose(complaint_pk=complaint.pk, user=advisor, kind="discount", amount="150")
        cs.corrective_action_plan(
            complaint_pk=complaint.pk,
            user=p["manager"],
            root_cause="No shims",
            corrective_action="Refit",
            preventive_action="Checklist",
            department="Workshop",
            owner_pk=p["quality"].pk,
            due_date=timezone.localdate() + timedelta(days=7),
        )
        cs.supplier_deduction_raise(
            complaint_pk=complaint.pk,
            user=p["manager"],
            work_order_line_pk=line.pk,
            part="Pads",
            amount=Decimal("50"),
            improvement_request="Ship the shims",
        )
        for user in (advisor, p["manager"]):
            Notification.objects.create(
                recipient=user, shop=world.shop, kind="budget", title=f"Note {n}", url="/"
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

"""A small year of one shop whose figures are worked out by hand in test_compute_annual.py.

The shop is in Asia/Shanghai (UTC+8); several records sit on the edge of the year or of a
day there, so a computation in UTC would count them in the wrong year, month or day.

The people, customers, cars, work orders and interactions are written through the services by
the world-builder (demo/world.py), at the moments given. The surveys, complaints,
corrective actions and the deduction are still rows written by hand: the figures need states the
services refuse to write — surveys with no work order, complaints closed while a corrective
action is open or unverified, resolved and closed stamps on complaints never moved out of
received, an action due before its complaint came in — and moving them would change the
figures worked out by hand."""

import itertools
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from complaints.models import Complaint, CorrectiveAction, SupplierDeduction
from demo.world import World
from interactions.services import interaction_escalate
from servicedesk.accounts.models import Role
from surveys.models import Survey
from vehicles.models import Supplier

SH = ZoneInfo("Asia/Shanghai")
YEAR = 2025
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=SH)
_n = itertools.count(1)


def at(y, mo, d, h=10, mi=0):
    return datetime(y, mo, d, h, mi, tzinfo=SH)


# A line under a year's warranty: a later order on the car is flagged as a possible comeback.
WARRANTY = ({"kind": "part", "description": "Pads", "unit_price": "300", "warranty_months": 12},)


def _work_order(world, advisor, car, *, opened, delivered=None, status="delivered", **kw):
    order, _invoice = world.visit(
        car, by=advisor, opened=opened, to=status, at={"delivered": delivered}, **kw
    )
    return order


def _survey(shop, *, customer, sent, wo=None, advisor=None, csat=None, nps=None, answered=True):
    return Survey.objects.create(
        shop=shop,
        work_order=wo,
        customer=customer,
        advisor=advisor,
        token=f"t{next(_n)}",
        language="en",
        sent_at=sent,
        expires_at=sent + timedelta(days=14),
        answered_at=sent + timedelta(hours=5) if answered else None,
        csat=csat,
        nps=nps,
    )


def _interaction(world, advisor, customer, greeted, **kw):
    return world.interaction(customer, by=advisor, greeted=greeted, **kw)


def _complaint(
    shop, received, *, respond=None, response_due, resolve=None, resolution_due, close=None, **kw
):
    n = next(_n)
    hours = lambda h: None if h is None else received + timedelta(hours=h)  # noqa: E731
    return Complaint.objects.create(
        shop=shop,
        number=f"K{n:05d}",
        year=received.year,
        sequence=n,
        source="direct",
        channel="in_person",
        customer_words="Not happy",
        received_at=received,
        first_response_due=hours(response_due),
        first_responded_at=hours(respond),
        resolution_due=hours(resolution_due),
        resolved_at=hours(resolve),
        closed_at=hours(close),
        **kw,
    )


def build(shop, other_shop):
    """The shop's year 2025 (and a little of 2024 and 2026); returns the people."""
    world = World(shop)
    li = world.person("li", Role.ADVISOR, first_name="Li", last_name="Wei")
    wu = world.person("wu", Role.ADVISOR, first_name="Wu", last_name="Gang")
    quality = world.person("q", Role.QUALITY, department="Workshop")

    c1, c2, c3 = (world.customer(n) for n in ("C One", "C Two", "C Three"))
    v1, v2, v3 = (world.car(c, by=li) for c in (c1, c2, c3))

    # Work orders: four delivered in 2025; one delivered on the last evening of 2024 and one
    # just after midnight into 2026 (both UTC 2024/2025: Shanghai decides). The work of wo1 and
    # wo2 is under warranty, so the later orders on their cars are flagged as comebacks.
    wo1 = _work_order(
        world, li, v1, opened=at(2025, 1, 9), delivered=at(2025, 1, 10), lines=WARRANTY
    )
    wo2 = _work_order(
        world, li, v2, opened=at(2025, 3, 4), delivered=at(2025, 3, 5), lines=WARRANTY
    )
    wo3 = _work_order(world, wu, v3, opened=at(2025, 3, 19), delivered=at(2025, 3, 20))
    wo4 = _work_order(world, wu, v1, opened=at(2025, 6, 1), delivered=at(2025, 6, 2))
    assert wo4.comeback_of == wo1 and wo4.comeback_review == "related"
    wo5 = _work_order(
        world, li, v2, opened=at(2025, 7, 1), status="in_progress", comeback_related=False
    )
    assert wo5.comeback_of == wo2 and wo5.comeback_review == "not_related"
    wo6 = _work_order(world, li, v3, opened=at(2024, 12, 30), delivered=at(2024, 12, 31, 23, 30))
    _work_order(world, li, v3, opened=at(2025, 12, 31, 20), delivered=at(2026, 1, 1, 0, 30))
    _work_order(world, li, v3, opened=at(2025, 8, 1), status="cancelled")

    # Surveys sent in 2025: five, four answered.
    _survey(shop, customer=c1, wo=wo1, advisor=li, sent=at(2025, 1, 12), csat=5, nps=10)
    _survey(shop, customer=c2, wo=wo2, advisor=li, sent=at(2025, 3, 7), csat=4, nps=8)
    _survey(shop, customer=c3, wo=wo3, advisor=wu, sent=at(2025, 3, 22), csat=2, nps=3)
    _survey(shop, customer=c1, wo=wo4, advisor=wu, sent=at(2025, 6, 4), answered=False)
    _survey(shop, customer=c1, sent=at(2025, 12, 31, 23), csat=3, nps=9)
    _survey(shop, customer=c3, wo=wo6, advisor=li, sent=at(2024, 12, 31, 23, 59), csat=1, nps=0)
    # A survey created but never sent counts nowhere.
    Survey.objects.create(
        shop=shop, customer=c2, token="unsent", language="en", expires_at=at(2025, 5, 1)
    )

    # Interactions: three in 2025, one in 2024.
    _interaction(
        world, li, c1, at(2025, 1, 10, 9), to="closed", fields={"keep": {"satisfaction": 5}}
    )
    _interaction(world, li, c2, at(2025, 3, 5, 9), to="closed", outcome="answered")
    i3 = _interaction(world, wu, c3, at(2025, 3, 20, 9), to="help")
    interaction_escalate(user=wu, pk=i3.pk, reason="Wants a loaner", at=at(2025, 3, 20, 9, 30))
    _interaction(world, wu, c3, at(2024, 6, 1))

    # Complaints received in 2025: five.
    k1 = _complaint(
        shop,
        at(2025, 1, 15),
        customer=c1,
        vehicle=v1,
        work_order=wo1,
        severity="normal",
        category="workmanship",
        responsibility="shop",
        response_due=2,
        respond=1,
        resolution_due=72,
        resolve=48,
        close=120,
    )
    k2 = _complaint(
        shop,
        at(2025, 6, 10),
        customer=c1,
        vehicle=v1,
        work_order=wo4,
        severity="critical",
        category="product_quality",
        responsibility="supplier",
        response_due=0.5,
        respond=3,
        resolution_due=24,
        resolve=30,
        close=240,
    )
    k3 = _complaint(
        shop,
        at(2025, 3, 10),
        customer=c2,
        vehicle=v2,
        work_order=wo2,
        severity="minor",
        response_due=12,
        resolution_due=168,
    )
    k4 = _complaint(
        shop,
        at(2025, 12, 31, 22),
        customer=c3,
        interaction=i3,
        severity="normal",
        category="billing",
        responsibility="staff",
        response_due=2,
        respond=0.5,
        resolution_due=72,
        resolve=10,
        close=12,
    )
    _complaint(
        shop,
        at(2025, 3, 15),
        vehicle=v3,
        customer_name="Walk-in",
        severity="normal",
        category="waiting_time",
        responsibility="customer",
        response_due=2,
        respond=2,
        resolution_due=72,
        resolve=80,
        close=48,
    )
    _complaint(shop, at(2024, 5, 1), customer=c1, vehicle=v1, response_due=2, resolution_due=72)

    # Corrective actions due in 2025: one late (on time in UTC, not in Shanghai), one on time,
    # one still open; one due in 2026 whose complaint is of 2025.
    def action(k, cause, due, result_at=None, effective=None):
        return CorrectiveAction.objects.create(
            complaint=k,
            root_cause=cause,
            corrective_action="Fix",
            preventive_action="Prevent",
            department="Workshop",
            owner=quality,
            due_date=due,
            created_by=quality,
            result="Done" if result_at else "",
            result_at=result_at,
            effective=effective,
        )

    action(k1, "Torque not checked", date(2025, 1, 25), at(2025, 1, 26, 7), effective=True)
    action(k2, "Pad batch defect", date(2025, 6, 30), at(2025, 6, 20))
    action(k4, " Pad batch defect ", date(2025, 12, 20))
    action(k3, "Unclear estimate", date(2026, 2, 1))

    supplier = Supplier.objects.create(shop=shop, name="Pads Ltd")
    SupplierDeduction.objects.create(
        shop=shop,
        complaint=k2,
        supplier=supplier,
        part="Pads",
        amount=Decimal("150.00"),
        improvement_request="Check the batch",
        raised_by=quality,
        raised_at=at(2025, 6, 12),
        applied_at=at(2025, 6, 20),
    )

    # Another shop's records never count.
    elsewhere = World(other_shop)
    south = elsewhere.person("south-advisor", Role.ADVISOR)
    oc = elsewhere.customer("Elsewhere")
    ov = elsewhere.car(oc, by=south)
    _work_order(elsewhere, south, ov, opened=at(2025, 2, 1), delivered=at(2025, 2, 2))
    _survey(other_shop, customer=oc, sent=at(2025, 2, 3), csat=1, nps=0)
    _interaction(elsewhere, south, oc, at(2025, 2, 1))
    _complaint(other_shop, at(2025, 2, 4), customer=oc, response_due=2, resolution_due=72)
    return {"li": li, "wu": wu, "quality": quality}

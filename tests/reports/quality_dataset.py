"""A small half-year of one shop whose quality figures are worked out by hand in
test_quality_figures.py: the period is 1 January to 30 June 2025 in Asia/Shanghai.

The people, cars and work orders (with their comebacks) go through the world-builder; the
complaints, corrective actions, settlements and deductions are rows written at the moments
the figures need (a closed complaint reopened twice, an action done late)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from complaints.models import CorrectiveAction, CustomerSettlement, Remedy, SupplierDeduction
from demo.world import World
from servicedesk.accounts.models import Role

from .dataset import _complaint, _work_order, at

START, END = date(2025, 1, 1), date(2025, 6, 30)
NOW = at(2025, 7, 15, 12)


def labour(description, technician):
    return {
        "kind": "labour",
        "description": description,
        "unit_price": "200",
        "technician": technician,
        "warranty_months": 12,
    }


@dataclass
class People:
    li: object
    wu: object
    tom: object
    ann: object
    manager: object
    s1: object
    s2: object
    k: dict


def _money(complaint, amount, by, when):
    remedy = Remedy.objects.create(
        complaint=complaint,
        kind="compensation",
        amount=Decimal(amount),
        proposed_by=by,
        proposed_at=when,
        status="approved",
    )
    CustomerSettlement.objects.create(
        shop=complaint.shop,
        complaint=complaint,
        remedy=remedy,
        kind="compensation",
        amount=Decimal(amount),
        raised_at=when,
    )


def _action(complaint, cause, *, due, owner, by, done=None, effective=None, planned):
    return CorrectiveAction.objects.create(
        complaint=complaint,
        root_cause=cause,
        corrective_action="Fix",
        preventive_action="Train",
        department="Workshop",
        owner=owner,
        due_date=due,
        created_by=by,
        created_at=planned,
        result="Done" if done else "",
        result_at=done,
        effective=effective,
    )


def _deduction(complaint, supplier, part, amount, *, by, raised, request="", applied=None):
    return SupplierDeduction.objects.create(
        shop=complaint.shop,
        complaint=complaint,
        supplier=supplier,
        part=part,
        amount=Decimal(amount),
        improvement_request=request,
        raised_by=by,
        raised_at=raised,
        applied_by=by if applied else None,
        applied_at=applied,
    )


def build(shop, other_shop) -> People:
    world = World(shop)
    li = world.person("li", Role.ADVISOR, first_name="Li", last_name="Wei")
    wu = world.person("wu", Role.ADVISOR, first_name="Wu", last_name="Gang")
    tom = world.person("tom", Role.TECHNICIAN, first_name="Tom", last_name="Tech")
    ann = world.person("ann", Role.TECHNICIAN, first_name="Ann", last_name="Fix")
    manager = world.person("boss", Role.MANAGER)
    q = world.person("qh", Role.QUALITY, department="Workshop")
    s1 = world.supplier("Brake World", by=manager)
    s2 = world.supplier("Oil Co", by=manager)
    c1, c2 = world.customer("C One"), world.customer("C Two")
    car1, car2 = world.car(c1, by=li), world.car(c2, by=li)

    # Three orders delivered in the period; two comebacks opened in it (of wo1 and wo2), one
    # still in progress.
    wo1 = _work_order(world, li, car1, opened=at(2025, 1, 9), delivered=at(2025, 1, 10),
                      lines=(labour("Brake service ", tom),))  # fmt: skip
    wo2 = _work_order(world, wu, car2, opened=at(2025, 3, 4), delivered=at(2025, 3, 5),
                      lines=(labour("brake service", ann),))  # fmt: skip
    wo3 = _work_order(world, li, car1, opened=at(2025, 4, 1), delivered=at(2025, 4, 2))
    wo4 = _work_order(world, wu, car2, opened=at(2025, 5, 1), status="in_progress")
    assert wo3.comeback_of == wo1 and wo4.comeback_of == wo2
    line1 = wo1.lines.get()

    def complaint(received, **kw):
        return _complaint(shop, received, response_due=2, resolution_due=72, **kw)

    k1 = complaint(at(2025, 1, 15), category="workmanship", responsibility="shop",
                   technician=tom, work_order=wo1, work_order_line=line1, received_by=li,
                   reopen_count=1)  # fmt: skip
    k2 = complaint(at(2025, 2, 10), category="product_quality", responsibility="supplier",
                   supplier=s1, technician=tom, work_order=wo2, received_by=li)  # fmt: skip
    k3 = complaint(at(2025, 3, 10), category="workmanship", responsibility="staff",
                   technician=ann, received_by=wu, reopen_count=2)  # fmt: skip
    # The last evening of June in Shanghai (UTC still 30 June): in the period.
    k4 = complaint(at(2025, 6, 30, 23, 30))
    # Half an hour into July in Shanghai (UTC still 30 June): not in the period.
    k5 = complaint(at(2025, 7, 1, 0, 30), category="billing")
    # The same period a year earlier.
    k0 = complaint(at(2024, 2, 1), category="billing", reopen_count=1)
    # Another shop's complaint in the period counts nowhere here.
    theirs = _complaint(other_shop, at(2025, 2, 1), response_due=2, resolution_due=72,
                        category="workmanship")  # fmt: skip

    _money(k1, "100", manager, at(2025, 1, 16))
    _money(k1, "50", manager, at(2025, 1, 17))
    _money(k2, "300", manager, at(2025, 2, 11))
    _money(k5, "999", manager, at(2025, 7, 2))
    _money(k0, "40", manager, at(2024, 2, 2))
    _money(theirs, "500", manager, at(2025, 2, 2))

    _action(k1, "  Torque not checked ", due=date(2025, 2, 1), owner=q, by=manager,
            planned=at(2025, 1, 16), done=at(2025, 1, 31), effective=True)  # fmt: skip
    _action(k1, "Training", due=date(2025, 3, 1), owner=q, by=manager,
            planned=at(2025, 1, 17), done=at(2025, 3, 5), effective=False)  # fmt: skip
    _action(k3, "Torque not checked", due=date(2025, 5, 1), owner=q, by=manager,
            planned=at(2025, 3, 11))  # fmt: skip
    _action(k5, "Later", due=date(2025, 8, 1), owner=q, by=manager, planned=at(2025, 7, 2))

    _deduction(k2, s1, "Pads", "80", by=manager, raised=at(2025, 2, 12),
               request="Better pads", applied=at(2025, 2, 20))  # fmt: skip
    _deduction(k4, s2, "Filter", "20", by=manager, raised=at(2025, 6, 30, 23, 40))
    return People(li, wu, tom, ann, manager, s1, s2,
                  {"k1": k1, "k2": k2, "k3": k3, "k4": k4, "k5": k5, "k0": k0,
                   "theirs": theirs})  # fmt: skip

"""Records of the lower layers made with the plain ORM (their factories live on other branches),
and complaints made through the intake service so their clocks and history are real."""

import itertools
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from complaints import services
from complaints.models import Complaint, State
from interactions.models import Escalation, Interaction
from servicedesk.accounts.models import Membership
from tests.signatures import drawn_signature
from vehicles.models import Customer, Supplier, Vehicle, WorkOrder, WorkOrderLine

_seq = itertools.count(1)


def customer(shop, *, name="Zhou Min", language="zh-hans", **kw):
    n = next(_seq)
    return Customer.objects.create(
        shop=shop,
        name=name,
        phone=kw.pop("phone", f"1380000{n:04d}"),
        preferred_language=language,
        **kw,
    )


def vehicle(shop, *, owner=None, plate=None):
    n = next(_seq)
    owner = owner or customer(shop)
    return Vehicle.objects.create(
        shop=shop,
        vin=f"LSVAA2BN{n:09d}"[:17],
        plate=plate or f"京A{n:05d}",
        make="VW",
        model="Lavida",
        owner=owner,
    )


def work_order(shop, *, advisor, car=None):
    n = next(_seq)
    car = car or vehicle(shop)
    return WorkOrder.objects.create(
        shop=shop,
        number=f"W{n:06d}",
        year=timezone.now().year,
        sequence=n,
        vehicle=car,
        customer=car.owner,
        advisor=advisor,
        concern="Noise from the front left wheel",
    )


def supplier(shop, name=None):
    return Supplier.objects.create(shop=shop, name=name or f"Parts Co {next(_seq)}")


def line(order, *, technician=None, part_supplier=None, description="Brake pads"):
    return WorkOrderLine.objects.create(
        work_order=order,
        kind="part",
        description=description,
        unit_price=Decimal("380"),
        technician=technician,
        supplier=part_supplier,
    )


def interaction(shop, *, advisor, client=None, words="Still squeaks"):
    return Interaction.objects.create(
        shop=shop,
        customer=client,
        channel="walk_in",
        advisor=advisor,
        greet_at=timezone.now(),
        stage="keep",
        satisfaction=1,
        satisfaction_words=words,
    )


def escalation(inter, *, by):
    return Escalation.objects.create(
        interaction=inter,
        shop=inter.shop,
        kind="not_satisfied",
        stage="keep",
        reason="Customer not satisfied",
        raised_by=by,
        raised_at=timezone.now(),
    )


def complaint(shop, *, by, words="The brakes squeal after the repair", **kw):
    kw.setdefault("channel", "in_person")
    return services.complaint_open(shop=shop, customer_words=words, user=by, **kw)


def set_duty(user, shop, on_duty: bool):
    Membership.objects.filter(user=user, shop=shop).update(on_duty=on_duty)
    for attr in ("_servicedesk_memberships",):
        if hasattr(user, attr):
            delattr(user, attr)


def advance(c: Complaint, *, to: str, advisor, manager, quality=None):
    """Carry a complaint through the real services up to state ``to``."""
    from complaints.models import STATE_ORDER

    target = STATE_ORDER.index(State(to))
    c.refresh_from_db()

    def at_least(state):
        return target >= STATE_ORDER.index(state) and c.state != to

    if at_least(State.INVESTIGATING) and c.state == State.RECEIVED:
        c = services.complaint_transition(pk=c.pk, user=advisor, to=State.INVESTIGATING)
    if at_least(State.RESOLVING) and c.state == State.INVESTIGATING:
        c = services.complaint_update(
            pk=c.pk, user=advisor, version=c.version, category="workmanship", responsibility="shop"
        )
        c = services.complaint_transition(pk=c.pk, user=advisor, to=State.RESOLVING)
    if at_least(State.CUSTOMER_CONFIRMED) and c.state == State.RESOLVING:
        services.remedy_propose(complaint_pk=c.pk, user=advisor, kind="rework", amount="150")
        services.complaint_confirm(
            pk=c.pk, user=advisor, signed_name="Zhou Min", signature=drawn_signature()
        )
        c = services.complaint_transition(pk=c.pk, user=advisor, to=State.CUSTOMER_CONFIRMED)
    if at_least(State.CORRECTIVE_ACTION) and c.state == State.CUSTOMER_CONFIRMED:
        c = services.complaint_transition(pk=c.pk, user=advisor, to=State.CORRECTIVE_ACTION)
    if at_least(State.FOLLOW_UP) and c.state == State.CORRECTIVE_ACTION:
        action = services.corrective_action_plan(
            complaint_pk=c.pk,
            user=manager,
            root_cause="Pads not bedded in",
            corrective_action="Bed in the pads",
            preventive_action="Add bedding-in to the checklist",
            department="Workshop",
            owner=quality,
            due_date=date.today() + timedelta(days=7),
        )
        services.corrective_action_record_result(pk=action.pk, user=quality, result="Done")
        services.corrective_action_verify(pk=action.pk, user=manager, effective=True)
        c = services.complaint_transition(pk=c.pk, user=advisor, to=State.FOLLOW_UP)
    if at_least(State.CLOSED) and c.state == State.FOLLOW_UP:
        services.follow_up_record(
            complaint_pk=c.pk, user=advisor, reached=True, opinion="satisfied", comment="Fine now"
        )
        c = services.complaint_transition(pk=c.pk, user=advisor, to=State.CLOSED)
    c.refresh_from_db()
    return c

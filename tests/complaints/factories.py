"""The complaints app's test records: complaints made through the intake service so their clocks
and history are real, carried through the real services (``advance``). The records of the layers
below come from those layers' factories, with the defaults these tests were written against (a
customer who reads Chinese, a work order numbered in this year)."""

import itertools
from datetime import date, timedelta

from django.utils import timezone

from complaints import services
from complaints.models import Complaint, State
from servicedesk.accounts.models import Membership
from tests.interactions.factories import EscalationFactory, InteractionFactory
from tests.signatures import drawn_signature
from tests.vehicles.factories import (
    CustomerFactory,
    SupplierFactory,
    VehicleFactory,
    WorkOrderFactory,
    WorkOrderLineFactory,
)

_seq = itertools.count(1)


def customer(shop, *, name="Zhou Min", language="zh-hans", **kw):
    n = next(_seq)
    kw.setdefault("phone", f"1380000{n:04d}")
    return CustomerFactory(shop=shop, name=name, preferred_language=language, **kw)


def vehicle(shop, *, owner=None, plate=None):
    n = next(_seq)
    owner = owner or customer(shop)
    return VehicleFactory(
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
    return WorkOrderFactory(
        shop=shop,
        number=f"W{n:06d}",
        year=timezone.now().year,
        sequence=n,
        vehicle=car,
        customer=car.owner,
        advisor=advisor,
    )


def supplier(shop, name=None):
    return SupplierFactory(shop=shop, name=name or f"Parts Co {next(_seq)}")


def line(order, *, technician=None, part_supplier=None, description="Brake pads"):
    return WorkOrderLineFactory(
        work_order=order, description=description, technician=technician, supplier=part_supplier
    )


def interaction(shop, *, advisor, client=None, words="Still squeaks"):
    return InteractionFactory(
        shop=shop,
        customer=client,
        advisor=advisor,
        stage="keep",
        satisfaction=1,
        satisfaction_words=words,
    )


def escalation(inter, *, by):
    return EscalationFactory(interaction=inter, raised_by=by)


LINKS = ("customer", "vehicle", "work_order", "work_order_line", "technician", "interaction")


def complaint(shop, *, by, words="The brakes squeal after the repair", **kw):
    kw.setdefault("channel", "in_person")
    # The service takes the records it names by id; tests hand it the records.
    for name in LINKS:
        if name in kw:
            kw[f"{name}_pk"] = getattr(kw.pop(name), "pk", None)
    return services.complaint_open(shop_pk=shop.pk, customer_words=words, user=by, **kw)


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

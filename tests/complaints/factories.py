"""factory_boy factories of the complaints app: complaints made through the intake service so
their clocks and history are real, carried through the real services (``advance``). The records
of the layers below come from those layers' factories (``tests.vehicles.factories``,
``tests.interactions.factories``)."""

from datetime import date, timedelta

import factory

from complaints import services
from complaints.models import Complaint, State
from servicedesk.accounts.models import Membership
from tests.factories import ShopFactory, as_ids
from tests.signatures import drawn_signature

# The records complaint_open names by id, which the factory is given as records.
LINKS = ("customer", "vehicle", "work_order", "work_order_line", "technician", "interaction")


class ComplaintFactory(factory.django.DjangoModelFactory):
    """Through ``complaint_open`` taken in by ``user`` (None: a system intake), so its clocks
    and history are real; carry it on with ``advance``."""

    class Meta:
        model = Complaint

    shop = factory.SubFactory(ShopFactory)
    user = None
    customer_words = "The brakes squeal after the repair"
    channel = "in_person"

    @classmethod
    def _create(cls, model_class, **fields):
        as_ids(fields, "shop", *LINKS)
        return services.complaint_open(**fields)


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
        # Seed 003 §6: the manager determines the nature while it is investigated (it is
        # resolved only after that).
        c = services.complaint_update(
            pk=c.pk, user=manager, version=c.version, nature="Brake pads not bedded in"
        )
        c = services.complaint_transition(pk=c.pk, user=advisor, to=State.RESOLVING)
    if at_least(State.CUSTOMER_CONFIRMED) and c.state == State.RESOLVING:
        if not c.nature:  # brought to resolving by the test itself
            c = services.complaint_update(
                pk=c.pk, user=manager, version=c.version, nature="Brake pads not bedded in"
            )
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
            owner_pk=quality.pk,
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

"""One world-builder, for the demo's history and for the tests: a shop's people, customers and
their cars, visits through the work-order steps, counter interactions, complaints through their
states, surveys — each written through the services, at the moment it happened (the services'
``at=``), so a world holds exactly what the services would have written then, history rows
included.

    world = World(shop)
    li = world.person("li", Role.ADVISOR)
    car = world.car(world.customer("Zhou Min"), by=li)
    order, invoice = world.visit(car, by=li, opened=monday, to="delivered")

A step's moment not given is spread between the moments that are (or a few minutes apart), so
a caller names only the times its figures depend on."""

import itertools
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from complaints import services as complaints
from complaints.models import STATE_ORDER, Complaint, State
from demo.vehicles import demo_signature
from interactions import services as interactions
from interactions.models import Interaction, Stage
from interactions.stages import STAGE_ORDER
from servicedesk.accounts.models import Membership, Shop
from servicedesk.ids import as_ids
from surveys import services as surveys
from surveys.models import Survey
from vehicles import services as vehicles
from vehicles.models import Customer, Supplier, Vehicle, WorkOrder, WorkOrderStatus
from vehicles.vin import check_digit

STEP = timedelta(minutes=5)  # between two steps whose moments the test did not give
WORK_ORDER_STEPS = (
    WorkOrderStatus.AUTHORIZED,
    WorkOrderStatus.IN_PROGRESS,
    WorkOrderStatus.READY,
    WorkOrderStatus.DELIVERED,
)
# The fields a stage needs before the interaction may leave it (interactions.stages).
STAGE_FIELDS = {
    Stage.KNOW_NEED: {"need_in_customer_words": "Squeal from the front brakes"},
    Stage.CONFIRM: {"agreed_work": "Replace the front pads", "customer_agreed": True},
    Stage.KEEP: {"satisfaction": 5},
}
# The records complaint_open names by id, which ``World.complaint`` is given as records.
COMPLAINT_LINKS = (
    "customer",
    "vehicle",
    "work_order",
    "work_order_line",
    "technician",
    "interaction",
)
PASSWORD = "pw"  # a person's, for the tests that log one in with the form
_serial = itertools.count(1)


def _moments(start: datetime, steps, given: dict, end: datetime | None = None) -> dict:
    """``given`` completed: each step not named falls between its neighbours that are (or
    follows the one before, see ``_spread``)."""
    result, previous, pending = {}, start, []
    for step in steps:
        if given.get(step) is None:
            pending.append(step)
            continue
        _spread(result, pending, previous, given[step])
        result[step] = previous = given[step]
        pending = []
    _spread(result, pending, previous, end)
    return result


def _spread(result: dict, steps: list, after: datetime, before: datetime | None) -> None:
    """Without a moment after them, the steps follow STEP apart, but never into the future."""
    if before is None:
        now = timezone.now()
        for i, step in enumerate(steps, start=1):
            result[step] = max(after, min(after + STEP * i, now))
        return
    gap = (before - after) / (len(steps) + 1)
    for i, step in enumerate(steps, start=1):
        result[step] = after + gap * i


def vin() -> str:
    raw = f"LSVAB2BT0{next(_serial):08d}"
    return raw[:8] + check_digit(raw) + raw[9:]


class World:
    """A shop being written through the services. Every method returns what it made."""

    def __init__(self, shop: Shop):
        self.shop = shop

    # ---------------------------------------------------------------- people and records

    def person(self, username: str, role: str, *, first_name="", last_name="", **membership):
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@example.invalid",
            },
        )
        if created:
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])
        Membership.objects.create(user=user, shop=self.shop, role=role, **membership)
        return user

    def customer(self, name: str | None = None, **fields) -> Customer:
        n = next(_serial)
        fields.setdefault("phone", f"139{n:08d}")
        return vehicles.customer_create(
            shop_pk=self.shop.pk, name=name or f"Customer {n}", **fields
        )

    def car(self, owner: Customer, *, by, **fields) -> Vehicle:
        """``owner``'s car registered by ``by`` (``at=`` among ``fields``: when)."""
        fields.setdefault("vin", vin())
        fields.setdefault("plate", f"京B{next(_serial):05d}")
        fields.setdefault("make", "Volkswagen")
        fields.setdefault("model", "Lavida")
        return vehicles.vehicle_create(shop_pk=self.shop.pk, owner_pk=owner.pk, user=by, **fields)

    def supplier(self, name: str, *, by) -> Supplier:
        return vehicles.supplier_create(user=by, shop_pk=self.shop.pk, name=name)

    # ---------------------------------------------------------------- visits

    def visit(
        self,
        car: Vehicle,
        *,
        by,
        opened: datetime | None = None,
        to: str = WorkOrderStatus.DELIVERED,
        at: dict | None = None,
        lines=({"kind": "labour", "description": "Brake service", "unit_price": "100"},),
        interaction: Interaction | None = None,
        mileage: int | None = None,
        inspection: tuple = (),
        inspector=None,
        comeback_related: bool = True,
        hands: dict | None = None,
        authorization: dict | None = None,
        **open_fields,
    ) -> tuple[WorkOrder, object]:
        """A work order on ``car`` opened (at ``opened``) and taken through its steps to ``to``
        — authorized, in progress, ready, delivered, or cancelled from open — each step at
        ``at[status]`` when given. Opened from ``interaction`` (at confirm or help) when given;
        ``inspection`` items found by ``inspector`` (``by`` unless named) while it is open; a
        comeback flag reviewed as ``comeback_related``. A step is taken by ``hands[status]`` when
        named (``by`` otherwise); the customer authorizes as ``authorization`` says (method,
        name; by phone as Mr Zhou unless said). Returns the order and its invoice (None unless
        delivered)."""
        opened = opened or timezone.now()
        order = self._open(car, by=by, opened=opened, interaction=interaction, mileage=mileage,
                           lines=lines, **open_fields)  # fmt: skip
        if inspection:
            found = vehicles.inspection_create(user=inspector or by, work_order_pk=order.pk)
            for item in inspection:
                vehicles.inspection_item_add(user=inspector or by, inspection_pk=found.pk, **item)
        at = at or {}
        if to == WorkOrderStatus.CANCELLED:
            vehicles.work_order_cancel(
                user=by,
                pk=order.pk,
                reason="Customer changed their mind",
                at=_moments(opened, [to], at)[to],
            )
            order.refresh_from_db()
            return order, None
        if order.comeback_of_id and to != WorkOrderStatus.OPEN:
            vehicles.work_order_review_comeback(user=by, pk=order.pk, related=comeback_related)
        steps = WORK_ORDER_STEPS[: WORK_ORDER_STEPS.index(to) + 1] if to in WORK_ORDER_STEPS else ()
        when = _moments(opened, steps, at)
        invoice = None
        hands = hands or {}
        for step in steps:
            invoice = self._work_order_step(
                order,
                step,
                by=hands.get(step, by),
                at=when[step],
                mileage=mileage,
                authorization=authorization,
            )
        order.refresh_from_db()
        return order, invoice

    def _open(self, car, *, by, opened, interaction, mileage, lines, **open_fields) -> WorkOrder:
        """The work order opened at ``opened`` (from ``interaction`` when given), with ``lines``."""
        if interaction is not None:
            order = interactions.interaction_open_work_order(
                user=by, pk=interaction.pk, at=opened, mileage_in=mileage, **open_fields
            )
        else:
            open_fields.setdefault("concern", "Squeal from the front brakes")
            order = vehicles.work_order_open(
                user=by, vehicle_pk=car.pk, at=opened, mileage_in=mileage, **open_fields
            )
        for line in lines:
            # A line's technician and supplier given as records; the service takes their ids.
            fields = as_ids(dict(line), "technician", "supplier")
            vehicles.work_order_line_add(user=by, work_order_pk=order.pk, **fields)
        return order

    def _work_order_step(self, order, step, *, by, at, mileage, authorization):
        if step == WorkOrderStatus.AUTHORIZED:
            how = {"method": "phone", "authorized_by_name": "Mr Zhou", **(authorization or {})}
            vehicles.work_order_authorize(user=by, pk=order.pk, at=at, **how)
        elif step == WorkOrderStatus.IN_PROGRESS:
            vehicles.work_order_start(user=by, pk=order.pk, at=at)
        elif step == WorkOrderStatus.READY:
            vehicles.work_order_ready(user=by, pk=order.pk, at=at)
        else:
            return vehicles.work_order_deliver(
                user=by, pk=order.pk, mileage_out=(mileage or 0) + 5, at=at
            )
        return None

    # ---------------------------------------------------------------- the counter

    def interaction(
        self,
        customer: Customer | None,
        *,
        by,
        greeted: datetime | None = None,
        to: str = Stage.GREET,
        at: dict | None = None,
        vehicle: Vehicle | None = None,
        outcome: str = "",
        fields: dict | None = None,
        channel: str = "walk_in",
    ) -> Interaction:
        """An interaction greeted at ``greeted`` and advanced stage by stage to ``to`` (each
        stage entered at ``at[stage]`` when given), with the fields each stage needs to be left
        (``fields`` adds or overrides them). ``to="closed"`` completes it from keep, or closes it
        early with ``outcome`` from the stage before."""
        greeted = greeted or timezone.now()
        interaction = interactions.interaction_open(
            user=by,
            shop_id=self.shop.pk,
            channel=channel,
            customer_pk=None if customer is None else customer.pk,
            vehicle_pk=None if vehicle is None else vehicle.pk,
            at=greeted,
        )
        return self.advance(interaction, by=by, to=to, at=at, outcome=outcome, fields=fields)

    def advance(self, interaction, *, by, to, at=None, outcome="", fields=None) -> Interaction:
        """``interaction`` taken on from its stage to ``to``; see ``interaction``."""
        given = dict(STAGE_FIELDS, **(fields or {}))
        order = [s for s in STAGE_ORDER if s != Stage.CLOSED]
        last = order.index(interaction.stage)
        target = Stage.KEEP if to == Stage.CLOSED and not outcome else to
        steps = order[last + 1 : order.index(target) + 1] if target in order else []
        if to == Stage.CLOSED:
            steps.append(Stage.CLOSED)
        start = getattr(interaction, f"{interaction.stage}_at") or timezone.now()
        when = _moments(start, steps, at or {})
        for stage in steps:
            leaving = interaction.stage
            # Closing early with an outcome asks nothing of the stage left.
            if leaving in given and (stage != Stage.CLOSED or not outcome):
                interaction = interactions.interaction_update(
                    user=by, pk=interaction.pk, fields=given[leaving]
                )
            interaction = interactions.interaction_advance(
                user=by,
                pk=interaction.pk,
                stage=stage,
                outcome=outcome if stage == Stage.CLOSED else "",
                at=when[stage],
            )
        return interaction

    # ---------------------------------------------------------------- complaints

    def complaint(
        self,
        *,
        by,
        received: datetime | None = None,
        words: str = "The brakes squeal after the repair",
        channel: str = "in_person",
        **links,
    ) -> Complaint:
        """A complaint taken in by ``by`` at ``received``; ``links`` are complaint_open's (the
        customer, vehicle, work order or line, interaction, severity …), its records given as
        records (the service takes their ids)."""
        return complaints.complaint_open(
            shop_pk=self.shop.pk,
            user=by,
            customer_words=words,
            channel=channel,
            at=received,
            **as_ids(links, *COMPLAINT_LINKS),
        )

    def carry(
        self,
        complaint: Complaint,
        *,
        to: str,
        advisor,
        manager,
        quality=None,
        at: dict | None = None,
        category: str = "workmanship",
        responsibility: str = "shop",
        supplier: Supplier | None = None,
    ) -> Complaint:
        """``complaint`` carried through the states to ``to``, each entered at ``at[state]``
        when given: investigated, categorised (``category``, ``responsibility``), a rework
        proposed and confirmed by the customer, a corrective action planned, done and verified,
        the customer reached for the follow-up, closed."""
        complaint.refresh_from_db()
        states = STATE_ORDER[STATE_ORDER.index(complaint.state) + 1 : STATE_ORDER.index(to) + 1]
        start = complaint.received_at if complaint.state == State.RECEIVED else timezone.now()
        when = _moments(start, states, at or {})
        c = complaint
        for state in states:
            moment = when[state]
            if state == State.RESOLVING:
                c = complaints.complaint_update(
                    pk=c.pk,
                    user=advisor,
                    version=c.version,
                    category=category,
                    responsibility=responsibility,
                    supplier_pk=supplier.pk if supplier else None,
                    at=moment,
                )
            elif state == State.CUSTOMER_CONFIRMED:
                if not c.nature:  # the manager's determination comes before it is resolved
                    c = complaints.complaint_update(
                        pk=c.pk,
                        user=manager,
                        version=c.version,
                        nature="Brake pads not bedded in",
                        at=moment,
                    )
                complaints.remedy_propose(
                    complaint_pk=c.pk, user=advisor, kind="rework", amount="150", at=moment
                )
                complaints.complaint_confirm(
                    pk=c.pk,
                    user=advisor,
                    signed_name="Zhou Min",
                    signature=demo_signature(),
                    at=moment,
                )
            elif state == State.FOLLOW_UP:
                self._corrective_action_done(c, manager=manager, quality=quality, at=moment)
                if responsibility == "supplier":
                    complaints.supplier_deduction_raise(
                        complaint_pk=c.pk,
                        user=manager,
                        part="Pads",
                        amount=Decimal("50"),
                        improvement_request="Check the batch",
                        at=moment,
                    )
            elif state == State.CLOSED:
                complaints.follow_up_record(
                    complaint_pk=c.pk,
                    user=advisor,
                    reached=True,
                    opinion="satisfied",
                    comment="Fine now",
                    at=moment,
                )
            c = complaints.complaint_transition(pk=c.pk, user=advisor, to=state, at=moment)
        c.refresh_from_db()
        return c

    def _corrective_action_done(self, complaint, *, manager, quality, at):
        action = complaints.corrective_action_plan(
            complaint_pk=complaint.pk,
            user=manager,
            root_cause="Pads not bedded in",
            corrective_action="Bed in the pads",
            preventive_action="Add bedding-in to the checklist",
            department="Workshop",
            owner_pk=quality.pk,
            due_date=date.today() + timedelta(days=7),
            at=at,
        )
        complaints.corrective_action_record_result(pk=action.pk, user=quality, result="Done", at=at)
        complaints.corrective_action_verify(pk=action.pk, user=manager, effective=True, at=at)
        return action

    # ---------------------------------------------------------------- surveys

    def survey(
        self,
        order: WorkOrder,
        *,
        sent: datetime | None = None,
        answered: datetime | None = None,
        csat: int | None = None,
        nps: int | None = None,
        comment: str = "",
    ) -> Survey:
        """The order's survey created and sent at ``sent``; answered (``csat``, ``nps``,
        ``comment``) at ``answered`` when a score is given."""
        survey, _created = surveys.survey_create(work_order_pk=order.pk, at=sent)
        surveys.survey_send(pk=survey.pk, at=sent)
        if csat is not None:
            survey = surveys.survey_answer(
                token=survey.token, csat=csat, nps=nps, comment=comment, at=answered
            )
        survey.refresh_from_db()
        return survey

"""Demo complaints: one in every state, approved and rejected remedies, a signed confirmation,
a supplier deduction and a verified corrective action. Runs once per database."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from complaints import services
from complaints.models import Complaint, PauseReason, State
from demo.vehicles import demo_signature
from vehicles import services as vehicles
from vehicles.models import Customer, Supplier, Vehicle, WorkOrder

SUPPLIER = "华东刹车配件有限公司"
NATURE = "维修质量问题：交车前检验漏项 / Workmanship: a check was missed before delivery"

STORIES = [
    # (state, customer words, severity, category, responsibility)
    (State.RECEIVED, "等了两个小时还没有人来接待我。", "minor", "", ""),
    (State.INVESTIGATING, "换完机油后发动机有异响。", "normal", "", ""),
    (
        State.RESOLVING,
        "The bill is higher than the estimate you gave me.",
        "normal",
        "billing",
        "staff",
    ),
    (State.CUSTOMER_CONFIRMED, "刹车片更换后仍然有尖叫声。", "critical", "workmanship", "shop"),
    (
        State.CORRECTIVE_ACTION,
        "新换的刹车片一周就磨损了。",
        "critical",
        "product_quality",
        "supplier",
    ),
    (State.FOLLOW_UP, "Nobody told me the car was ready.", "normal", "staff_attitude", "staff"),
    (State.CLOSED, "洗车时划伤了车门。", "normal", "workmanship", "shop"),
]


def _records(ctx):
    """The lower layers' records the stories link to: the demo shop's, or a few made here
    through the vehicles services."""
    shop, advisor = ctx.shop, ctx.users["advisor"]
    delivered = (
        WorkOrder.objects.filter(
            shop=shop,
            status="delivered",
            customer__preferred_language="zh-hans",
            lines__kind="part",
        )
        .select_related("customer", "vehicle")
        .order_by("pk")
        .first()
    )
    if delivered is not None:
        customer, car, order = delivered.customer, delivered.vehicle, delivered
    else:
        customer = _customer(shop, "周敏", "+8613800000001", "zh-hans")
        car = Vehicle.objects.filter(shop=shop, owner=customer).first() or vehicles.vehicle_create(
            user=advisor, shop_pk=shop.pk, owner_pk=customer.pk, vin="LSVAA2BN2DM000101",
            plate="京A12345", make="Volkswagen", model="Lavida", year=2019,
        )  # fmt: skip
        order = None
    english = Customer.objects.filter(shop=shop, preferred_language="en").order_by("pk").first()
    if english is None:
        english = _customer(shop, "Anna Smith", "+8613800000002", "en")
    supplier = Supplier.objects.filter(
        shop=shop, name=SUPPLIER
    ).first() or vehicles.supplier_create(user=advisor, shop_pk=shop.pk, name=SUPPLIER)
    if order is None:
        order = WorkOrder.objects.filter(shop=shop, vehicle=car, lines__kind="part").first()
    if order is None:
        order = _delivered_order(ctx, car, supplier)
    line = order.lines.filter(kind="part").first()
    return customer, english, car, order, line, supplier


def _customer(shop, name: str, phone: str, language: str):
    return Customer.objects.filter(shop=shop, phone=phone).first() or vehicles.customer_create(
        shop_pk=shop.pk, name=name, phone=phone, preferred_language=language
    )


def _delivered_order(ctx, car, supplier):
    """Front brake pads fitted three days ago, delivered and invoiced."""
    advisor, tech = ctx.users["advisor"], ctx.users["technician"]
    delivered = timezone.now() - timedelta(days=3)
    order = vehicles.work_order_open(
        vehicle_pk=car.pk, user=advisor, concern="刹车有异响", at=delivered - timedelta(hours=5)
    )
    vehicles.work_order_line_add(
        work_order_pk=order.pk, user=advisor, kind="part", description="前刹车片",
        part_number="BP-100", unit_price=Decimal("380"), technician_pk=tech.pk,
        supplier_pk=supplier.pk,
    )  # fmt: skip
    vehicles.work_order_authorize(
        pk=order.pk, user=advisor, method="phone", authorized_by_name=order.customer.name,
        at=delivered - timedelta(hours=4),
    )  # fmt: skip
    vehicles.work_order_start(pk=order.pk, user=tech, at=delivered - timedelta(hours=3))
    vehicles.work_order_ready(pk=order.pk, user=tech, at=delivered - timedelta(hours=1))
    vehicles.work_order_deliver(pk=order.pk, user=advisor, mileage_out=car.mileage, at=delivered)
    order.refresh_from_db()
    return order


class _Story:
    """One demo complaint taken through the states in order, each step by its role."""

    def __init__(self, ctx, c, *, who, responsibility, supplier):
        users = ctx.users
        self.advisor, self.manager, self.quality = (
            users["advisor"],
            users["manager"],
            users["quality"],
        )
        self.c, self.who, self.responsibility, self.supplier = c, who, responsibility, supplier
        self.action = self.discount = None

    def to(self, state):
        self.c = services.complaint_transition(pk=self.c.pk, user=self.advisor, to=state)
        return self.c

    def investigating(self, *, final, category):
        c = self.to(State.INVESTIGATING)
        self.c = services.complaint_update(
            pk=c.pk, user=self.advisor, version=c.version,
            immediate_response="向客户致歉，安排在休息室等候。",
        )  # fmt: skip

    def resolving(self, *, final, category):
        # The manager classifies it and determines its nature (seed 003 §6).
        facts = {"category": category, "responsibility": self.responsibility, "nature": NATURE}
        if self.responsibility == "supplier":
            facts["supplier_pk"] = self.supplier.pk
        c = services.complaint_update(
            pk=self.c.pk, user=self.manager, version=self.c.version, **facts
        )
        self.c = c
        c = self.to(State.RESOLVING)
        services.remedy_propose(complaint_pk=c.pk, user=self.advisor, kind="apology", amount=0)
        self.discount = services.remedy_propose(
            complaint_pk=c.pk, user=self.advisor, kind="discount", amount="150",
            description="工时费八折 / 20% off labour",
        )  # fmt: skip
        if final:  # the discount waits in the manager's approval queue; a refund was refused
            refund = services.remedy_propose(
                complaint_pk=c.pk, user=self.advisor, kind="refund", amount="5000",
                description="Full refund of the invoice",
            )  # fmt: skip
            services.remedy_decide(
                pk=refund.pk, user=self.manager, approve=False, note="超出合理范围"
            )

    def customer_confirmed(self, *, final, category):
        services.remedy_decide(pk=self.discount.pk, user=self.manager, approve=True, note="同意")
        services.complaint_confirm(
            pk=self.c.pk, user=self.advisor, signed_name=self.who.name, signature=demo_signature()
        )
        self.to(State.CUSTOMER_CONFIRMED)

    def corrective_action(self, *, final, category):
        c = self.to(State.CORRECTIVE_ACTION)
        self.action = services.corrective_action_plan(
            complaint_pk=c.pk, user=self.manager, root_cause="刹车片未按要求磨合；检验漏项",
            corrective_action="重新磨合并路试", preventive_action="在交车检查表中增加刹车路试项目",
            department=self.quality.memberships.first().department or "Workshop",
            owner_pk=self.quality.pk, due_date=timezone.localdate() + timedelta(days=7),
        )  # fmt: skip
        if self.responsibility == "supplier":  # left for the cashier to apply
            services.supplier_deduction_raise(
                complaint_pk=c.pk, user=self.manager, amount="380", part="前刹车片 BP-100",
                improvement_request="请供方检查该批次刹车片的材料并提交改进报告。",
            )  # fmt: skip

    def follow_up(self, *, final, category):
        services.corrective_action_record_result(
            pk=self.action.pk, user=self.quality, result="已完成培训，两周内无同类问题"
        )
        services.corrective_action_verify(
            pk=self.action.pk, user=self.manager, effective=True, note="有效"
        )
        c = self.to(State.FOLLOW_UP)
        services.follow_up_record(
            complaint_pk=c.pk, user=self.advisor, reached=False,
            next_try=timezone.localdate() + timedelta(days=1),
        )  # fmt: skip

    def closed(self, *, final, category):
        services.follow_up_record(
            complaint_pk=self.c.pk, user=self.advisor, reached=True, opinion="satisfied",
            comment="处理得很及时，谢谢。",
        )  # fmt: skip
        self.to(State.CLOSED)


# The states a story passes through after it is received, in order: ``_Story``'s steps.
STEPS = [
    State.INVESTIGATING, State.RESOLVING, State.CUSTOMER_CONFIRMED, State.CORRECTIVE_ACTION,
    State.FOLLOW_UP, State.CLOSED,
]  # fmt: skip


@transaction.atomic
def seed(ctx) -> None:
    # Other layers' demos may have opened complaints already (a not-satisfied escalation does).
    if Complaint.objects.filter(shop=ctx.shop, customer_words=STORIES[0][1]).exists():
        return
    customer, english, car, order, line, supplier = _records(ctx)
    now = timezone.now()
    for index, (target, words, severity, category, responsibility) in enumerate(STORIES):
        who = english if words[0].isascii() else customer
        c = services.complaint_open(
            shop_pk=ctx.shop.pk, customer_words=words, channel="in_person",
            user=ctx.users["advisor"], severity=severity, customer_pk=who.pk,
            vehicle_pk=car.pk if who == customer else None,
            work_order_pk=order.pk if who == customer else None,
            work_order_line_pk=line.pk if responsibility == "supplier" else None,
            at=now - timedelta(hours=6 * (len(STORIES) - index)),
            requested_remedy="免费返工" if who == customer else "A refund of the difference",
        )  # fmt: skip
        if target == State.RECEIVED:
            continue
        story = _Story(ctx, c, who=who, responsibility=responsibility, supplier=supplier)
        for state in STEPS[: STEPS.index(target) + 1]:
            getattr(story, state)(final=state == target, category=category)
        if target == State.INVESTIGATING:
            # The noise is heard only on a cold engine: the clocks wait for the customer's car.
            services.complaint_pause(
                pk=c.pk, user=ctx.users["advisor"],
                version=Complaint.objects.values_list("version", flat=True).get(pk=c.pk),
                reason=PauseReason.WAITING_FOR_CUSTOMER,
                note="客户明早冷车时把车开来复查",
            )  # fmt: skip

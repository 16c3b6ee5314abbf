"""Demo history: the complaints of the year at "Demo", from a fixed list of stories, each taken
through the complaint services at the moments it happened (its remedies, the money for the
cashier, corrective actions, follow-ups, and so its history rows and clocks)."""

from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from complaints import services
from complaints.models import Opinion, RemedyKind, RemedyStatus, State
from complaints.services import policy_for_shop
from demo.vehicles import demo_signature
from vehicles.models import Supplier

COMPLAINTS = [
    # month offset (back from now), words, severity, category, responsibility, end state, late
    (13, "保养后机油盖没拧紧，发动机舱都是油。", "normal", "workmanship", "staff", "closed", False),
    (12, "The invoice charged labour twice.", "minor", "billing", "staff", "closed", False),
    (11, "等了一个半小时才有人接待。", "minor", "waiting_time", "shop", "closed", False),
    (10, "新换的轮胎一个月就鼓包了。", "critical", "product_quality", "supplier", "closed", True),
    (9, "空调修好一周又不凉了。", "normal", "workmanship", "shop", "closed", False),
    (8, "顾问态度很不耐烦。", "normal", "staff_attitude", "staff", "closed", False),
    (7, "You replaced the wrong wiper blades.", "minor", "service_content_error", "staff",
     "closed", False),
    (6, "刹车片更换后刹车发软。", "critical", "workmanship", "shop", "closed", True),
    (5, "约好的时间到了车还没开始修。", "normal", "waiting_time", "shop", "closed", False),
    (4, "蓄电池三个月就没电了。", "normal", "product_quality", "supplier", "closed", False),
    (3, "座椅上有油手印。", "minor", "workmanship", "staff", "closed", False),
    (2, "收费比报价高了两百元。", "normal", "billing", "shop", "closed", True),
    (2, "The car was not washed as promised.", "minor", "other", "customer", "follow_up", False),
    (1, "洗车时刮花了后视镜。", "normal", "workmanship", "shop", "corrective_action", False),
    (0, "电话打了三次都没人接。", "minor", "staff_attitude", "undetermined", "investigating",
     False),
]  # fmt: skip

ROOT_CAUSES = {
    # category: root cause, corrective action, preventive action
    "workmanship": ("作业后未按检查表复检", "返工并复检", "交车前增加复检签字"),
    "billing": ("结算时未与报价单核对", "退还差额并致歉", "结算前由收银员核对报价单"),
    "waiting_time": ("预约排程超出工位能力", "调整当日排程", "按工位能力限制预约数量"),
    "product_quality": ("供方该批次配件质量问题", "更换合格配件", "该供方配件入库抽检"),
    "staff_attitude": ("接待礼仪培训不足", "当面致歉并辅导", "每月接待礼仪培训"),
    "service_content_error": ("施工单项目与客户确认不一致", "按确认内容重新施工",
                              "施工前与客户逐项确认"),
    "other": ("洗车项目漏做", "补做洗车", "交车检查表增加洗车项"),
}  # fmt: skip

IMMEDIATE = "向客户致歉并说明处理安排。"
NATURE = "经审查：属本店服务质量问题，需查明原因并纠正"
DONE = "已完成培训和复检，未再发生同类问题"


class _Story:
    """One complaint carried from the counter to its end state by the people who handled it."""

    def __init__(self, rng, world, users, now):
        self.rng, self.world, self.now = rng, world, now
        self.advisor, self.manager = users["advisor"], users["manager"]
        self.supervisor = users["supervisor"]
        self.quality, self.cashier = users["quality"], users["cashier"]
        self.policy = policy_for_shop(world.shop.pk)

    def open(self, received, words, severity, order):
        english = words[0].isascii()
        links = {"customer": order.customer, "vehicle": order.vehicle, "work_order": order}
        self.c = self.world.complaint(
            by=self.advisor, received=received, words=words,
            channel=self.rng.choice(["in_person", "phone"]), severity=severity,
            requested_remedy="A refund of the difference" if english else "免费返工并道歉",
            **(links if order else {"customer_name": "Walk-in"}),
        )  # fmt: skip
        return self

    def move(self, to, at):
        services.complaint_transition(pk=self.c.pk, user=self.advisor, to=to, at=at)

    def edit(self, by, at, **facts):
        self.c.refresh_from_db()
        services.complaint_update(pk=self.c.pk, user=by, version=self.c.version, at=at, **facts)

    def respond(self, late):
        """First response: critical ones at once, the others within (or past) their clock."""
        t = self.c.received_at + self.policy.response_delta(self.c.severity) * self.rng.uniform(
            0.2, 0.9
        )
        if late:
            t += timedelta(hours=self.rng.randint(2, 5))
        self.move(State.INVESTIGATING, t)
        self.edit(self.advisor, t + timedelta(minutes=1), immediate_response=IMMEDIATE)
        return t

    def resolve(self, t, category, responsibility):
        """Categorised by the manager; an apology and a discount (approved) or a rework."""
        t += timedelta(hours=self.rng.randint(2, 8))
        self.edit(self.manager, t, category=category, responsibility=responsibility, nature=NATURE)
        if category == "service_content_error":  # the duty supervisor's to handle from now on
            self.advisor = self.supervisor
        t += timedelta(minutes=30)
        self.move(State.RESOLVING, t)
        amount = Decimal(self.rng.choice(["100", "150", "200", "380"]))
        for kind in (RemedyKind.APOLOGY, self.rng.choice([RemedyKind.DISCOUNT, RemedyKind.REWORK])):
            t += timedelta(minutes=10)
            money = amount if kind == RemedyKind.DISCOUNT else Decimal("0")
            remedy = services.remedy_propose(
                complaint_pk=self.c.pk, user=self.advisor, kind=kind, amount=money, at=t
            )
            if remedy.status == RemedyStatus.PENDING:
                services.remedy_decide(
                    pk=remedy.pk, user=self.manager, approve=True, note="同意",
                    at=t + timedelta(hours=1),
                )  # fmt: skip
        return t

    def confirm(self, t, late):
        """The customer confirms within the resolution clock (past it for the late ones)."""
        c = self.c
        resolution = self.policy.resolution_delta(c.severity)
        share = self.rng.uniform(1.1, 1.6) if late else self.rng.uniform(0.4, 0.85)
        t = max(t + timedelta(hours=2), c.received_at + resolution * share - timedelta(hours=1))
        services.complaint_confirm(
            pk=c.pk, user=self.advisor, signed_name=c.who, signature=demo_signature(), at=t
        )
        t += timedelta(minutes=20)
        self.move(State.CUSTOMER_CONFIRMED, t)
        self._settle(paid=t + timedelta(days=1))
        return t

    def _settle(self, paid):
        """The cashier paid the approved money a day after the customer confirmed."""
        if paid >= self.now:
            return
        for settlement in self.c.customer_settlements.filter(settled_at=None):
            services.customer_settlement_settle(
                pk=settlement.pk, user=self.cashier, reference="POS", at=paid
            )

    def act(self, t, category):
        t += timedelta(hours=2)
        self.move(State.CORRECTIVE_ACTION, t)
        cause, fix, prevent = ROOT_CAUSES[category]
        self.action = services.corrective_action_plan(
            complaint_pk=self.c.pk, user=self.manager, root_cause=cause, corrective_action=fix,
            preventive_action=prevent, department="Workshop", owner_pk=self.quality.pk,
            due_date=timezone.localdate(t) + timedelta(days=10), at=t + timedelta(minutes=5),
        )  # fmt: skip
        return t

    def verify(self, t, responsibility):
        """Done on time for most, a week late for one in five; verified the next day."""
        done = t + timedelta(days=self.rng.choice([3, 5, 6, 8, 16]))
        services.corrective_action_record_result(
            pk=self.action.pk, user=self.quality, result=DONE, at=done
        )
        services.corrective_action_verify(
            pk=self.action.pk, user=self.manager, effective=True, note="有效",
            at=done + timedelta(days=1),
        )  # fmt: skip
        if responsibility == "supplier":
            services.supplier_deduction_raise(
                complaint_pk=self.c.pk, user=self.manager, amount=Decimal("200"),
                part="不合格配件", improvement_request="该批次配件全部退换并提供检验报告",
                supplier_pk=self._supplier().pk, at=done + timedelta(days=1),
            )  # fmt: skip
        t = done + timedelta(days=1, hours=1)
        self.move(State.FOLLOW_UP, t)
        return t

    def _supplier(self):
        shop = self.world.shop
        found = Supplier.objects.filter(shop=shop).order_by("pk").first()
        return found or self.world.supplier("Demo Parts", by=self.manager)

    def follow_up(self, t, end):
        """The customer reached a few days later and the complaint closed; or not yet reached."""
        t += timedelta(days=self.rng.randint(1, 4))
        opinion = self.rng.choice([Opinion.SATISFIED] * 4 + [Opinion.NEUTRAL])
        if end == State.FOLLOW_UP:
            services.follow_up_record(
                complaint_pk=self.c.pk, user=self.advisor, reached=False,
                next_try=timezone.localdate(self.now) + timedelta(days=1), at=t,
            )  # fmt: skip
            return
        services.follow_up_record(
            complaint_pk=self.c.pk, user=self.advisor, reached=True, opinion=opinion, at=t
        )
        self.move(State.CLOSED, t + timedelta(minutes=10))

    def tell(self, received, row, order):
        _m, words, severity, category, responsibility, end, late = row
        self.open(received, words, severity, order)
        t = self.respond(late)
        if end == State.INVESTIGATING:
            return
        t = self.act(self.confirm(self.resolve(t, category, responsibility), late), category)
        if end == State.CORRECTIVE_ACTION:
            return
        self.follow_up(self.verify(t, responsibility), end)


def _received(rng, shop, day):
    local = timezone.localtime(day, ZoneInfo(shop.timezone))
    return local.replace(hour=9, minute=0) + timedelta(minutes=rng.randint(0, 480))


def complaints_write(rng, world, orders, users, now):
    """The stories of COMPLAINTS, each about a visit of the weeks before (a customer complains
    once), taken in in the order received, as the intake numbers them."""
    complained = set()
    dated = sorted(
        ((now - timedelta(days=30 * row[0] + rng.randint(3, 20)), row) for row in COMPLAINTS),
        key=lambda pair: pair[0],
    )
    for day, row in dated:
        candidates = [
            o
            for o in orders
            if day - timedelta(days=20) < o.delivered_at < day - timedelta(days=2)
            and o.customer_id not in complained
        ]
        order = rng.choice(candidates) if candidates else None
        if order is not None:
            complained.add(order.customer_id)
        _Story(rng, world, users, now).tell(_received(rng, world.shop, day), row, order)

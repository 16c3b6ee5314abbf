"""Demo history: fourteen months of an ordinary shop's life at "Demo" (and a little at "Demo East")
— returning customers and their cars, delivered work orders with their lines (busier in spring
and autumn), the interactions at the counter, the complaints of the year and the surveys sent
after each visit — so the annual satisfaction report reads like a real year.

Every record is written through the services by the one world-builder (``demo.world``), each at
the moment it happened (their ``at=``): the work orders' steps, events, authorizations and
invoices, the interactions' stages, the complaints' states and history, the surveys sent a few
days after delivery. What the services would have sent then (a survey's invitation, a manager's
alert) is recorded as sent then, so nothing from the past waits for the worker. Deterministic (a
seeded random generator) and idempotent: the first history customer is the marker, a second run
adds nothing.
"""

import random
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from demo.history_complaints import complaints_write
from demo.world import World
from interactions.models import Outcome, Stage
from servicedesk.phones import phone_e164
from surveys.models import SurveySettings
from vehicles.models import COUNTER_METHODS, Customer, WorkOrderStatus
from vehicles.vin import check_digit

MARKER_PHONE = "13710000000"  # the first history customer's phone; the rest count up from it
DAYS = 425  # about fourteen months back
WORK_ORDERS = 250
EAST_WORK_ORDERS = 18
# Relative workload by calendar month: spring and autumn services, a quiet winter and August.
MONTH_WEIGHT = {1: 0.7, 2: 0.55, 3: 1.3, 4: 1.45, 5: 1.3, 6: 1.0, 7: 0.9, 8: 0.75, 9: 1.3,
                10: 1.45, 11: 1.2, 12: 0.8}  # fmt: skip

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "强", "军", "洋", "勇", "艳", "杰", "涛", "明", "超"]
ENGLISH = ["James Wilson", "Sarah Brown", "Michael Lee", "Anna Müller", "Tom Harris",
           "Laura Smith", "Kevin Wong", "Rachel Green"]  # fmt: skip
CARS = [
    # make, model, VIN prefix
    ("Volkswagen", "Lavida", "LSVAB2BT"), ("Toyota", "Corolla", "LVGBE40K"),
    ("Honda", "Civic", "LHGFC165"), ("Nissan", "Sylphy", "LGBH52E0"),
    ("Buick", "Excelle GT", "LSGPC52U"), ("BYD", "Qin Plus", "LGXCE4CB"),
    ("Geely", "Emgrand", "L6T78Y4E"), ("Audi", "A4L", "LFV2A21K"),
    ("BMW", "325Li", "LBV5S310"), ("Mercedes-Benz", "C 260 L", "LE4ZG8DB"),
    ("Haval", "H6", "LGWEF6A5"), ("Tesla", "Model Y", "LRWYGCEK"),
]  # fmt: skip
COLOURS = ["white", "black", "silver", "grey", "blue", "red"]
JOBS = [
    # weight, concern (zh, en), cause, correction, lines: (kind, description, price, qty, months)
    (30, ("定期保养", "Scheduled service"), "到达保养里程", "更换机油机滤，常规检查",
     [("part", "机油 5W-30 4L", "260.00", "1", 6), ("part", "机油滤清器", "45.00", "1", 6),
      ("labour", "保养工时", "120.00", "1", 0)]),
    (12, ("刹车异响", "Brake noise"), "前刹车片磨损到极限", "更换前刹车片并打磨刹车盘",
     [("part", "前刹车片（原厂）", "380.00", "1", 12),
      ("labour", "更换刹车片工时", "150.00", "1", 0)]),
    (10, ("空调不制冷", "Air conditioning not cooling"), "冷媒不足，管路接头渗漏",
     "更换O形圈，抽真空加注冷媒",
     [("part", "空调冷媒 R134a", "90.00", "2", 0), ("part", "O形密封圈", "15.00", "2", 12),
      ("labour", "空调检修工时", "200.00", "1", 0)]),
    (10, ("更换轮胎", "Tyre replacement"), "轮胎花纹接近磨损标记", "更换两条前轮胎并做四轮定位",
     [("part", "轮胎 205/55 R16", "520.00", "2", 24), ("labour", "四轮定位", "260.00", "1", 0)]),
    (8, ("电瓶没电，打不着火", "Battery flat, will not start"), "蓄电池老化", "更换蓄电池",
     [("part", "蓄电池 60Ah", "650.00", "1", 24), ("labour", "更换蓄电池工时", "50.00", "1", 0)]),
    (6, ("发动机故障灯亮", "Engine warning light on"), "点火线圈故障", "更换第三缸点火线圈",
     [("fee", "电脑诊断", "150.00", "1", 0), ("part", "点火线圈", "420.00", "1", 12),
      ("labour", "更换点火线圈工时", "120.00", "1", 0)]),
    (6, ("年检前检查", "Pre-inspection check"), "年检前例行检查", "检查灯光、制动、排放，合格",
     [("fee", "年检预检", "200.00", "1", 0)]),
    (5, ("雨刮刮不干净", "Wipers streaking"), "雨刮片老化", "更换前雨刮片",
     [("part", "雨刮片（一对）", "160.00", "1", 6)]),
    (4, ("底盘异响", "Knocking from the suspension"), "前稳定杆连杆球头松旷", "更换左右稳定杆连杆",
     [("part", "稳定杆连杆", "280.00", "2", 12), ("labour", "底盘维修工时", "300.00", "1", 0)]),
]  # fmt: skip
GOOD_WORDS = ["很满意，速度快", "解释得很清楚", "Friendly and on time", "价格透明",
              "Clear and quick", "休息区很舒服", "车洗得很干净"]  # fmt: skip
SURVEY_COMMENTS = {
    "good": ["服务很周到，谢谢！", "Quick and friendly, thank you.", "车洗得很干净。",
             "顾问解释得很清楚。", "Fair price, clear explanation."],
    "mid": ["等待时间有点长。", "OK, but the waiting room was crowded."],
    "low": ["说好下午取车，结果晚了两个小时。", "The bill was higher than the estimate."],
}  # fmt: skip


def _vin(prefix: str, serial: int) -> str:
    vin = f"{prefix}1{serial:08d}"[:17]
    return vin[:8] + check_digit(vin) + vin[9:]


def _weighted_moments(rng, start, end, count):
    """``count`` moments in shop hours (``start`` is in the shop's time zone) between ``start``
    and ``end``, denser in busy months and quieter on Sundays."""
    days = []
    day = start
    while day < end:
        days.append(day)
        day += timedelta(days=1)
    weights = [MONTH_WEIGHT[d.month] * (0.3 if d.weekday() == 6 else 1.0) for d in days]
    picked = sorted(rng.choices(days, weights=weights, k=count))
    return sorted(  # in the order of the clock, so the numbers follow it within a day too
        d.replace(hour=8, minute=30, second=0, microsecond=0)
        + timedelta(minutes=rng.randint(0, 7 * 60))
        for d in picked
    )


def _customers(rng, world, count, phone_from):
    people = []
    for i in range(count):
        english = i % 6 == 5
        name = (
            ENGLISH[(i // 6) % len(ENGLISH)]
            if english
            else rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(["", *GIVEN])
        )
        people.append(
            world.customer(
                name, phone=str(int(phone_from) + i),
                preferred_language="en" if english else "zh-hans",
                preferred_channel="sms" if english else "wechat",
                customer_type=rng.choice(["regular"] * 5 + ["in_a_hurry", "price_minded",
                                          "detail_minded", "fleet"]),
                main_concern=rng.choice(["unknown", "time", "expense"]),
                reminder_consent=rng.random() < 0.7,
            )
        )  # fmt: skip
    return people


def _cars(rng, world, customers, registered, serial_from, by):
    cars = []
    for i, owner in enumerate(customers):
        make, model, prefix = CARS[(i + serial_from) % len(CARS)]
        cars.append(
            world.car(
                owner, by=by, vin=_vin(prefix, serial_from + i), make=make, model=model,
                plate=f"京{'ABCDEFGHJKLMNP'[i % 14]}{rng.randint(10000, 99999)}",
                year=rng.randint(2014, 2023), colour=rng.choice(COLOURS),
                mileage=rng.randint(8, 120) * 1000, at=registered,
            )
        )  # fmt: skip
    return cars


class _Visit:
    """One delivered visit as the shop lived it: the counter (when the customer came to it), the
    work order through its steps, the customer's keep at the counter."""

    def __init__(self, rng, world, *, advisors, tech):
        self.rng, self.world, self.advisors, self.tech = rng, world, advisors, tech
        self.jobs_weights = [j[0] for j in JOBS]

    def plan(self, car, opened, km):
        rng = self.rng
        job = rng.choices(JOBS, weights=self.jobs_weights)[0]
        hours = rng.choice([1, 2, 2, 3, 4, 6, 24])
        steps = {WorkOrderStatus.AUTHORIZED: opened + timedelta(minutes=rng.randint(10, 40))}
        steps[WorkOrderStatus.IN_PROGRESS] = steps[WorkOrderStatus.AUTHORIZED] + timedelta(
            minutes=rng.randint(10, 90)
        )
        steps[WorkOrderStatus.READY] = steps[WorkOrderStatus.IN_PROGRESS] + timedelta(hours=hours)
        steps[WorkOrderStatus.DELIVERED] = steps[WorkOrderStatus.READY] + timedelta(
            minutes=rng.randint(15, 240)
        )
        zh, en = job[1]
        return {
            "job": job, "opened": opened, "steps": steps, "km": km, "car": car,
            "advisor": rng.choices(self.advisors, weights=[6, 3, 1])[0],
            "concern": zh if car.owner.preferred_language == "zh-hans" else en,
            "promised_at": opened + timedelta(hours=hours + 2),
            "method": rng.choice([m for m, _label in COUNTER_METHODS][1:]),
        }  # fmt: skip

    def write(self, plan, *, counter: bool):
        """The visit of ``plan``; with ``counter``, greeted at the counter first: most agree on
        the work there and open the order from it, some leave early (an inquiry answered, an
        appointment booked) and the order is opened later."""
        interaction = None
        if counter:
            interaction = self._counter(plan)
        order, _invoice = self.world.visit(
            plan["car"], by=plan["advisor"], opened=plan["opened"], at=plan["steps"],
            interaction=interaction, mileage=plan["km"], comeback_related=False,
            lines=self._lines(plan["job"]), concern=plan["concern"],
            promised_at=plan["promised_at"],
            hands={WorkOrderStatus.IN_PROGRESS: self.tech, WorkOrderStatus.READY: self.tech},
            authorization={"method": plan["method"],
                           "authorized_by_name": plan["car"].owner.name},
        )  # fmt: skip
        if interaction is not None:
            self._keep(interaction, plan)
        return order

    def _lines(self, job):
        return [
            {"kind": kind, "description": desc, "unit_price": price, "quantity": qty,
             "tax_rate": "13", "warranty_months": months,
             "technician": self.tech if kind == "labour" else None}
            for kind, desc, price, qty, months in job[4]
        ]  # fmt: skip

    def _counter(self, plan):
        rng, car = self.rng, plan["car"]
        greet = plan["opened"] - timedelta(minutes=rng.randint(5, 20))
        early = rng.random() < 0.16
        need = {Stage.GREET: {"wait_seconds": rng.randint(10, 240),
                              "cue_in_a_hurry": car.owner.customer_type == "in_a_hurry"},
                Stage.KNOW_NEED: {"need_in_customer_words": plan["concern"],
                                  "restatement": plan["concern"],
                                  "main_concern": car.owner.main_concern}}  # fmt: skip
        at = {Stage.KNOW_NEED: greet + timedelta(minutes=3)}
        channel = rng.choices(["walk_in", "phone", "message"], weights=[7, 2, 1])[0]
        if early:
            asked = self.world.interaction(
                car.owner, by=plan["advisor"], greeted=greet, to=Stage.KNOW_NEED, at=at,
                vehicle=car, fields=need, channel=channel,
            )  # fmt: skip
            self.world.advance(
                asked, by=plan["advisor"], to=Stage.CLOSED,
                outcome=rng.choice([Outcome.ANSWERED, Outcome.BOOKED]),
                at={Stage.CLOSED: at[Stage.KNOW_NEED] + timedelta(minutes=rng.randint(2, 10))},
            )  # fmt: skip
            return None
        at[Stage.CONFIRM] = greet + timedelta(minutes=8)
        return self.world.interaction(
            car.owner, by=plan["advisor"], greeted=greet, to=Stage.CONFIRM, at=at,
            vehicle=car, fields=need, channel=channel,
        )  # fmt: skip

    def _keep(self, interaction, plan):
        rng, delivered = self.rng, plan["steps"][WorkOrderStatus.DELIVERED]
        # Not a 2 or below: that escalates to the manager, which the history does not tell.
        keep = {"satisfaction": rng.choices([5, 4, 3], weights=[58, 32, 10])[0],
                "thanked": True, "invited_back": rng.random() < 0.8}  # fmt: skip
        if keep["satisfaction"] >= 4 and rng.random() < 0.4:
            keep["satisfaction_words"] = rng.choice(GOOD_WORDS)
        correction = plan["job"][3]
        self.world.advance(
            interaction, by=plan["advisor"], to=Stage.CLOSED,
            at={Stage.HELP: delivered - timedelta(minutes=10),
                Stage.KEEP: delivered - timedelta(minutes=5), Stage.CLOSED: delivered},
            fields={Stage.CONFIRM: {"agreed_work": correction, "customer_agreed": True},
                    Stage.HELP: {"delivered_summary": correction}, Stage.KEEP: keep},
        )  # fmt: skip


def _visits(rng, world, cars, moments, *, counter_visits, advisors, tech):
    """The delivered visits, one at each of ``moments`` (in order, so the numbers follow the
    days); ``counter_visits`` of them began at the counter."""
    at_counter = set(rng.sample(range(len(moments)), counter_visits))
    visit = _Visit(rng, world, advisors=advisors, tech=tech)
    km = {c.pk: c.mileage for c in cars}
    orders = []
    for i, opened in enumerate(moments):
        car = rng.choice(cars)
        km[car.pk] += rng.randint(2000, 6000)
        orders.append(visit.write(visit.plan(car, opened, km[car.pk]), counter=i in at_counter))
    return orders


def _answer(rng):
    """A customer's answer: (csat, nps, comment)."""
    roll = rng.random()
    if roll < 0.07:
        csat, nps, kind = rng.choice([1, 2]), rng.randint(0, 4), "low"
    elif roll < 0.22:
        csat, nps, kind = 3, rng.randint(5, 8), "mid"
    else:
        csat, nps, kind = rng.choice([4, 5, 5]), rng.randint(8, 10), "good"
    comment = ""
    if kind != "good" or rng.random() < 0.25:
        comment = rng.choice(SURVEY_COMMENTS[kind])
    return csat, nps, comment


def _surveys(rng, world, orders, now):
    """Each delivered order's survey, sent a few days later (as the job sends it), most of them
    answered within two days."""
    settings = SurveySettings.objects.filter(shop=world.shop).first() or SurveySettings()
    for order in sorted(orders, key=lambda o: o.delivered_at):
        sent = order.delivered_at + timedelta(days=settings.days_after_delivery, hours=1)
        if sent > now:
            continue  # the job has not sent it yet
        answer = {}
        if rng.random() < 0.6 and sent + timedelta(days=2) < now:
            csat, nps, comment = _answer(rng)
            answered = sent + timedelta(hours=rng.randint(1, 48))
            answer = {"csat": csat, "nps": nps, "comment": comment, "answered": answered}
        world.survey(order, sent=sent, **answer)


def _shop(rng, shop, *, customers, orders, interactions, phone_from, serial_from,
          advisors, tech, now):  # fmt: skip
    world = World(shop)
    start = timezone.localtime(now - timedelta(days=DAYS), ZoneInfo(shop.timezone))
    people = _customers(rng, world, customers, phone_from)
    cars = _cars(rng, world, people, start - timedelta(days=30), serial_from, advisors[0])
    moments = _weighted_moments(rng, start, now - timedelta(days=5), orders)
    wos = _visits(
        rng, world, cars, moments, counter_visits=interactions, advisors=advisors, tech=tech
    )
    _surveys(rng, world, wos, now)
    return world, wos


@transaction.atomic
def seed(ctx) -> None:
    marker = phone_e164(MARKER_PHONE, country=ctx.shop.country)  # kept in E.164
    if Customer.objects.filter(shop=ctx.shop, phone=marker).exists():
        return
    rng = random.Random(2026)  # noqa: S311 (demo data, the same every run; not a secret)
    now = timezone.now()
    users = ctx.users
    demo_advisors = [users["advisor"], users["supervisor"], users["manager"]]
    world, orders = _shop(
        rng, ctx.shop, customers=40, orders=WORK_ORDERS, interactions=200,
        phone_from=MARKER_PHONE, serial_from=0, advisors=demo_advisors,
        tech=users["technician"], now=now,
    )  # fmt: skip
    complaints_write(rng, world, orders, users, now)
    east = [users["east"]] * 3
    _shop(
        rng, ctx.east, customers=6, orders=EAST_WORK_ORDERS, interactions=14,
        phone_from="13720000000", serial_from=500, advisors=east, tech=users["east"], now=now,
    )  # fmt: skip

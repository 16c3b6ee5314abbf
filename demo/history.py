"""Demo history: fourteen months of an ordinary shop's life at "Demo" (and a little at "Demo East")
— returning customers and their cars, delivered work orders with their lines (busier in spring
and autumn), the interactions at the counter, the complaints of the year and the surveys sent
after each visit — so the annual satisfaction report reads like a real year.

The services stamp ``now``; the history is therefore written directly, in bulk, with the
timestamps the services would have written then: every work order has its status events and
authorization, every complaint its history rows, clocks and states, every survey its
``sent_at`` a few days after delivery. Deterministic (a seeded random generator) and
idempotent: the first history customer is the marker, a second run adds nothing.
"""

import random
from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from demo.history_complaints import complaints_write
from demo.history_numbers import numbers_take
from interactions.models import Interaction, Outcome, Stage
from servicedesk.phones import phone_e164
from surveys.models import Survey, SurveySettings
from vehicles.models import (
    COUNTER_METHODS,
    Customer,
    Invoice,
    MileageReading,
    Vehicle,
    VehicleOwnership,
    WorkOrder,
    WorkOrderAuthorization,
    WorkOrderEvent,
    WorkOrderLine,
    WorkOrderStatus,
)
from vehicles.services.work_orders import invoice_build
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
    return [
        d.replace(hour=8, minute=30, second=0, microsecond=0)
        + timedelta(minutes=rng.randint(0, 7 * 60))
        for d in picked
    ]


def _customers(rng, shop, count, phone_from):
    rows = []
    for i in range(count):
        english = i % 6 == 5
        name = (
            ENGLISH[(i // 6) % len(ENGLISH)]
            if english
            else rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(["", *GIVEN])
        )
        rows.append(
            Customer(
                shop=shop, name=name,
                phone=phone_e164(str(int(phone_from) + i), country=shop.country),
                preferred_language="en" if english else "zh-hans",
                preferred_channel="sms" if english else "wechat",
                customer_type=rng.choice(["regular"] * 5 + ["in_a_hurry", "price_minded",
                                          "detail_minded", "fleet"]),
                main_concern=rng.choice(["unknown", "time", "expense"]),
                reminder_consent=rng.random() < 0.7,
            )
        )  # fmt: skip
    return Customer.objects.bulk_create(rows)


def _vehicles(rng, shop, customers, registered, serial_from, user):
    rows = []
    for i, owner in enumerate(customers):
        make, model, prefix = CARS[(i + serial_from) % len(CARS)]
        vin = _vin(prefix, serial_from + i)
        rows.append(
            Vehicle(
                shop=shop, owner=owner, vin=vin, vin_tail=vin[-6:], make=make, model=model,
                plate=f"京{'ABCDEFGHJKLMNP'[i % 14]}{rng.randint(10000, 99999)}",
                year=rng.randint(2014, 2023), colour=rng.choice(COLOURS),
                mileage=rng.randint(8, 120) * 1000,
            )
        )  # fmt: skip
    cars = Vehicle.objects.bulk_create(rows)
    for car in cars:
        car.created_at = registered
    Vehicle.objects.bulk_update(cars, ["created_at"])
    VehicleOwnership.objects.bulk_create(
        [VehicleOwnership(vehicle=c, customer=c.owner, started_at=registered) for c in cars]
    )
    readings = MileageReading.objects.bulk_create(
        [MileageReading(vehicle=c, km=c.mileage, recorded_by=user, source="vehicle") for c in cars]
    )
    for r in readings:
        r.recorded_at = registered
    MileageReading.objects.bulk_update(readings, ["recorded_at"])
    return cars


def _work_orders(rng, shop, cars, moments, advisors, tech):
    """Delivered work orders, their lines, authorizations and status events."""
    jobs_weights = [j[0] for j in JOBS]
    orders, plans = [], []
    km = {c.pk: c.mileage for c in cars}
    for (year, seq, number), opened in zip(numbers_take(shop, moments), moments, strict=True):
        car = rng.choice(cars)
        job = rng.choices(JOBS, weights=jobs_weights)[0]
        zh_en = job[1]
        km[car.pk] += rng.randint(2000, 6000)
        hours = rng.choice([1, 2, 2, 3, 4, 6, 24])
        authorized = opened + timedelta(minutes=rng.randint(10, 40))
        started = authorized + timedelta(minutes=rng.randint(10, 90))
        ready = started + timedelta(hours=hours)
        delivered = ready + timedelta(minutes=rng.randint(15, 240))
        orders.append(
            WorkOrder(
                shop=shop, number=number, year=year, sequence=seq, vehicle=car,
                customer=car.owner, advisor=rng.choices(advisors, weights=[6, 3, 1])[0],
                status=WorkOrderStatus.DELIVERED,
                concern=zh_en[0] if car.owner.preferred_language == "zh-hans" else zh_en[1],
                cause=job[2], correction=job[3], mileage_in=km[car.pk],
                mileage_out=km[car.pk] + rng.randint(0, 15),
                promised_at=opened + timedelta(hours=hours + 2),
                authorized_at=authorized, started_at=started, ready_at=ready,
                delivered_at=delivered, version=5,
            )
        )  # fmt: skip
        plans.append((job, opened))
    orders = WorkOrder.objects.bulk_create(orders)
    for wo, (_job, opened) in zip(orders, plans, strict=True):
        wo.opened_at = opened
    WorkOrder.objects.bulk_update(orders, ["opened_at"])

    auths, lines, events = [], [], []
    for wo, (job, opened) in zip(orders, plans, strict=True):
        wo_lines = [
            WorkOrderLine(
                work_order=wo, kind=kind, description=desc, unit_price=Decimal(price),
                quantity=Decimal(qty), tax_rate=Decimal("13"), warranty_months=months,
                technician=tech if kind == "labour" else None,
            )
            for kind, desc, price, qty, months in job[4]
        ]  # fmt: skip
        auths.append(
            WorkOrderAuthorization(
                work_order=wo, method=rng.choice([m for m, _label in COUNTER_METHODS][1:]),
                authorized_by_name=wo.customer.name, recorded_by=wo.advisor,
                amount=sum((line.total for line in wo_lines), Decimal("0")),
                authorized_at=wo.authorized_at,
            )
        )  # fmt: skip
        lines.append(wo_lines)
        steps = [("", "open", opened, wo.advisor), ("open", "authorized", wo.authorized_at,
                 wo.advisor), ("authorized", "in_progress", wo.started_at, tech),
                 ("in_progress", "ready", wo.ready_at, tech),
                 ("ready", "delivered", wo.delivered_at, wo.advisor)]  # fmt: skip
        events += [
            WorkOrderEvent(
                work_order=wo, from_status=a, to_status=b, actor=who, at=at,
                note="Estimate authorized" if b == "authorized" else "",
            )
            for a, b, at, who in steps
        ]  # fmt: skip
    auths = WorkOrderAuthorization.objects.bulk_create(auths)
    flat = []
    for auth, wo_lines in zip(auths, lines, strict=True):
        for line in wo_lines:
            line.authorization = auth
            flat.append(line)
    flat = WorkOrderLine.objects.bulk_create(flat)
    for line in flat:
        line.created_at = line.work_order.opened_at
    WorkOrderLine.objects.bulk_update(flat, ["created_at"])
    WorkOrderEvent.objects.bulk_create(events)
    # Every delivery issued its invoice (as work_order_deliver does), numbered in order.
    delivered = sorted(zip(orders, lines, strict=True), key=lambda p: p[0].delivered_at)
    numbers = numbers_take(shop, [wo.delivered_at for wo, _ in delivered], kind="INV")
    Invoice.objects.bulk_create(
        invoice_build(
            wo,
            lines=wo_lines,
            number=number,
            year=year,
            sequence=seq,
            language=wo.customer.preferred_language,
            at=wo.delivered_at,
            by=wo.advisor,
        )  # fmt: skip
        for (wo, wo_lines), (year, seq, number) in zip(delivered, numbers, strict=True)
    )
    for car in cars:
        car.mileage = km[car.pk]
    Vehicle.objects.bulk_update(cars, ["mileage"])
    return orders


def _interactions(rng, shop, orders, count):
    """The counter visits behind ``count`` of the orders: most run the whole cycle, some close
    early (an inquiry answered, an appointment booked)."""
    rows = []
    for wo in rng.sample(orders, count):
        greet = wo.opened_at - timedelta(minutes=rng.randint(5, 20))
        row = Interaction(
            shop=shop, customer=wo.customer, vehicle=wo.vehicle, work_order=wo,
            channel=rng.choices(["walk_in", "phone", "message"], weights=[7, 2, 1])[0],
            advisor=wo.advisor, greet_at=greet, wait_seconds=rng.randint(10, 240),
            cue_in_a_hurry=wo.customer.customer_type == "in_a_hurry",
            know_need_at=greet + timedelta(minutes=3), main_concern=wo.customer.main_concern,
            need_in_customer_words=wo.concern, restatement=wo.concern, version=5,
        )  # fmt: skip
        if rng.random() < 0.16:
            row.stage, row.outcome = (
                Stage.CLOSED,
                rng.choice([Outcome.ANSWERED, Outcome.BOOKED]),
            )
            row.closed_at = row.know_need_at + timedelta(minutes=rng.randint(2, 10))
            row.work_order, row.version = None, 3
        else:
            row.confirm_at = greet + timedelta(minutes=8)
            row.agreed_work, row.customer_agreed = wo.correction, True
            row.promised_at, row.help_at = wo.promised_at, wo.delivered_at - timedelta(minutes=10)
            row.delivered_summary = wo.correction
            row.keep_at = wo.delivered_at - timedelta(minutes=5)
            row.satisfaction = rng.choices([5, 4, 3, 2], weights=[58, 32, 8, 2])[0]
            if row.satisfaction >= 4 and rng.random() < 0.4:
                row.satisfaction_words = rng.choice(GOOD_WORDS)
            row.thanked, row.invited_back = True, rng.random() < 0.8
            row.stage, row.outcome, row.closed_at = Stage.CLOSED, Outcome.COMPLETED, wo.delivered_at
            row.version = 7
        rows.append(row)
    Interaction.objects.bulk_create(rows)


def _surveys(rng, shop, orders, now):
    settings = SurveySettings.objects.filter(shop=shop).first() or SurveySettings(shop=shop)
    rows = []
    for wo in orders:
        sent = wo.delivered_at + timedelta(days=settings.days_after_delivery, hours=1)
        if sent > now:
            continue  # the job has not sent it yet
        survey = Survey(
            shop=shop, work_order=wo, customer=wo.customer, advisor=wo.advisor,
            token=f"demo-history-{wo.pk}-{rng.getrandbits(64):016x}",
            language=wo.customer.preferred_language, sent_at=sent,
            expires_at=sent + timedelta(days=settings.expiry_days),
        )  # fmt: skip
        if rng.random() < 0.6 and sent + timedelta(days=2) < now:
            roll = rng.random()
            if roll < 0.07:
                survey.csat, survey.nps, kind = rng.choice([1, 2]), rng.randint(0, 4), "low"
            elif roll < 0.22:
                survey.csat, survey.nps, kind = 3, rng.randint(5, 8), "mid"
            else:
                survey.csat, survey.nps, kind = rng.choice([4, 5, 5]), rng.randint(8, 10), "good"
            if kind != "good" or rng.random() < 0.25:
                survey.comment = rng.choice(SURVEY_COMMENTS[kind])
            survey.answered_at = sent + timedelta(hours=rng.randint(1, 48))
            survey.low_score = settings.is_low(csat=survey.csat, nps=survey.nps)
        rows.append(survey)
    rows = Survey.objects.bulk_create(rows)
    for survey in rows:
        survey.created_at = survey.sent_at
    Survey.objects.bulk_update(rows, ["created_at"])


def _shop(rng, ctx, shop, *, customers, orders, interactions, phone_from, serial_from,
          advisors, tech, now):  # fmt: skip
    start = timezone.localtime(now - timedelta(days=DAYS), ZoneInfo(shop.timezone))
    people = _customers(rng, shop, customers, phone_from)
    cars = _vehicles(rng, shop, people, start - timedelta(days=30), serial_from, advisors[0])
    moments = _weighted_moments(rng, start, now - timedelta(days=5), orders)
    wos = _work_orders(rng, shop, cars, moments, advisors, tech)
    _interactions(rng, shop, wos, interactions)
    _surveys(rng, shop, wos, now)
    return wos


@transaction.atomic
def seed(ctx) -> None:
    marker = phone_e164(MARKER_PHONE, country=ctx.shop.country)  # kept in E.164
    if Customer.objects.filter(shop=ctx.shop, phone=marker).exists():
        return
    rng = random.Random(2026)  # noqa: S311 (demo data, the same every run; not a secret)
    now = timezone.now()
    users = ctx.users
    demo_advisors = [users["advisor"], users["supervisor"], users["manager"]]
    orders = _shop(
        rng, ctx, ctx.shop, customers=40, orders=WORK_ORDERS, interactions=200,
        phone_from=MARKER_PHONE, serial_from=0, advisors=demo_advisors,
        tech=users["technician"], now=now,
    )  # fmt: skip
    complaints_write(rng, ctx.shop, orders, users, now)
    east = [users["east"]] * 3
    _shop(
        rng, ctx, ctx.east, customers=6, orders=EAST_WORK_ORDERS, interactions=14,
        phone_from="13720000000", serial_from=500, advisors=east, tech=users["east"], now=now,
    )  # fmt: skip

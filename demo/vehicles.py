"""Demo customers, vehicles, work orders in every status, an inspection with decisions, invoices
and a comeback. Idempotent: a second run finds the demo customers and adds nothing."""

import base64
import io
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.db.models import F, Max
from django.utils import timezone
from PIL import Image, ImageDraw

from servicedesk.phones import phone_e164
from vehicles import services
from vehicles.models import Customer, Supplier, Vehicle
from vehicles.vin import check_digit


def demo_signature() -> str:
    """A name scribbled on the pad, as a PNG data URL (the services refuse a blank one)."""
    image = Image.new("RGBA", (360, 120), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.line(
        [(20, 90), (60, 30), (90, 95), (130, 25), (170, 90), (220, 40), (330, 70)],
        fill=(20, 20, 80, 255),
        width=4,
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def demo_photo(label: str) -> SimpleUploadedFile:
    """A technician's photo of a worn part, drawn (the demo ships no pictures of its own)."""
    image = Image.new("RGB", (640, 480), (70, 74, 80))
    draw = ImageDraw.Draw(image)
    for y in range(60, 420, 24):  # the fins of a radiator, bent and dirty in places
        draw.line([(80, y), (560, y + (18 if 200 < y < 300 else 0))], fill=(150, 150, 140), width=6)
    draw.ellipse([(260, 170), (460, 330)], outline=(230, 40, 40), width=8)  # the finding, circled
    draw.text((24, 440), label, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return SimpleUploadedFile("finding.jpg", buffer.getvalue(), content_type="image/jpeg")


# The courtesy inspection on today's open visit, not yet decided: the demo customer's link shows
# it (approve, decline or later, then sign), and the work order waits for their authorization.
COURTESY_ITEMS = [
    # name, condition, technician's note, recommended job, price, photographed
    ("空调冷凝器", "red", "冷凝器表面脏堵，散热差", "清洗空调冷凝器", "180.00", True),
    ("空调滤芯", "yellow", "滤芯发黑，有异味", "更换空调滤芯", "120.00", False),
    ("前雨刮片", "yellow", "刮水有残留", "更换前雨刮片", "160.00", False),
    ("刹车片", "green", "前 7 mm，后 6 mm", "", None, False),
    ("蓄电池", "green", "检测 12.6 V，正常", "", None, False),
]  # fmt: skip


def _courtesy_inspection(work_order, *, tech) -> None:
    inspection = services.inspection_create(work_order_pk=work_order.pk, user=tech)
    for name, condition, notes, job, price, photographed in COURTESY_ITEMS:
        item = services.inspection_item_add(
            inspection_pk=inspection.pk,
            user=tech,
            name=name,
            condition=condition,
            notes=notes,
            recommended_job=job,
            price=Decimal(price) if price else None,
        )
        if photographed:
            services.inspection_photo_add(user=tech, item_pk=item.pk, upload=demo_photo(notes))


def _promise(now, *, hours: int, shop):
    """``hours`` from now, moved into the shop's working day (9:00 to 18:00 where it is): a demo
    seeded in the evening promises the car for the next morning, not for two at night."""
    local = timezone.localtime(now + timedelta(hours=hours), ZoneInfo(shop.timezone))
    if local.hour >= 18:
        local = (local + timedelta(days=1)).replace(hour=9 + hours, minute=0, second=0)
    elif local.hour < 9:
        local = local.replace(hour=9 + hours, minute=0, second=0)
    return local.replace(microsecond=0)


@contextmanager
def _in_the_past(delta: timedelta):
    """Records made inside are moved ``delta`` back in time (every date-time field of this
    app's rows created in the block), as if they had been made then.

    Plain updates, not a frozen clock: time-machine is a test dependency, and production images
    install none. The services run at today's time and the result is shifted as a whole, so the
    order of events within the block is kept."""
    app_models = list(apps.get_app_config("vehicles").get_models())
    before = {m: m._default_manager.aggregate(top=Max("pk"))["top"] or 0 for m in app_models}
    yield
    for model in app_models:
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, models.DateTimeField)]
        if names:
            model._default_manager.filter(pk__gt=before[model]).update(
                **{name: F(name) - delta for name in names}
            )


def _vin(prefix: str, serial: int) -> str:
    vin = f"{prefix}0{serial:08d}"[:17]
    return vin[:8] + check_digit(vin) + vin[9:]


CUSTOMERS = [
    # name, phone, email, language, concern, type, ride, loaner, waits, consent, notes
    (
        "周建国",
        "13800138001",
        "",
        "zh-hans",
        "expense",
        "price_minded",
        False,
        False,
        True,
        True,
        "Asks for the estimate in writing before any work.",
    ),
    (
        "李娜",
        "13900139002",
        "lina@example.invalid",
        "zh-hans",
        "time",
        "in_a_hurry",
        True,
        False,
        False,
        True,
        "Drops the car on her way to work; text her when ready.",
    ),
    (
        "Emily Carter",
        "13700137003",
        "emily@example.invalid",
        "en",
        "unknown",
        "first_visit",
        False,
        True,
        False,
        False,
        "New in town; found us online.",
    ),
    (
        "王伟",
        "13600136004",
        "",
        "zh-hans",
        "time",
        "fleet",
        False,
        False,
        False,
        True,
        "Manages the delivery vans of a bakery: one invoice per van.",
    ),
    (
        "David Chen",
        "13500135005",
        "david.chen@example.invalid",
        "en",
        "expense",
        "detail_minded",
        False,
        False,
        True,
        True,
        "Likes photos of every worn part.",
    ),
    (
        "赵敏",
        "13400134006",
        "",
        "zh-hans",
        "unknown",
        "apprehensive",
        True,
        False,
        False,
        False,
        "",
    ),
]
VEHICLES = [
    # customer index, vin prefix, plate, make, model, year, colour, mileage
    (0, "LSVAB2BT", "京A12345", "Volkswagen", "Lavida", 2018, "silver", 86000),
    (1, "LGBH52E0", "京B67890", "Nissan", "Sylphy", 2021, "white", 31000),
    (2, "1HGCM826", "京C24680", "Honda", "Accord", 2019, "blue", 54000),
    (3, "LZWADAGA", "京D13579", "Wuling", "Hongguang", 2020, "white", 142000),
    (3, "LZWADAGB", "京D13580", "Wuling", "Hongguang", 2020, "white", 128000),
    (4, "LRW3E7EA", "京E11223", "Tesla", "Model 3", 2022, "red", 22000),
    (5, "LFV2A21K", "京F44556", "Audi", "A4L", 2017, "black", 99000),
]


class _Desk:
    """The demo's front desk: the advisor writes the lines and takes the authorization, the
    technician starts and finishes the work."""

    def __init__(self, ctx, supplier):
        self.advisor, self.tech, self.supplier = (
            ctx.users["advisor"],
            ctx.users["technician"],
            supplier,
        )

    def line(self, wo, kind, desc, price, qty="1", tax="13", months=0, km=0, **kw):
        services.work_order_line_add(
            work_order_pk=wo.pk,
            user=self.advisor,
            kind=kind,
            description=desc,
            unit_price=Decimal(price),
            quantity=Decimal(qty),
            tax_rate=Decimal(tax),
            warranty_months=months,
            warranty_km=km,
            **kw,
        )

    def through(self, wo, to, mileage_out=None, name="", method="phone"):
        steps = ["authorized", "in_progress", "ready", "delivered"]
        for step in steps[: steps.index(to) + 1]:
            if step == "authorized":
                services.work_order_authorize(
                    pk=wo.pk,
                    user=self.advisor,
                    method=method,
                    authorized_by_name=name or wo.customer.name,
                    signature=demo_signature() if method == "in_person" else "",
                )
            elif step == "in_progress":
                services.work_order_start(pk=wo.pk, user=self.tech)
            elif step == "ready":
                services.work_order_ready(pk=wo.pk, user=self.tech)
            else:
                services.work_order_deliver(pk=wo.pk, user=self.advisor, mileage_out=mileage_out)


def _customers(shop) -> list[Customer]:
    customers = []
    for name, phone, email, lang, concern, ctype, ride, loaner, waits, consent, notes in CUSTOMERS:
        customers.append(
            services.customer_create(
                shop_pk=shop.pk,
                name=name,
                phone=phone,
                email=email,
                preferred_language=lang,
                main_concern=concern,
                customer_type=ctype,
                wants_ride=ride,
                wants_loaner=loaner,
                waits_on_site=waits,
                reminder_consent=consent,
                notes=notes,
                preferred_channel="wechat" if lang == "zh-hans" else "sms",
            )
        )
    return customers


def _cars(shop, customers, advisor) -> list[Vehicle]:
    cars = []
    # Registered a year ago, some 9,000 km before the visits below: the history then reads
    # forwards (a car registered today at the mileage of a job four months old would not).
    with _in_the_past(timedelta(days=365)):
        for i, (owner, prefix, plate, make, model, year, colour, km) in enumerate(VEHICLES):
            cars.append(
                services.vehicle_create(
                    shop_pk=shop.pk,
                    owner_pk=customers[owner].pk,
                    user=advisor,
                    vin=_vin(prefix, 1000 + i),
                    plate=plate,
                    make=make,
                    model=model,
                    year=year,
                    colour=colour,
                    mileage=km - 9000,
                )
            )
    return cars


def _east(ctx) -> None:
    east_owner = services.customer_create(shop_pk=ctx.east.pk, name="孙丽", phone="13300133007")
    services.vehicle_create(
        shop_pk=ctx.east.pk,
        owner_pk=east_owner.pk,
        user=ctx.users["east"],
        vin=_vin("LSGPC52U", 2001),
        plate="沪A00001",
        make="Buick",
        model="Excelle",
        year=2016,
        mileage=120000,
    )


def _brake_job(desk: _Desk, car) -> None:
    # Four months ago: brake pads on the Lavida, with a warranty, delivered and invoiced.
    with _in_the_past(timedelta(days=120)):
        earlier = services.work_order_open(
            vehicle_pk=car.pk, user=desk.advisor, concern="刹车时有尖叫声", mileage_in=86000
        )
        desk.line(
            earlier,
            "part",
            "前刹车片（原厂）",
            "380.00",
            months=12,
            km=20000,
            supplier_pk=desk.supplier.pk,
        )
        desk.line(earlier, "labour", "更换前刹车片工时", "150.00", technician_pk=desk.tech.pk)
        earlier.refresh_from_db()
        services.work_order_update(
            pk=earlier.pk,
            user=desk.advisor,
            version=earlier.version,
            cause="前刹车片磨损到极限",
            correction="更换前刹车片并打磨刹车盘",
        )
        desk.through(earlier, "delivered", mileage_out=86010)


def _oil_service(desk: _Desk, car) -> None:
    # Two months ago: an oil service on the Accord, with a courtesy inspection.
    with _in_the_past(timedelta(days=60)):
        service = services.work_order_open(
            vehicle_pk=car.pk, user=desk.advisor, concern="Regular oil service", mileage_in=54000
        )
        desk.line(service, "part", "Engine oil 0W-20, 4 L", "65.00", qty="4", months=6, km=5000)
        desk.line(service, "part", "Oil filter", "45.00")
        desk.line(service, "labour", "Oil service labour", "120.00", technician_pk=desk.tech.pk)
        insp = services.inspection_create(work_order_pk=service.pk, user=desk.tech)
        items = [
            (
                "Wiper blades",
                "red",
                "Streaking, rubber split",
                "Replace wiper blades",
                "160.00",
                "approved",
            ),
            ("Front tyres", "yellow", "3 mm tread left", "Two front tyres", "1400.00", "deferred"),
            ("Cabin air filter", "yellow", "Dusty", "Replace cabin filter", "180.00", "declined"),
            ("Brakes", "green", "8 mm pads", "", None, None),
            ("Battery", "green", "Tested 12.6 V", "", None, None),
        ]
        for name, cond, notes, job, price, decision in items:
            item = services.inspection_item_add(
                inspection_pk=insp.pk,
                user=desk.tech,
                name=name,
                condition=cond,
                notes=notes,
                recommended_job=job,
                price=Decimal(price) if price else None,
            )
            if decision:
                services.inspection_item_decide(pk=item.pk, user=desk.advisor, decision=decision)
        desk.through(service, "delivered", mileage_out=54005, method="in_person")


def _today(desk: _Desk, shop, cars, now) -> None:
    """Today's visits: a comeback, and one order in each remaining status."""
    # Today: the Lavida is back with the same noise — flagged as a comeback.
    comeback = services.work_order_open(
        vehicle_pk=cars[0].pk,
        user=desk.advisor,
        concern="刹车又有异响",
        mileage_in=88500,
        promised_at=_promise(now, hours=4, shop=shop),
    )
    desk.line(comeback, "labour", "检查刹车异响（质保）", "0.00", technician_pk=desk.tech.pk)

    # One order in each remaining status.
    open_wo = services.work_order_open(
        vehicle_pk=cars[1].pk,
        user=desk.advisor,
        concern="空调不凉",
        mileage_in=31200,
        promised_at=_promise(now, hours=6, shop=shop),
    )
    desk.line(open_wo, "labour", "空调系统检测", "120.00")
    desk.line(open_wo, "part", "空调冷媒 R134a", "90.00", qty="2")
    _courtesy_inspection(open_wo, tech=desk.tech)

    authorized = services.work_order_open(
        vehicle_pk=cars[3].pk,
        user=desk.advisor,
        concern="保养：5 万公里套餐",
        mileage_in=142300,
    )
    desk.line(authorized, "fee", "车队保养套餐", "680.00", months=3, km=5000)
    desk.through(authorized, "authorized", name="王伟")

    in_progress = services.work_order_open(
        vehicle_pk=cars[5].pk,
        user=desk.advisor,
        concern="Tyre rotation and alignment",
        mileage_in=22100,
        promised_at=_promise(now, hours=2, shop=shop),
    )
    desk.line(in_progress, "labour", "Four-wheel alignment", "260.00", technician_pk=desk.tech.pk)
    desk.through(in_progress, "in_progress")

    ready = services.work_order_open(
        vehicle_pk=cars[6].pk,
        user=desk.advisor,
        concern="左前车窗升降异响",
        mileage_in=99050,
    )
    desk.line(
        ready, "part", "车窗升降器", "420.00", months=12, km=30000, supplier_pk=desk.supplier.pk
    )
    desk.line(ready, "labour", "更换升降器工时", "200.00", technician_pk=desk.tech.pk)
    desk.through(ready, "ready")

    cancelled = services.work_order_open(
        vehicle_pk=cars[4].pk,
        user=desk.advisor,
        concern="车身划痕修补报价",
        mileage_in=128100,
    )
    desk.line(cancelled, "labour", "喷漆（左后门）", "900.00")
    services.work_order_cancel(
        pk=cancelled.pk, user=desk.advisor, reason="客户决定去保险公司指定的钣喷中心"
    )


@transaction.atomic
def seed(ctx) -> None:
    shop = ctx.shop
    # Phones are kept in E.164 (the service converts them): look the marker up in that form.
    if Customer.objects.filter(
        shop=shop, phone=phone_e164(CUSTOMERS[0][1], country=shop.country)
    ).exists():
        ctx.extra["vehicles"] = list(Vehicle.objects.filter(shop=shop))
        return
    supplier, _ = Supplier.objects.get_or_create(
        shop=shop, name="博世汽配 Bosch Parts", defaults={"phone": "010-5555-0200"}
    )
    customers = _customers(shop)
    cars = _cars(shop, customers, ctx.users["advisor"])
    _east(ctx)
    desk = _Desk(ctx, supplier)
    _brake_job(desk, cars[0])
    _oil_service(desk, cars[2])
    _today(desk, shop, cars, timezone.now())
    ctx.extra["vehicles"] = cars
    ctx.extra["customers"] = customers

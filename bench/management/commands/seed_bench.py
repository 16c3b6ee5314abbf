"""Fill the database with a dealer group's five years of records, for the benchmark.

At ``--scale 1``: 5 shops, 200k customers, 250k vehicles, 1M work orders with their lines and
invoices, 1M interactions, 100k complaints in every state (with history, remedies, corrective
actions, follow-ups and supplier deductions), surveys of delivered visits, and the staff of each
role per shop. Rows go in with PostgreSQL's COPY (psycopg2 ``copy_expert``), table by table; the
command prints a progress bar and the rows per second at the end.

It wipes the shop data first, so it runs only where ``SEED_BENCH_ALLOWED`` is set (the benchmark
settings) and only on PostgreSQL. The data is random but repeatable (``--seed``).
"""

import io
import json
import random
import sys
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from complaints.models import (
    Complaint,
    ComplaintHistory,
    CorrectiveAction,
    FollowUp,
    Remedy,
    SupplierDeduction,
)
from interactions.models import CommunicationLog, Interaction
from servicedesk.accounts.models import DocumentCounter, Membership, Role, Shop
from surveys.models import Survey
from vehicles.models import (
    Customer,
    Invoice,
    Supplier,
    Vehicle,
    WorkOrder,
    WorkOrderLine,
)
from vehicles.vin import check_digit

# At scale 1. Every count is multiplied by the scale; shops and years stay.
FULL = {
    "customers": 200_000,
    "vehicles": 250_000,
    "work_orders": 1_000_000,
    "interactions": 1_000_000,
    "complaints": 100_000,
}
YEARS = 5
SHOP_WEIGHTS = [0.30, 0.24, 0.19, 0.15, 0.12]  # a flagship and smaller branches
SHOPS = [
    ("Bench Beijing Flagship", "bench-bj", "京"),
    ("Bench Shanghai", "bench-sh", "沪"),
    ("Bench Guangzhou", "bench-gz", "粤"),
    ("Bench Chengdu", "bench-cd", "川"),
    ("Bench Hangzhou", "bench-hz", "浙"),
]
# Staff per shop and role. Sixteen advisors so each load user logs in as their own advisor.
STAFF = {
    Role.ADVISOR: 16,
    Role.TECHNICIAN: 10,
    Role.SUPERVISOR: 2,
    Role.MANAGER: 4,
    Role.QUALITY: 2,
    Role.CASHIER: 1,
    Role.REPORTING: 1,
}
PASSWORD = "bench-password"  # noqa: S105 - a throwaway database's staff
CHUNK = 20_000

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"  # noqa: E501
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉玲建国红梅志文斌宇浩凯鑫"
MAKES = [
    ("Volkswagen", ["Lavida", "Sagitar", "Passat", "Tiguan L", "Magotan"]),
    ("Toyota", ["Corolla", "Camry", "RAV4", "Highlander"]),
    ("Honda", ["Civic", "Accord", "CR-V"]),
    ("BYD", ["Qin PLUS", "Song PLUS", "Han", "Tang"]),
    ("Buick", ["Excelle", "Regal", "GL8"]),
    ("Nissan", ["Sylphy", "Teana", "X-Trail"]),
    ("Geely", ["Emgrand", "Boyue", "Xingyue L"]),
    ("BMW", ["325Li", "530Li", "X3"]),
]
COLOURS = ["白", "黑", "银", "灰", "蓝", "红"]
CONCERNS = [
    "Squeal from the front brakes when stopping",
    "Scheduled 10,000 km service",
    "Engine warning light on",
    "Air conditioning blows warm air",
    "Vibration at highway speed",
    "刹车异响",
    "定期保养",
    "空调不制冷",
    "发动机故障灯亮",
    "轮胎更换",
]
LABOUR = [
    "Brake pad replacement",
    "Oil and filter change",
    "Diagnosis",
    "A/C recharge",
    "Wheel alignment",
]  # noqa: E501
PARTS = [
    ("Brake pads (front)", "BP-1034"),
    ("Oil filter", "OF-2210"),
    ("Engine oil 5W-30 4L", "EO-5304"),
    ("Cabin filter", "CF-0912"),
    ("Tyre 205/55 R16", "TY-2055"),
]
COMPLAINT_WORDS = [
    "The brakes still squeal a week after the repair.",
    "I waited two hours longer than promised.",
    "The invoice shows a part I did not agree to.",
    "The car came back with a scratch on the door.",
    "Nobody called me back about the warning light.",
    "修完一周刹车还是响。",
    "比承诺的时间多等了两个小时。",
    "发票上有我没同意的配件。",
]
REMEDY_KINDS = ["apology", "rework", "discount", "goodwill", "special_reception", "compensation"]
CATEGORIES = [
    "waiting_time",
    "product_quality",
    "workmanship",
    "service_content_error",
    "staff_attitude",
    "billing",
    "other",
]
RESPONSIBILITIES = ["shop", "staff", "supplier", "customer", "undetermined"]
STATES = [
    "received",
    "investigating",
    "resolving",
    "customer_confirmed",
    "corrective_action",
    "follow_up",
    "closed",
]


def _text(value) -> str:
    """One value in COPY's text format."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            value = (
                value.replace("\\", "\\\\")
                .replace("\t", "\\t")
                .replace("\n", "\\n")
                .replace("\r", "\\r")
            )
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return _text(json.dumps(value, ensure_ascii=False))
    return str(value)


class Progress:
    """A one-line progress bar on stderr: rows written of the rows planned, and the rate."""

    def __init__(self, total: int, out=sys.stderr):
        self.total = max(total, 1)
        self.done = 0
        self.started = time.monotonic()
        self.out = out
        self.label = ""
        self._last = 0.0

    def add(self, n: int, label: str) -> None:
        self.done += n
        self.label = label
        now = time.monotonic()
        if now - self._last >= 0.5 or self.done >= self.total:
            self._last = now
            self.draw()

    def draw(self) -> None:
        share = min(self.done / self.total, 1.0)
        bar = "#" * int(share * 30)
        rate = self.done / max(time.monotonic() - self.started, 1e-6)
        self.out.write(
            f"\r[{bar:<30}] {share:6.1%} {self.done:>11,} rows {rate:>9,.0f} rows/s  "
            f"{self.label:<24}"
        )
        self.out.flush()


class Table:
    """Rows for one model, sent with COPY every CHUNK rows. Columns the caller leaves out get
    the field's default; a NOT NULL column left at None is refused on the first row."""

    def __init__(self, model, progress: Progress, cursor):
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields]
        self.defaults = {}
        for f in self.fields:
            default = f.get_default()
            self.defaults[f.attname] = default
        self.pairs = [(f.attname, self.defaults[f.attname]) for f in self.fields]
        self.columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        self.sql = f"COPY {model._meta.db_table} ({self.columns}) FROM STDIN"
        self.buffer = io.StringIO()
        self.pending = 0
        self.count = 0
        self.progress = progress
        self.cursor = cursor
        self.checked = False

    def add(self, **values) -> None:
        row = [values.get(a, d) for a, d in self.pairs]
        if not self.checked:
            self.checked = True
            for f, value in zip(self.fields, row, strict=True):
                if value is None and not f.null:
                    raise CommandError(f"{self.model.__name__}.{f.attname} is NOT NULL: give it.")
        self.buffer.write("\t".join(map(_text, row)))
        self.buffer.write("\n")
        self.pending += 1
        if self.pending >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        self.buffer.seek(0)
        self.cursor.copy_expert(self.sql, self.buffer)
        self.count += self.pending
        self.progress.add(self.pending, self.model._meta.db_table)
        self.buffer = io.StringIO()
        self.pending = 0


def make_vin(rng: random.Random) -> str:
    chars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
    body = [rng.choice(chars) for _ in range(17)]
    body[0] = "L"  # made in China
    body[8] = "0"
    vin = "".join(body)
    return vin[:8] + check_digit(vin) + vin[9:]


class Command(BaseCommand):
    help = "Wipe the shop data and seed a dealer group's five years at the given scale."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=0.1, help="1 = one million work orders")
        parser.add_argument("--seed", type=int, default=7, help="random seed (repeatable data)")
        parser.add_argument("--report", help="write the rows, seconds and rate to this JSON file")

    def handle(self, *args, scale: float, seed: int, report: str | None = None, **options):
        if not getattr(settings, "SEED_BENCH_ALLOWED", False):
            raise CommandError(
                "seed_bench wipes the shop data: run it under servicedesk.settings.bench only."
            )
        if connection.vendor != "postgresql":
            raise CommandError("seed_bench needs PostgreSQL (it loads with COPY).")
        if not 0 < scale <= 10:
            raise CommandError("--scale must be between 0 and 10.")
        self.rng = random.Random(seed)
        self.scale = scale
        self.now = timezone.now()
        self.start = self.now - timedelta(days=365 * YEARS)
        self.n = {key: max(int(value * scale), 50) for key, value in FULL.items()}
        planned = self._planned_rows()
        self.stdout.write(
            f"Seeding at scale {scale}: about {planned:,} rows "
            + ", ".join(f"{v:,} {k}" for k, v in self.n.items())
        )
        started = time.monotonic()
        self.progress = Progress(planned)
        with transaction.atomic():
            with connection.cursor() as cursor:
                # Rows are consistent by construction: skip the per-row foreign-key triggers
                # (the constraints stay; this session only) and the wait for each commit's flush.
                cursor.execute("SET LOCAL session_replication_role = replica")
                cursor.execute("SET LOCAL synchronous_commit = off")
            self._wipe()
            self._people()
            with connection.cursor() as cursor:
                self.cursor = cursor.cursor  # psycopg2's own cursor, for copy_expert
                self._customers_and_vehicles()
                self._work_orders()
                self._interactions()
                self._complaints()
                self._surveys()
            self._counters()
            self._reset_sequences()
        self.progress.draw()
        sys.stderr.write("\n")
        loaded = time.monotonic() - started
        with connection.cursor() as cursor:
            # VACUUM as well as ANALYZE: it sets the visibility map that autovacuum keeps set on
            # a real shop's older rows, without which no index-only scan skips the table.
            cursor.execute("VACUUM ANALYZE")
        total = self.progress.done
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {total:,} rows in {loaded:.1f} s: {total / loaded:,.0f} rows/s "
                f"(VACUUM ANALYZE took {time.monotonic() - started - loaded:.1f} s more)."
            )
        )
        self.stdout.write(f"Staff log in as bench-<role>-<shop>-<n> with the password {PASSWORD!r}")
        if report:
            Path(report).parent.mkdir(parents=True, exist_ok=True)
            Path(report).write_text(
                json.dumps(
                    {
                        "scale": scale,
                        "rows": total,
                        "seconds": round(loaded, 1),
                        "rows_per_second": round(total / loaded),
                        "analyze_seconds": round(time.monotonic() - started - loaded, 1),
                        "counts": self.n,
                    }
                )
            )

    def _planned_rows(self) -> int:
        n = self.n
        return int(
            n["customers"]
            + n["vehicles"]
            + n["work_orders"] * (1 + 2.5 + 0.95 + 0.37)  # lines, invoices, surveys
            + n["interactions"] * 1.05
            + n["complaints"] * (1 + 5.5 + 1.3 + 0.5 + 0.5)
        )

    # --- people and places --------------------------------------------------------------------

    def _wipe(self) -> None:
        models = [
            Survey,
            SupplierDeduction,
            FollowUp,
            CorrectiveAction,
            Remedy,
            ComplaintHistory,
            Complaint,
            CommunicationLog,
            Interaction,
            Invoice,
            WorkOrderLine,
            WorkOrder,
            Vehicle,
            Customer,
            Supplier,
            DocumentCounter,
            Membership,
            Shop,
        ]
        # Field-edit history (django-simple-history) points at its records by id with no foreign
        # key, so no CASCADE reaches it: wiped by name, or RESTART IDENTITY would hand an old
        # record's edits to the new record given its id.
        audited = [Interaction, WorkOrderLine, WorkOrder, Vehicle, Customer]
        tables = [m._meta.db_table for m in models] + [
            m.history.model._meta.db_table for m in audited
        ]
        # Everything that points at these (history tables, notifications, sessions of the
        # users removed below…) goes with them.
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
            cursor.execute("DELETE FROM django_session")
        get_user_model().objects.filter(username__startswith="bench-").delete()

    def _people(self) -> None:
        User = get_user_model()
        password = make_password(PASSWORD)
        self.shops = []
        self.staff: dict[tuple[int, str], list[int]] = {}
        for index, (name, code, province) in enumerate(SHOPS, start=1):
            shop = Shop.objects.create(
                name=name, code=code, phone=f"010-6{index:03d}0000", address=f"{province} bench"
            )
            shop.province = province
            self.shops.append(shop)
            users = []
            for role, count in STAFF.items():
                for i in range(1, count + 1):
                    users.append(
                        User(
                            username=f"bench-{role}-{index}-{i}",
                            password=password,
                            first_name=self.rng.choice(GIVEN) + self.rng.choice(GIVEN),
                            last_name=self.rng.choice(SURNAMES),
                            email=f"{role}{i}@{code}.bench.invalid",
                        )
                    )
            User.objects.bulk_create(users)
            users = {u.username: u for u in User.objects.filter(username__startswith="bench-")}
            members = []
            for role, count in STAFF.items():
                ids = []
                for i in range(1, count + 1):
                    user = users[f"bench-{role}-{index}-{i}"]
                    ids.append(user.pk)
                    members.append(
                        Membership(
                            user=user,
                            shop=shop,
                            role=role,
                            # Managers on duty decide remedies (the load's approvers).
                            on_duty=role == Role.MANAGER or (role == Role.SUPERVISOR and i == 1),
                            department="Workshop" if role == Role.QUALITY else "",
                        )
                    )
                self.staff[(shop.pk, role)] = ids
            Membership.objects.bulk_create(members)
            Supplier.objects.bulk_create(
                Supplier(shop=shop, name=f"{province}配件供应商 {i}", contact="张经理")
                for i in range(1, 11)
            )
        self.suppliers = {
            shop.pk: list(Supplier.objects.filter(shop=shop).values_list("pk", flat=True))
            for shop in self.shops
        }
        self.progress.add(Membership.objects.count(), "staff")

    def _when(self) -> datetime:
        """A moment in the five years, busier lately (the group grew)."""
        span = (self.now - self.start).total_seconds()
        return self.start + timedelta(seconds=span * (self.rng.random() ** 0.8))

    def _split(self, total: int) -> list[int]:
        return [max(int(total * w), 10) for w in SHOP_WEIGHTS]

    def _customers_and_vehicles(self) -> None:
        rng = self.rng
        customers = Table(Customer, self.progress, self.cursor)
        vehicles = Table(Vehicle, self.progress, self.cursor)
        # Per shop: the id range of its customers and vehicles, and each vehicle's owner.
        self.customer_range, self.vehicle_range, self.owner = {}, {}, {}
        cid = vid = 0
        for shop, n_customers, n_vehicles in zip(
            self.shops,
            self._split(self.n["customers"]),
            self._split(self.n["vehicles"]),
            strict=True,
        ):
            first_c = cid + 1
            for _ in range(n_customers):
                cid += 1
                customers.add(
                    id=cid,
                    shop_id=shop.pk,
                    name=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(("", *GIVEN)),
                    phone=f"1{rng.choice('3589')}{cid:09d}",
                    email=f"c{cid}@mail.bench.invalid" if rng.random() < 0.3 else "",
                    preferred_channel=rng.choice(("phone", "phone", "wechat", "sms", "email")),
                    main_concern=rng.choice(("unknown", "time", "expense")),
                    customer_type=rng.choice(("regular",) * 5 + ("in_a_hurry", "price_minded")),
                    reminder_consent=rng.random() < 0.7,
                    created_at=self.start + timedelta(days=rng.random() * 365 * YEARS),
                )
            self.customer_range[shop.pk] = (first_c, cid)
            first_v = vid + 1
            for j in range(n_vehicles):
                vid += 1
                owner = first_c + j if j < n_customers else rng.randint(first_c, cid)
                self.owner[vid] = owner
                vin = make_vin(rng)
                make, models = rng.choice(MAKES)
                vehicles.add(
                    id=vid,
                    shop_id=shop.pk,
                    vin=vin,
                    vin_tail=vin[-6:],
                    plate=f"{shop.province}{rng.choice('ABCDEFG')}{vid % 100000:05d}",
                    make=make,
                    model=rng.choice(models),
                    year=rng.randint(2012, 2026),
                    colour=rng.choice(COLOURS),
                    mileage=rng.randint(5_000, 180_000),
                    owner_id=owner,
                    created_at=self.start + timedelta(days=rng.random() * 365 * YEARS),
                )
            self.vehicle_range[shop.pk] = (first_v, vid)
        customers.flush()
        vehicles.flush()

    # --- work orders --------------------------------------------------------------------------

    def _work_orders(self) -> None:
        rng = self.rng
        orders = Table(WorkOrder, self.progress, self.cursor)
        lines = Table(WorkOrderLine, self.progress, self.cursor)
        invoices = Table(Invoice, self.progress, self.cursor)
        # What later tables need of each order: (id, shop, vehicle, customer, advisor,
        # opened_at, delivered_at or None).
        self.orders = []
        self.counters: dict[tuple[int, str, int], int] = {}
        wid = lid = iid = 0
        recent = self.now - timedelta(days=10)
        for shop, count in zip(self.shops, self._split(self.n["work_orders"]), strict=True):
            first_v, last_v = self.vehicle_range[shop.pk]
            advisors = self.staff[(shop.pk, Role.ADVISOR)]
            technicians = self.staff[(shop.pk, Role.TECHNICIAN)]
            suppliers = self.suppliers[shop.pk]
            moments = sorted(self._when() for _ in range(count))
            for opened in moments:
                wid += 1
                # Some cars come often (fleets, old cars), most a few times.
                vehicle = first_v + int((last_v - first_v) * rng.random() ** 1.6)
                customer = self.owner[vehicle]
                advisor = rng.choice(advisors)
                year = opened.astimezone(shop_tz()).year
                seq = self.counters[(shop.pk, "WO", year)] = (
                    self.counters.get((shop.pk, "WO", year), 0) + 1
                )
                if opened < recent:
                    status = "cancelled" if rng.random() < 0.03 else "delivered"
                else:
                    status = rng.choice(
                        ("open", "authorized", "in_progress", "in_progress", "ready", "delivered")
                    )
                times = self._wo_times(opened, status)
                concern = rng.choice(CONCERNS)
                mileage = rng.randint(5_000, 180_000)
                orders.add(
                    id=wid,
                    shop_id=shop.pk,
                    number=f"WO-{year}-{seq:05d}",
                    year=year,
                    sequence=seq,
                    vehicle_id=vehicle,
                    customer_id=customer,
                    advisor_id=advisor,
                    status=status,
                    concern=concern,
                    cause="Worn pads" if status == "delivered" else "",
                    correction="Replaced" if status == "delivered" else "",
                    mileage_in=mileage,
                    mileage_out=mileage if status == "delivered" else None,
                    cancel_reason="Customer withdrew" if status == "cancelled" else "",
                    **times,
                )
                net = Decimal("0")
                for k in range(rng.choice((1, 2, 2, 3, 3, 4))):
                    lid += 1
                    if k == 0 or rng.random() < 0.4:
                        kind, desc, part, price = "labour", rng.choice(LABOUR), "", 180
                        supplier = None
                    else:
                        (desc, part), kind, price = rng.choice(PARTS), "part", 95
                        supplier = rng.choice(suppliers)
                    price = Decimal(price + rng.randint(0, 400))
                    net += price
                    lines.add(
                        id=lid,
                        work_order_id=wid,
                        kind=kind,
                        description=desc,
                        part_number=part,
                        unit_price=price,
                        tax_rate=Decimal("13"),
                        technician_id=rng.choice(technicians),
                        supplier_id=supplier,
                        warranty_months=12 if kind == "part" else 3,
                        warranty_km=20_000 if kind == "part" else 5_000,
                        created_at=opened,
                    )
                delivered = times.get("delivered_at")
                if delivered is not None:
                    iid += 1
                    inv_year = delivered.astimezone(shop_tz()).year
                    inv_seq = self.counters[(shop.pk, "INV", inv_year)] = (
                        self.counters.get((shop.pk, "INV", inv_year), 0) + 1
                    )
                    tax = (net * Decimal("0.13")).quantize(Decimal("0.01"))
                    invoices.add(
                        id=iid,
                        shop_id=shop.pk,
                        work_order_id=wid,
                        number=f"INV-{inv_year}-{inv_seq:05d}",
                        year=inv_year,
                        sequence=inv_seq,
                        language="zh-hans",
                        net=net,
                        tax=tax,
                        total=net + tax,
                        issued_at=delivered,
                        issued_by_id=advisor,
                    )
                self.orders.append((wid, shop.pk, vehicle, customer, advisor, opened, delivered))
        orders.flush()
        lines.flush()
        invoices.flush()
        self.last_line = lid

    def _wo_times(self, opened: datetime, status: str) -> dict:
        rng = self.rng
        times = {"opened_at": opened, "promised_at": opened + timedelta(hours=rng.randint(2, 30))}
        steps = ["authorized_at", "started_at", "ready_at", "delivered_at"]
        reached = {
            "open": 0,
            "authorized": 1,
            "in_progress": 2,
            "ready": 3,
            "delivered": 4,
            "cancelled": 0,
        }[status]
        at = opened
        for step in steps[:reached]:
            at = at + timedelta(minutes=rng.randint(10, 300))
            times[step] = min(at, self.now)
        if status == "cancelled":
            times["cancelled_at"] = opened + timedelta(hours=1)
        return times

    # --- interactions -------------------------------------------------------------------------

    def _interactions(self) -> None:
        rng = self.rng
        table = Table(Interaction, self.progress, self.cursor)
        comms = Table(CommunicationLog, self.progress, self.cursor)
        target = self.n["interactions"]
        from_orders = min(int(target * 0.7), len(self.orders))
        today = self.now - timedelta(hours=12)
        self.interaction_of_order = {}
        xid = mid = 0
        chosen = rng.sample(range(len(self.orders)), from_orders)
        for index in chosen:
            wid, shop_id, vehicle, customer, advisor, opened, delivered = self.orders[index]
            xid += 1
            greet = opened - timedelta(minutes=rng.randint(5, 40))
            stage = "closed" if greet < today else rng.choice(STAGES_OPEN)
            table.add(
                **self._interaction(
                    xid,
                    shop_id,
                    customer,
                    vehicle,
                    wid,
                    advisor,
                    greet,
                    "walk_in",
                    stage,
                    "completed",
                )
            )
            self.interaction_of_order[wid] = xid
        shops = [s.pk for s in self.shops]
        while xid < target:
            xid += 1
            shop_id = rng.choices(shops, weights=SHOP_WEIGHTS)[0]
            first_v, last_v = self.vehicle_range[shop_id]
            vehicle = rng.randint(first_v, last_v)
            customer = self.owner[vehicle]
            advisor = rng.choice(self.staff[(shop_id, Role.ADVISOR)])
            greet = self._when()
            stage = "closed" if greet < today else rng.choice(STAGES_OPEN)
            outcome = rng.choice(("answered", "booked", "no_action"))
            table.add(
                **self._interaction(
                    xid,
                    shop_id,
                    customer,
                    vehicle,
                    None,
                    advisor,
                    greet,
                    rng.choice(("phone", "message")),
                    stage,
                    outcome,
                )
            )
            if rng.random() < 0.15:
                mid += 1
                comms.add(
                    id=mid,
                    shop_id=shop_id,
                    customer_id=customer,
                    vehicle_id=vehicle,
                    interaction_id=xid,
                    direction="inbound",
                    channel="phone",
                    kind="inquiry",
                    summary="Asked when the next service is due.",
                    by_id=advisor,
                    at=greet,
                )
        table.flush()
        comms.flush()

    def _interaction(
        self, xid, shop_id, customer, vehicle, wid, advisor, greet, channel, stage, outcome
    ) -> dict:
        rng = self.rng
        reached = STAGE_INDEX[stage]
        row = {
            "id": xid,
            "shop_id": shop_id,
            "customer_id": customer,
            "vehicle_id": vehicle,
            "work_order_id": wid,
            "channel": channel,
            "advisor_id": advisor,
            "stage": stage,
            "outcome": outcome if stage == "closed" else "",
            "greet_at": greet,
            "wait_seconds": int(rng.expovariate(1 / 60)),
            "cue_in_a_hurry": rng.random() < 0.2,
            "greet_notes": "Looked in a hurry" if rng.random() < 0.1 else "",
        }
        at = greet
        if reached >= 1:
            at += timedelta(minutes=2)
            row.update(
                know_need_at=at,
                need_in_customer_words=rng.choice(CONCERNS),
                restatement="You hear a noise when braking; we check the brakes today.",
                main_concern=rng.choice(("time", "expense", "unknown")),
            )
        if reached >= 2:
            at += timedelta(minutes=5)
            row.update(
                confirm_at=at,
                agreed_work="Inspect and quote before any work",
                promised_at=at + timedelta(hours=4),
                estimate=Decimal(rng.randint(200, 3000)),
                customer_agreed=True,
            )
        if reached >= 3:
            at += timedelta(hours=3)
            row.update(help_at=at, delivered_summary="Work done as agreed")
        if reached >= 4:
            at += timedelta(minutes=10)
            row.update(
                keep_at=at,
                satisfaction=rng.choices((5, 4, 3, 2, 1), weights=(55, 28, 10, 5, 2))[0],
                thanked=True,
                invited_back=True,
            )
        if stage == "closed":
            row["closed_at"] = at + timedelta(minutes=1)
        return row

    # --- complaints ---------------------------------------------------------------------------

    def _complaints(self) -> None:
        rng = self.rng
        complaints = Table(Complaint, self.progress, self.cursor)
        history = Table(ComplaintHistory, self.progress, self.cursor)
        remedies = Table(Remedy, self.progress, self.cursor)
        actions = Table(CorrectiveAction, self.progress, self.cursor)
        follow_ups = Table(FollowUp, self.progress, self.cursor)
        deductions = Table(SupplierDeduction, self.progress, self.cursor)
        delivered = [o for o in self.orders if o[6] is not None]
        picks = sorted(rng.sample(range(len(delivered)), min(self.n["complaints"], len(delivered))))
        self.ids = {"history": 0, "remedy": 0, "action": 0, "follow_up": 0, "deduction": 0}
        rows = []
        for cid, index in enumerate(picks, start=1):
            wid, shop_id, vehicle, customer, advisor, opened, done = delivered[index]
            received = done + timedelta(days=rng.expovariate(1 / 6), minutes=rng.randint(0, 600))
            if received > self.now:
                received = self.now - timedelta(minutes=rng.randint(5, 600))
            rows.append((received, cid, wid, shop_id, vehicle, customer, advisor))
        rows.sort()
        for received, cid, wid, shop_id, vehicle, customer, advisor in rows:
            age = (self.now - received).days
            if age > 60:
                state = "closed" if rng.random() < 0.96 else rng.choice(STATES[3:6])
            elif age > 14:
                state = rng.choice(STATES[2:] + ["closed"] * 4)
            else:
                state = rng.choice(STATES)
            year = received.astimezone(shop_tz()).year
            # The shop's counter, as the intake's numbering keeps it (written by _counters).
            seq = self.counters[(shop_id, "C", year)] = (
                self.counters.get((shop_id, "C", year), 0) + 1
            )
            self._complaint(
                complaints, history, remedies, actions, follow_ups, deductions,
                cid=cid, seq=seq, year=year, state=state, received=received, wid=wid,
                shop_id=shop_id, vehicle=vehicle, customer=customer, advisor=advisor,
            )  # fmt: skip
        for table in (complaints, history, remedies, actions, follow_ups, deductions):
            table.flush()

    def _complaint(
        self,
        complaints,
        history,
        remedies,
        actions,
        follow_ups,
        deductions,
        *,
        cid,
        seq,
        year,
        state,
        received,
        wid,
        shop_id,
        vehicle,
        customer,
        advisor,
    ) -> None:
        rng = self.rng
        reached = STATES.index(state)
        severity = rng.choices(("critical", "normal", "minor"), weights=(8, 70, 22))[0]
        response_due = received + timedelta(hours=2)
        resolution_due = received + timedelta(hours=72)
        category = rng.choice(CATEGORIES) if reached >= 2 or rng.random() < 0.3 else ""
        responsibility = (
            rng.choices(RESPONSIBILITIES, weights=(30, 25, 15, 15, 15))[0] if reached >= 2 else ""
        )
        manager = self.staff[(shop_id, Role.MANAGER)][0]
        quality = self.staff[(shop_id, Role.QUALITY)][0]
        cashier = self.staff[(shop_id, Role.CASHIER)][0]
        late = rng.random() < 0.12
        responded = (
            received + timedelta(minutes=rng.randint(150, 600) if late else rng.randint(5, 110))
            if reached >= 1
            else None
        )
        at = responded or received
        steps = []  # (state, at)
        for next_state in STATES[1 : reached + 1]:
            at = at + timedelta(hours=rng.uniform(1, 30))
            steps.append((next_state, min(at, self.now)))
        when = dict(steps)
        resolved = when.get("customer_confirmed")
        supplier = rng.choice(self.suppliers[shop_id]) if responsibility == "supplier" else None
        skip = responsibility == "customer" and reached >= 4
        complaints.add(
            id=cid,
            shop_id=shop_id,
            number=f"C{year}-{seq:04d}",
            year=year,
            sequence=seq,
            state=state,
            version=1 + len(steps),
            source=rng.choices(("direct", "comeback", "survey"), weights=(70, 20, 10))[0],
            channel=rng.choice(("in_person", "phone", "phone", "message")),
            customer_id=customer,
            vehicle_id=vehicle,
            work_order_id=wid,
            interaction_id=self.interaction_of_order.get(wid),
            customer_words=rng.choice(COMPLAINT_WORDS),
            requested_remedy="Fix it properly" if rng.random() < 0.5 else "",
            received_by_id=advisor,
            received_at=received,
            severity=severity,
            first_response_due=response_due,
            resolution_due=resolution_due,
            first_responded_at=responded,
            resolved_at=resolved,
            immediate_response="Apologised and booked a check" if reached >= 1 else "",
            category=category,
            responsibility=responsibility,
            nature="Pads fitted without the anti-squeal shims" if reached >= 2 else "",
            supplier_id=supplier,
            confirmed_name="客户签名" if resolved else "",
            confirmed_at=resolved,
            confirmation_language="zh-hans" if resolved else "",
            confirmation_recorded_by_id=advisor if resolved else None,
            corrective_skip_reason="The customer's own misuse" if skip else "",
            closed_at=when.get("closed"),
            created_at=received,
        )
        ids = self.ids

        def log(kind, at, by, from_state="", to_state="", note=""):
            ids["history"] += 1
            history.add(
                id=ids["history"], complaint_id=cid, kind=kind, at=at, by_id=by,
                from_state=from_state, to_state=to_state, note=note, changes={},
            )  # fmt: skip

        log("opened", received, advisor, to_state="received")
        previous = "received"
        for next_state, at in steps:
            if next_state == "customer_confirmed" or next_state == "resolving":
                pass
            log("transition", at, advisor if next_state != "closed" else manager, previous,
                next_state)  # fmt: skip
            previous = next_state
        if reached >= 2:
            proposed = when["resolving"] + timedelta(minutes=30)
            count = rng.choice((1, 1, 2))
            for k in range(count):
                kind = rng.choice(REMEDY_KINDS)
                amount = Decimal(0 if kind in ("apology", "special_reception") else
                                 rng.choice((100, 150, 300, 500, 800, 1500)))  # fmt: skip
                needs = kind in ("discount", "compensation") or amount > 200
                if reached == 2 and k == count - 1 and rng.random() < 0.6:
                    status, decided_by, decided_at = "pending", None, None
                elif needs:
                    status = "approved" if rng.random() < 0.9 else "rejected"
                    decided_by, decided_at = manager, proposed + timedelta(hours=1)
                else:
                    status, decided_by, decided_at = "not_required", None, None
                ids["remedy"] += 1
                remedies.add(
                    id=ids["remedy"], complaint_id=cid, kind=kind, amount=amount,
                    description="As agreed with the customer", proposed_by_id=advisor,
                    proposed_at=proposed, status=status, decided_by_id=decided_by,
                    decided_at=decided_at,
                )  # fmt: skip
                log("remedy_proposed", proposed, advisor)
                if decided_at:
                    log(f"remedy_{status}", decided_at, manager)
        if reached >= 3:
            log("confirmed", when["customer_confirmed"], advisor)
            if supplier:
                ids["deduction"] += 1
                applied = reached >= 5 and rng.random() < 0.8
                deductions.add(
                    id=ids["deduction"], shop_id=shop_id, complaint_id=cid, supplier_id=supplier,
                    part="Brake pads (front)", amount=Decimal(rng.choice((80, 150, 300))),
                    improvement_request="Fit the anti-squeal shims in every kit",
                    raised_by_id=manager, raised_at=when["customer_confirmed"],
                    applied_by_id=cashier if applied else None,
                    applied_at=when["customer_confirmed"] + timedelta(days=5) if applied else None,
                    settlement_reference=f"S-{cid}" if applied else "",
                )  # fmt: skip
        if reached >= 4 and not skip:
            planned = when["corrective_action"]
            done = reached >= 5
            ids["action"] += 1
            actions.add(
                id=ids["action"], complaint_id=cid, root_cause="No check of the kit's contents",
                corrective_action="Refit with shims", preventive_action="Checklist at parts desk",
                department="Workshop", owner_id=quality,
                due_date=(planned + timedelta(days=14)).date(), created_by_id=manager,
                created_at=planned, result="Done, no squeal on test drive" if done else "",
                result_at=planned + timedelta(days=rng.randint(1, 20)) if done else None,
                effective=True if done else None, verified_by_id=manager if done else None,
                verified_at=planned + timedelta(days=21) if done else None,
            )  # fmt: skip
        if reached >= 6:
            ids["follow_up"] += 1
            follow_ups.add(
                id=ids["follow_up"], complaint_id=cid, at=when["closed"] - timedelta(hours=1),
                by_id=advisor, reached=True,
                opinion=rng.choices(("satisfied", "neutral", "unsatisfied"), (75, 18, 7))[0],
                comment="",
            )  # fmt: skip

    # --- surveys ------------------------------------------------------------------------------

    def _surveys(self) -> None:
        rng = self.rng
        table = Table(Survey, self.progress, self.cursor)
        sid = 0
        for wid, shop_id, _vehicle, customer, advisor, _opened, delivered in self.orders:
            if delivered is None or rng.random() > 0.4:
                continue
            sent = delivered + timedelta(days=3)
            if sent > self.now:
                continue
            sid += 1
            answered = sent + timedelta(hours=rng.randint(1, 96)) if rng.random() < 0.55 else None
            if answered and answered > self.now:
                answered = None
            csat = rng.choices((5, 4, 3, 2, 1), weights=(50, 30, 11, 6, 3))[0] if answered else None
            nps = min(10, max(0, int(rng.gauss(8.2, 1.8)))) if answered else None
            table.add(
                id=sid, shop_id=shop_id, work_order_id=wid, customer_id=customer,
                advisor_id=advisor, token=f"bench{sid:010d}{rng.getrandbits(64):016x}",
                language="zh-hans", created_at=sent, sent_at=sent,
                expires_at=sent + timedelta(days=30), answered_at=answered, csat=csat, nps=nps,
                comment="服务很好" if csat == 5 and rng.random() < 0.2 else "",
            )  # fmt: skip
        table.flush()

    # --- bookkeeping --------------------------------------------------------------------------

    def _counters(self) -> None:
        DocumentCounter.objects.bulk_create(
            DocumentCounter(shop_id=shop_id, kind=kind, year=year, last=last)
            for (shop_id, kind, year), last in self.counters.items()
        )

    def _reset_sequences(self) -> None:
        models = [
            Customer, Vehicle, WorkOrder, WorkOrderLine, Invoice, Interaction, CommunicationLog,
            Complaint, ComplaintHistory, Remedy, CorrectiveAction, FollowUp, SupplierDeduction,
            Survey,
        ]  # fmt: skip
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)


STAGES_OPEN = ["greet", "know_need", "confirm", "help", "keep", "closed"]
STAGE_INDEX = {s: i for i, s in enumerate(STAGES_OPEN)}


def shop_tz():
    return timezone.get_default_timezone()

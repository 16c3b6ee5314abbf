"""Demo interactions: every stage today, closed ones with outcomes, escalations answered and
open, and a communication history. Idempotent: does nothing once the demo advisor has any."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from interactions.models import Interaction
from interactions.services import (
    communication_log,
    escalation_respond,
    interaction_advance,
    interaction_escalate,
    interaction_open,
)
from servicedesk.phones import phone_e164
from vehicles.models import Customer, Vehicle
from vehicles.services import customer_create, vehicle_create

CUSTOMERS = [
    # name, phone, type, concern, vin, plate, make, model
    (
        "Zhou Min",
        "13800010001",
        "in_a_hurry",
        "time",
        "1HGCM82633A004352",
        "京A12345",
        "Honda",
        "Accord",
    ),
    (
        "Qian Bo",
        "13800010002",
        "price_minded",
        "expense",
        "1M8GDM9AXKP042788",
        "京B23456",
        "Toyota",
        "Corolla",
    ),
    (
        "Sun Hui",
        "13800010003",
        "apprehensive",
        "unknown",
        "5YJ3E1EA2KF317000",
        "京C34567",
        "Volkswagen",
        "Passat",
    ),
    (
        "Wu Gang",
        "13800010004",
        "detail_minded",
        "unknown",
        "WVWZZZ3C5WE123456",
        "京D45678",
        "BMW",
        "320i",
    ),
    ("Zheng Li", "13800010005", "fleet", "time", "LSGPC52U26F123456", "京E56789", "Buick", "GL8"),
]

NEED = {
    "need_in_customer_words": "It squeals when I brake",
    "restatement": "A squeal from the front when braking",
    "main_concern": "time",
}
CONFIRM = {
    "agreed_work": "Replace the front brake pads",
    "can_do": "Pads today",
    "cannot_do": "Rotors need ordering",
    "customer_responsibilities": "Collect by 18:00",
    "estimate": "480.00",
    "customer_agreed": True,
}
HELP = {
    "delivered_summary": "Front pads replaced, road-tested",
    "information_given": "Rotors at 60%; check again at the next service",
}


def _customers(shop):
    """Five customers with a car each: the vehicles demo's where it ran, else made here."""
    rows, owners = [], set()
    for vehicle in Vehicle.objects.filter(shop=shop).select_related("owner").order_by("pk"):
        if vehicle.owner_id not in owners:
            owners.add(vehicle.owner_id)
            rows.append((vehicle.owner, vehicle))
    if len(rows) >= len(CUSTOMERS):
        return rows[: len(CUSTOMERS)]
    rows = []
    for name, phone, ctype, concern, vin, plate, make, model in CUSTOMERS:
        # Phones are kept in E.164 (the service converts them): look one up in that form.
        customer = Customer.objects.filter(
            shop=shop, phone=phone_e164(phone, country=shop.country)
        ).first() or customer_create(
            shop_pk=shop.pk, name=name, phone=phone, customer_type=ctype, main_concern=concern
        )
        vehicle = Vehicle.objects.filter(shop=shop, owner=customer).first() or vehicle_create(
            user=None, shop_pk=shop.pk, owner_pk=customer.pk, vin=vin, plate=plate, make=make,
            model=model, year=2019, mileage=42000,
        )  # fmt: skip
        rows.append((customer, vehicle))
    return rows


def _run(
    advisor, shop, customer, vehicle, *, minutes_ago, to, channel="walk_in", keep=None, outcome="",
    wait_seconds=45,
):  # fmt: skip
    """An interaction greeted ``minutes_ago`` and taken to stage ``to`` (or closed early with
    ``outcome``), each stage entered a step later, as a real visit would spread them."""
    now = timezone.now()
    at = now - timedelta(minutes=minutes_ago)
    step = timedelta(minutes=max(1, minutes_ago // 6))

    def later():
        nonlocal at
        at = at + step
        return min(at, now)

    interaction = interaction_open(
        user=advisor,
        shop_id=shop.pk,
        channel=channel,
        customer_pk=customer.pk,
        vehicle_pk=vehicle.pk if vehicle else None,
        greet={
            "wait_seconds": wait_seconds,
            "cue_in_a_hurry": customer.customer_type == "in_a_hurry",
            "cue_apprehensive": customer.customer_type == "apprehensive",
        },
        at=at,
    )
    steps = [
        ("know_need", NEED),
        ("confirm", CONFIRM),
        ("help", HELP),
        (
            "keep",
            keep
            or {
                "satisfaction": 5,
                "satisfaction_words": "Quick and clear",
                "thanked": True,
                "invited_back": True,
            },
        ),
    ]
    for stage, fields in steps:
        if to in ("greet",) or (to == "closed" and outcome and stage == "confirm"):
            break
        interaction = interaction_advance(
            user=advisor, pk=interaction.pk, stage=stage, fields=fields, at=later()
        )
        if stage == to:
            break
    if to == "closed":
        interaction = interaction_advance(
            user=advisor, pk=interaction.pk, stage="closed", outcome=outcome, at=later()
        )
    return interaction


# The counter's day, by customer (0 周…4 郑, ``_customers``): minutes since the greeting, the stage
# reached (or "closed" with an outcome), and how it came in.
VISITS = [
    # Yesterday: closed interactions with outcomes.
    (3, 24 * 60 + 120, "closed", "", "walk_in"),
    (4, 24 * 60 + 60, "closed", "booked", "phone"),
    (1, 24 * 60 + 30, "closed", "answered", "phone"),
    # Today: one in every stage.
    (0, 3, "greet", "", "walk_in"),
    (1, 12, "know_need", "", "phone"),
    (2, 25, "confirm", "", "walk_in"),
    (3, 70, "help", "", "walk_in"),
]
# Waits before the greeting beyond the usual 45 seconds (seed 003 §5(1): the advisor is prompted
# to apologise and offer the special reception): today's walk-in at greet, and the unhappy one.
LONG_WAITS = {0: 20 * 60, 4: 25 * 60}
# The unhappy one: at keep, not satisfied (which raises an escalation of its own).
UNHAPPY = (4, 95, {"satisfaction": 2, "satisfaction_words": "Waited too long for the car",
                    "thanked": True})  # fmt: skip
CONTACTS = [
    # customer, kind, channel, direction, summary, what it taught us
    (0, "inquiry", "phone", "inbound", "Asked if the car can be ready by noon",
     {"customer_type": "in_a_hurry"}),
    (1, "concern", "wechat", "inbound", "Worried about the cost of the rotors",
     {"main_concern": "expense"}),
    (1, "resolution", "phone", "outbound",
     "Explained rotors can wait until the next service; customer relieved", None),
    (2, "information", "sms", "outbound", "Sent photos of the worn pads", None),
    (4, "reminder", "email", "outbound", "Fleet service due next month", None),
]  # fmt: skip


def _escalations(advisor, manager, loaner) -> None:
    """One answered, one open (plus the not-satisfied one raised at keep)."""
    answered = interaction_escalate(
        user=advisor,
        pk=loaner.pk,
        reason="Asks for a loaner car today; none is free until tomorrow",
    )
    escalation_respond(
        user=manager,
        pk=answered.pk,
        response="Offer a ride home now and a loaner from tomorrow 9:00.",
    )
    interaction_escalate(user=advisor, pk=loaner.pk, reason="Wants the rotors at last year's price")


@transaction.atomic
def seed(ctx) -> None:
    shop = ctx.shop
    advisor = ctx.users["advisor"]
    if Interaction.objects.filter(shop=shop, advisor=advisor).exists():
        return
    people = _customers(shop)
    made = {}
    for who, minutes_ago, to, outcome, channel in VISITS:
        customer, car = people[who]
        made[to] = _run(
            advisor, shop, customer, car, minutes_ago=minutes_ago, to=to, outcome=outcome,
            channel=channel, wait_seconds=LONG_WAITS.get(who, 45) if minutes_ago < 24 * 60 else 45,
        )  # fmt: skip
    who, minutes_ago, keep = UNHAPPY
    _run(
        advisor, shop, *people[who], minutes_ago=minutes_ago, to="keep", keep=keep,
        wait_seconds=LONG_WAITS[who],
    )  # fmt: skip
    _escalations(advisor, ctx.users["manager"], made["confirm"])
    for who, kind, channel, direction, summary, learned in CONTACTS:
        customer, car = people[who]
        communication_log(
            user=advisor,
            customer_pk=customer.pk,
            vehicle_pk=car.pk if car else None,
            kind=kind,
            channel=channel,
            direction=direction,
            summary=summary,
            learned=learned,
        )

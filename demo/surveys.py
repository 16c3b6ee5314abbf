"""Demo surveys: fourteen months of delivered visits at the demo shop, each surveyed three days
after delivery, most answered (mostly good, a few low), some left unanswered — so the annual
report shows real figures. The recent demo work orders are left to the job: delivering one and
advancing the demo clock (``manage.py demo_advance_clock --days 3``) sends its survey.

Written through the services, each at its moment (``at=``): the visit opened, authorized,
worked on and delivered (which issues its invoice), the survey created and sent three days
later (its invitation is in the outbox), the answer given (a low one alerts the managers).
Runs once per database."""

import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from surveys.models import Survey, SurveySettings
from surveys.services import survey_answer, survey_create, survey_send
from vehicles import services as vehicles
from vehicles.models import AuthorizationMethod, Customer, LineKind, Vehicle

SERVICE = {"zh-hans": "常规保养", "en": "Routine service"}

VISITS = 48  # about one every nine days over fourteen months
CONCERNS = [
    ("定期保养", "Scheduled service"),
    ("空调不制冷", "Air conditioning not cooling"),
    ("刹车异响", "Brake noise"),
    ("更换轮胎", "Tyre replacement"),
]
COMMENTS = {
    "good": ["服务很周到，谢谢！", "Quick and friendly.", "车洗得很干净。", ""],
    "low": ["等待时间太长了。", "The car was not ready when promised.", "收费比报价高。"],
}


def _answer(rng: random.Random) -> tuple[int, int, str] | None:
    """None (unanswered) for about a fifth; otherwise mostly satisfied, some low scores."""
    roll = rng.random()
    if roll < 0.2:
        return None
    if roll < 0.3:
        return rng.choice([1, 2]), rng.randint(0, 4), rng.choice(COMMENTS["low"])
    if roll < 0.45:
        return 3, rng.randint(5, 7), ""
    return rng.choice([4, 5, 5]), rng.randint(8, 10), rng.choice(COMMENTS["good"])


def _demo_cars(ctx) -> list:
    """The demo shop's cars (the vehicles demo's and the history's), or one made here."""
    shop = ctx.shop
    cars = list(Vehicle.objects.filter(shop=shop).select_related("owner").order_by("pk"))
    if cars:
        return cars
    customer = Customer.objects.filter(shop=shop, phone="+8613800009999").first()
    customer = customer or vehicles.customer_create(
        shop_pk=shop.pk, name="Demo Customer", phone="+8613800009999"
    )
    car = vehicles.vehicle_create(
        user=ctx.users["advisor"], shop_pk=shop.pk, owner_pk=customer.pk,
        vin="LSVAA2BN1DM009999", make="Volkswagen", model="Lavida",
    )  # fmt: skip
    return [car]


def _visit(ctx, car, *, concern: str, delivered):
    """A routine service on ``car`` through the work order's services, opened six hours
    before ``delivered``; delivering it issues its invoice."""
    advisor, tech = ctx.users["advisor"], ctx.users["technician"]
    order = vehicles.work_order_open(
        vehicle_pk=car.pk, user=advisor, concern=concern, at=delivered - timedelta(hours=6)
    )
    if order.comeback_of_id:
        # Earlier work on the car is still under warranty: a routine service is not its comeback.
        vehicles.work_order_review_comeback(user=advisor, pk=order.pk, related=False)
    vehicles.work_order_line_add(
        work_order_pk=order.pk, user=advisor, kind=LineKind.LABOUR,
        description=SERVICE.get(car.owner.preferred_language, SERVICE["en"]),
        unit_price=Decimal("380.00"), tax_rate=Decimal("13"),
    )  # fmt: skip
    vehicles.work_order_authorize(
        pk=order.pk, user=advisor, method=AuthorizationMethod.PHONE,
        authorized_by_name=car.owner.name, at=delivered - timedelta(hours=5),
    )  # fmt: skip
    vehicles.work_order_start(pk=order.pk, user=tech, at=delivered - timedelta(hours=4))
    vehicles.work_order_ready(pk=order.pk, user=tech, at=delivered - timedelta(hours=1))
    mileage = Vehicle.objects.values_list("mileage", flat=True).get(pk=car.pk)
    vehicles.work_order_deliver(pk=order.pk, user=advisor, mileage_out=mileage, at=delivered)
    return order


def _seeded(shop) -> bool:
    return Survey.objects.filter(
        shop=shop, work_order__lines__description__in=SERVICE.values()
    ).exists()


@transaction.atomic
def seed(ctx) -> None:
    shop = ctx.shop
    if _seeded(shop):
        return
    SurveySettings.objects.get_or_create(shop=shop)
    cars = _demo_cars(ctx)
    rng = random.Random(6)  # noqa: S311 (demo data, the same every time; not a secret)
    now = timezone.now()
    for n in range(VISITS):
        delivered = now - timedelta(days=17 + n * 9, hours=rng.randint(0, 6))
        car = cars[n % len(cars)]
        zh, en = CONCERNS[n % len(CONCERNS)]
        concern = zh if car.owner.preferred_language == "zh-hans" else en
        order = _visit(ctx, car, concern=concern, delivered=delivered)
        sent = delivered + timedelta(days=3)
        survey, _ = survey_create(work_order_pk=order.pk, at=sent)
        survey_send(pk=survey.pk, at=sent)
        answer = _answer(rng)
        if answer is not None:
            csat, nps, comment = answer
            answered = sent + timedelta(hours=rng.randint(1, 72))
            survey_answer(token=survey.token, csat=csat, nps=nps, comment=comment, at=answered)

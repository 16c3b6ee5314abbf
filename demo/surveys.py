"""Demo surveys: fourteen months of delivered visits at the demo shop, each surveyed three days
after delivery, most answered (mostly good, a few low), some left unanswered — so the annual
report shows real figures. The recent demo work orders are left to the job: delivering one and
advancing the demo clock (``manage.py demo_advance_clock --days 3``) sends its survey.

Runs once per database."""

import random
import secrets
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from servicedesk.numbering import number_allocate
from surveys.models import Survey, SurveySettings
from vehicles.models import (
    Customer,
    LineKind,
    Vehicle,
    WorkOrder,
    WorkOrderLine,
    WorkOrderStatus,
)
from vehicles.services.work_orders import invoice_build

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
MARKER = "demo-surveys"


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


@transaction.atomic
def seed(ctx) -> None:
    shop, advisor = ctx.shop, ctx.users["advisor"]
    if Survey.objects.filter(shop=shop, token__startswith=MARKER).exists():
        return
    SurveySettings.objects.get_or_create(shop=shop)
    cars = list(Vehicle.objects.filter(shop=shop).select_related("owner").order_by("pk"))
    if not cars:
        customer = Customer.objects.create(shop=shop, name="Demo Customer", phone="+8613800009999")
        cars = [
            Vehicle.objects.create(
                shop=shop, vin="LSVAA2BN0DM009999", make="Volkswagen", model="Lavida",
                owner=customer,
            )
        ]  # fmt: skip
    rng = random.Random(6)  # noqa: S311 (demo data, the same every time; not a secret)
    now = timezone.now()
    low_at = SurveySettings.objects.get(shop=shop)
    for n in range(VISITS):
        delivered = now - timedelta(days=17 + n * 9, hours=rng.randint(0, 6))
        car = cars[n % len(cars)]
        zh, en = CONCERNS[n % len(CONCERNS)]
        wo_number = number_allocate(shop=shop, kind="WO", when=delivered)
        order = WorkOrder.objects.create(
            shop=shop, number=wo_number.number, year=wo_number.year, sequence=wo_number.sequence,
            vehicle=car, customer=car.owner, advisor=advisor,
            concern=zh if car.owner.preferred_language == "zh-hans" else en,
            status=WorkOrderStatus.DELIVERED, mileage_out=car.mileage,
            authorized_at=delivered - timedelta(hours=5), started_at=delivered - timedelta(hours=4),
            ready_at=delivered - timedelta(hours=1), delivered_at=delivered,
        )  # fmt: skip
        WorkOrder.objects.filter(pk=order.pk).update(opened_at=delivered - timedelta(hours=6))
        # The visit was a routine service, invoiced on delivery as every delivery is.
        line = WorkOrderLine.objects.create(
            work_order=order, kind=LineKind.LABOUR,
            description=SERVICE.get(car.owner.preferred_language, SERVICE["en"]),
            unit_price=Decimal("380.00"), tax_rate=Decimal("13"),
        )  # fmt: skip
        inv = number_allocate(shop=shop, kind="INV", year=order.year)
        invoice_build(
            order, lines=[line], number=inv.number, year=inv.year, sequence=inv.sequence,
            language=car.owner.preferred_language, at=delivered, by=advisor,
        ).save(force_insert=True)  # fmt: skip
        sent = delivered + timedelta(days=3)
        survey = Survey(
            shop=shop, work_order=order, customer=car.owner, advisor=advisor,
            token=f"{MARKER}-{secrets.token_urlsafe(24)}", language=car.owner.preferred_language,
            sent_at=sent, expires_at=sent + timedelta(days=14),
        )  # fmt: skip
        answer = _answer(rng)
        if answer is not None:
            survey.csat, survey.nps, survey.comment = answer
            survey.answered_at = sent + timedelta(hours=rng.randint(1, 72))
            survey.low_score = low_at.is_low(csat=survey.csat, nps=survey.nps)
        survey.save()
        Survey.objects.filter(pk=survey.pk).update(created_at=sent)

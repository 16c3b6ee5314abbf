"""The activity figures: interactions, work orders and surveys over the period, by month and
by advisor."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db.models import Avg, Count, Exists, OuterRef, Q
from django.db.models.functions import Coalesce, ExtractMonth

from complaints.models import Complaint
from interactions.models import Escalation, Interaction, Outcome, Stage
from servicedesk.accounts.models import Shop
from surveys.models import Survey
from vehicles.models import ComebackReview, WorkOrder, WorkOrderStatus

from .measures import _nps, _round, _share

ANSWERED = Q(answered_at__isnull=False)
# What a set of surveys says, counted once for the period, its months and its advisors: how many
# were sent and answered, the mean CSAT, and what the NPS is made of.
SURVEY_COUNTS = {
    "sent": Count("pk"),
    "answered": Count("pk", filter=ANSWERED),
    "csat_mean": Avg("csat", filter=ANSWERED),
    "nps_n": Count("nps", filter=ANSWERED),
    "promoters": Count("pk", filter=ANSWERED & Q(nps__gte=9)),
    "detractors": Count("pk", filter=ANSWERED & Q(nps__lte=6)),
}
# A month's or an advisor's row before anything is counted.
NOTHING_YET = {
    "interactions": 0,
    "work_orders_delivered": 0,
    "surveys_sent": 0,
    "surveys_answered": 0,
    "csat_mean": None,
    "nps": None,
    "complaints": 0,
}


def _survey_columns(counts: dict) -> dict:
    """A month's or an advisor's survey columns from ``SURVEY_COUNTS``."""
    return {
        "surveys_sent": counts["sent"],
        "surveys_answered": counts["answered"],
        "csat_mean": _round(counts["csat_mean"]),
        "nps": _nps(counts["promoters"], counts["detractors"], counts["nps_n"]),
    }


def _surveys(shop: Shop, start: datetime, end: datetime) -> dict:
    row = Survey.objects.filter(shop=shop, sent_at__gte=start, sent_at__lt=end).aggregate(
        **SURVEY_COUNTS,
        csat_n=Count("csat", filter=ANSWERED),
        csat_top2=Count("pk", filter=ANSWERED & Q(csat__gte=4)),
    )
    passives = row["nps_n"] - row["promoters"] - row["detractors"]
    return {
        "sent": row["sent"],
        "answered": row["answered"],
        "response_rate": _share(row["answered"], row["sent"]),
        "csat_answers": row["csat_n"],
        "csat_mean": _round(row["csat_mean"]),
        "csat_top2": row["csat_top2"],
        "csat_top2_share": _share(row["csat_top2"], row["csat_n"]),
        "nps_answers": row["nps_n"],
        "promoters": row["promoters"],
        "passives": passives,
        "detractors": row["detractors"],
        "nps": _nps(row["promoters"], row["detractors"], row["nps_n"]),
    }


def _interactions(shop: Shop, start: datetime, end: datetime) -> dict:
    escalations = Escalation.objects.filter(interaction=OuterRef("pk"))
    qs = Interaction.objects.filter(shop=shop, greet_at__gte=start, greet_at__lt=end)
    row = qs.annotate(was_escalated=Exists(escalations)).aggregate(
        total=Count("pk"),
        completed=Count("pk", filter=Q(outcome=Outcome.COMPLETED)),
        closed_early=Count("pk", filter=Q(stage=Stage.CLOSED) & ~Q(outcome=Outcome.COMPLETED)),
        open=Count("pk", filter=~Q(stage=Stage.CLOSED)),
        satisfaction_n=Count("satisfaction"),
        satisfaction_mean=Avg("satisfaction"),
        escalated=Count("pk", filter=Q(was_escalated=True)),
    )
    return {
        "total": row["total"],
        "completed": row["completed"],
        "closed_early": row["closed_early"],
        "open": row["open"],
        "escalated": row["escalated"],
        "keep_satisfaction_answers": row["satisfaction_n"],
        "keep_satisfaction_mean": _round(row["satisfaction_mean"]),
    }


def _work_orders(shop: Shop, start: datetime, end: datetime) -> dict:
    # Two index-only scans (deliveries, openings: each has its covering index) cost less than
    # one pass over the shop's orders that matches either.
    delivered = WorkOrder.objects.filter(
        shop=shop, delivered_at__gte=start, delivered_at__lt=end
    ).count()
    comeback = Q(comeback_of__isnull=False) & ~Q(comeback_review=ComebackReview.NOT_RELATED)
    row = (
        WorkOrder.objects.filter(shop=shop, opened_at__gte=start, opened_at__lt=end)
        .exclude(status=WorkOrderStatus.CANCELLED)
        .aggregate(
            opened=Count("pk"),
            comebacks=Count("pk", filter=comeback),
            comebacks_confirmed=Count(
                "pk", filter=comeback & Q(comeback_review=ComebackReview.RELATED)
            ),
        )
    )
    return {
        "delivered": delivered,
        "opened": row["opened"],
        "comebacks": row["comebacks"],
        "comebacks_confirmed": row["comebacks_confirmed"],
        "comeback_rate": _share(row["comebacks"], row["opened"]),
    }


def _monthly(shop: Shop, start: datetime, end: datetime) -> list[dict]:
    tz = ZoneInfo(shop.timezone)
    months = {m: {"month": m, **NOTHING_YET} for m in range(1, 13)}
    survey_rows = (
        Survey.objects.filter(shop=shop, sent_at__gte=start, sent_at__lt=end)
        .annotate(month=ExtractMonth("sent_at", tzinfo=tz))
        .values("month")
        .annotate(**SURVEY_COUNTS)
        .order_by("month")
    )
    for r in survey_rows:
        months[r["month"]].update(_survey_columns(r))
    for key, qs, field in (
        ("complaints", Complaint.objects.filter(shop=shop), "received_at"),
        ("interactions", Interaction.objects.filter(shop=shop), "greet_at"),
        ("work_orders_delivered", WorkOrder.objects.filter(shop=shop), "delivered_at"),
    ):
        rows = (
            qs.filter(**{f"{field}__gte": start, f"{field}__lt": end})
            .annotate(month=ExtractMonth(field, tzinfo=tz))
            .values("month")
            .annotate(n=Count("pk"))
            .order_by("month")
        )
        for r in rows:
            months[r["month"]][key] = r["n"]
    return list(months.values())


def _advisors(shop: Shop, start: datetime, end: datetime) -> list[dict]:
    table: dict[int, dict] = {}

    def row(user_id):
        return table.setdefault(user_id, {"id": user_id, "name": "", **NOTHING_YET})

    for r in (
        Interaction.objects.filter(shop=shop, greet_at__gte=start, greet_at__lt=end)
        .values("advisor")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        row(r["advisor"])["interactions"] = r["n"]
    for r in (
        WorkOrder.objects.filter(shop=shop, delivered_at__gte=start, delivered_at__lt=end)
        .values("advisor")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        row(r["advisor"])["work_orders_delivered"] = r["n"]
    for r in (
        Survey.objects.filter(shop=shop, sent_at__gte=start, sent_at__lt=end, advisor__isnull=False)
        .values("advisor")
        .annotate(**SURVEY_COUNTS)
        .order_by()
    ):
        row(r["advisor"]).update(_survey_columns(r))
    # A complaint counts for the advisor of its work order, else of its interaction.
    for r in (
        Complaint.objects.filter(shop=shop, received_at__gte=start, received_at__lt=end)
        .annotate(who=Coalesce("work_order__advisor", "interaction__advisor"))
        .filter(who__isnull=False)
        .values("who")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        row(r["who"])["complaints"] = r["n"]
    if table:
        for user in (
            get_user_model()
            .objects.filter(pk__in=table)
            .only("username", "first_name", "last_name")
        ):
            table[user.pk]["name"] = user.get_full_name() or user.get_username()
    return sorted(table.values(), key=lambda r: (r["name"], r["id"]))

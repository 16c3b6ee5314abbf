"""Reads of the interactions app: querysets with their joins done, scoped to the user's shops."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, QuerySet
from django.utils import timezone

from servicedesk.accounts.selectors import get_for_user, scope_to_user
from vehicles.models import CustomerType

from . import permissions
from .models import (
    ANY_CUSTOMER_TYPE,
    STAGE_ORDER,
    CannedReply,
    CoachingTip,
    CommunicationLog,
    Escalation,
    InboundAttachment,
    InboundMessage,
    Interaction,
    Stage,
)
from .stages import STAGE_TIMESTAMP


def interactions_for_user(*, user) -> QuerySet[Interaction]:
    return scope_to_user(Interaction.objects.all(), user=user).select_related(
        "customer", "vehicle", "advisor", "work_order", "shop"
    )


def interaction_get_for_user(*, user, pk, roles: tuple[str, ...] | None = None) -> Interaction:
    """One interaction of the user's shops (404 alike for missing and other shops)."""
    return get_for_user(interactions_for_user(user=user), user=user, pk=pk, roles=roles)


def interactions_on_day(*, user, day: date, advisor=None) -> QuerySet[Interaction]:
    """The interactions greeted on ``day`` (local time), oldest first, with open escalations."""
    start = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    qs = interactions_for_user(user=user).filter(
        greet_at__gte=start, greet_at__lt=start + timedelta(days=1)
    )
    if advisor is not None:
        qs = qs.filter(advisor=advisor)
    return qs.order_by("greet_at", "pk")


def escalations_for_user(*, user) -> QuerySet[Escalation]:
    return scope_to_user(Escalation.objects.all(), user=user).select_related(
        "interaction",
        "interaction__customer",
        "interaction__advisor",
        "raised_by",
        "assigned_to",
        "responded_by",
    )


def escalation_get_for_user(*, user, pk, roles: tuple[str, ...] | None = None) -> Escalation:
    return get_for_user(escalations_for_user(user=user), user=user, pk=pk, roles=roles)


def open_escalations(*, user) -> QuerySet[Escalation]:
    """Unanswered escalations of the user's shops, oldest first: the manager's queue."""
    return escalations_for_user(user=user).filter(responded_at__isnull=True)


def open_escalations_raised_by(*, user) -> QuerySet[Escalation]:
    return open_escalations(user=user).filter(raised_by=user)


def escalations_to_answer(*, user) -> QuerySet[Escalation]:
    """Open escalations of the shops where the user answers them (manager or supervisor)."""
    shop_ids = [shop.pk for shop in permissions.shops(user, "respond")]
    return open_escalations(user=user).filter(shop_id__in=shop_ids)


def communications_for_user(*, user) -> QuerySet[CommunicationLog]:
    return scope_to_user(CommunicationLog.objects.all(), user=user).select_related(
        "customer", "vehicle", "work_order", "interaction", "by"
    )


def communications_for_customer(*, customer) -> QuerySet[CommunicationLog]:
    return CommunicationLog.objects.filter(customer=customer).select_related(
        "vehicle", "work_order", "by"
    )


def coaching_tips(*, stage: str, customer_type: str, language: str) -> list[CoachingTip]:
    """The tips for a stage in a language, for any customer and for ``customer_type``.

    Falls back to English where the language has none for the stage.
    """
    types = {ANY_CUSTOMER_TYPE, customer_type}
    base = CoachingTip.objects.filter(stage=stage, active=True, customer_type__in=types)
    tips = list(base.filter(language=language).order_by("ordering", "pk"))
    if not tips and language != "en":
        tips = list(base.filter(language="en").order_by("ordering", "pk"))
    return tips


@dataclass(frozen=True)
class StageSpan:
    stage: str
    label: str
    entered_at: datetime | None
    seconds: int | None  # time spent; for the current stage, so far
    current: bool
    done: bool


def stage_spans(interaction: Interaction, *, now: datetime | None = None) -> list[StageSpan]:
    """Each open stage with when it was entered and how long the interaction stayed there.

    An early close leaves later stages unentered (None)."""
    now = now or timezone.now()
    spans = []
    stages = [s for s in STAGE_ORDER if s != Stage.CLOSED]
    current_index = STAGE_ORDER.index(Stage(interaction.stage))
    for i, stage in enumerate(stages):
        entered = getattr(interaction, STAGE_TIMESTAMP[stage])
        left = None
        for later in STAGE_ORDER[i + 1 :]:
            left = getattr(interaction, STAGE_TIMESTAMP[later])
            if left is not None:
                break
        current = interaction.stage == stage
        seconds = None
        if entered is not None:
            end = left if left is not None else (now if current else None)
            if end is not None:
                seconds = max(0, int((end - entered).total_seconds()))
        spans.append(
            StageSpan(
                stage=stage,
                label=str(Stage(stage).label),
                entered_at=entered,
                seconds=seconds,
                current=current,
                done=entered is not None and i < current_index and not current,
            )
        )
    return spans


def time_with_customer(interaction: Interaction, *, now: datetime | None = None) -> int:
    """Seconds from the greeting to the close, or to now while the interaction is open."""
    end = interaction.closed_at or now or timezone.now()
    return max(0, int((end - interaction.greet_at).total_seconds()))


def coaching_customer_type(interaction: Interaction) -> str:
    """The type the coaching adapts to: today's cues first (a customer in a hurry today gets
    the short version), else the type recorded on the customer's profile."""
    if interaction.cue_in_a_hurry:
        return CustomerType.IN_A_HURRY
    if interaction.cue_apprehensive:
        return CustomerType.APPREHENSIVE
    if interaction.customer_id:
        return interaction.customer.customer_type
    return CustomerType.FIRST_VISIT if interaction.walk_in_name else CustomerType.REGULAR


def coaching_for_interaction(interaction: Interaction, *, language: str) -> dict:
    stage = interaction.stage if interaction.stage != Stage.CLOSED else Stage.KEEP
    customer_type = coaching_customer_type(interaction)
    return {
        "customer_type": customer_type,
        "customer_type_label": CustomerType(customer_type).label,
        "short": customer_type == CustomerType.IN_A_HURRY,
        "tips": coaching_tips(stage=stage, customer_type=customer_type, language=language),
    }


def canned_replies(*, user, shop_id: int | None = None, active: bool | None = None) -> QuerySet:
    """The canned replies of the user's shops (of one shop with ``shop_id``; only those in use,
    or out of use, with ``active``), by title."""
    found = scope_to_user(CannedReply.objects.select_related("shop"), user=user)
    if shop_id is not None:
        found = found.filter(shop_id=shop_id)
    if active is not None:
        found = found.filter(active=active)
    return found


def canned_reply_get_for_user(*, user, pk) -> CannedReply:
    return get_for_user(CannedReply.objects.select_related("shop"), user=user, pk=pk)


def inbound_messages_for_user(*, user, status: str | None = None) -> QuerySet[InboundMessage]:
    """The inbound messages of the user's shops, newest first, with what a row shows."""
    qs = scope_to_user(InboundMessage.objects.all(), user=user).select_related("customer")
    if status:
        qs = qs.filter(status=status)
    return qs.annotate(attachment_count=Count("attachments")).order_by("-received_at", "-pk")


def inbound_message_get_for_user(*, user, pk) -> InboundMessage:
    return get_for_user(
        InboundMessage.objects.select_related(
            "customer", "shop", "filed_by", "communication"
        ).prefetch_related("attachments"),
        user=user,
        pk=pk,
    )


def inbound_attachment_get_for_user(*, user, pk) -> InboundAttachment:
    return get_for_user(
        InboundAttachment.objects.exclude(file=""), user=user, pk=pk, shop_field="message__shop"
    )

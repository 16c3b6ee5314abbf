"""Reads of the interactions app: querysets with their joins done, scoped to the user's shops."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, QuerySet
from django.utils import timezone

from servicedesk.accounts.selectors import get_for_user, scope_to_user
from vehicles.models import CustomerType, MainConcern

from . import permissions
from .models import (
    ANY_CUSTOMER_TYPE,
    STAGE_ORDER,
    CannedReply,
    CoachingTip,
    CoachingWhen,
    CommunicationLog,
    Escalation,
    InboundAttachment,
    InboundMessage,
    Interaction,
    InteractionChannel,
    Stage,
    coaching_customer_type_choices,
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


# What a row of the desk's escalations shows (interactions/_escalation_rows.html): its joins
# alone, not every person an escalation names.
ESCALATION_ROW = ("interaction__customer", "raised_by", "assigned_to")


def open_escalations_raised_by(*, user) -> QuerySet[Escalation]:
    return (
        open_escalations(user=user)
        .filter(raised_by=user)
        .select_related(None)
        .select_related(*ESCALATION_ROW)
    )


def escalations_to_answer(*, user) -> QuerySet[Escalation]:
    """Open escalations of the shops where the user answers them (manager or supervisor)."""
    shop_ids = [shop.pk for shop in permissions.shops(user, "respond")]
    return (
        open_escalations(user=user)
        .filter(shop_id__in=shop_ids)
        .select_related(None)
        .select_related(*ESCALATION_ROW)
    )


def communications_for_user(*, user) -> QuerySet[CommunicationLog]:
    return scope_to_user(CommunicationLog.objects.all(), user=user).select_related(
        "customer", "vehicle", "work_order", "interaction", "by"
    )


def communications_for_customer(*, customer) -> QuerySet[CommunicationLog]:
    return CommunicationLog.objects.filter(customer=customer).select_related(
        "vehicle", "work_order", "by"
    )


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


def coaching_situations(interaction: Interaction) -> list[str]:
    """The situations the seeds advise on that hold for this interaction: the customer is
    upset (a cue at greet), time or expense concerns them most (asked at know the need, else
    as learned on their profile), it is a call."""
    situations = []
    if interaction.cue_upset:
        situations.append(CoachingWhen.UPSET)
    concern = interaction.main_concern
    if concern == MainConcern.UNKNOWN and interaction.customer_id:
        concern = interaction.customer.main_concern
    if concern in _CONCERN_SITUATION:
        situations.append(_CONCERN_SITUATION[concern])
    if interaction.channel == InteractionChannel.PHONE:
        situations.append(CoachingWhen.PHONE)
    return situations


_CONCERN_SITUATION = {
    MainConcern.TIME: CoachingWhen.TIME_FIRST,
    MainConcern.EXPENSE: CoachingWhen.EXPENSE_FIRST,
}
# The order of the groups beside the form: calming an upset customer comes before all else.
_GROUP_ORDER = [CoachingWhen.UPSET, *(w for w in CoachingWhen if w != CoachingWhen.UPSET)]


@dataclass(frozen=True)
class CoachingGroup:
    when: str
    label: str  # empty for the tips that always apply
    tips: list[CoachingTip]
    open: bool  # False: a situation the page cannot tell, offered folded


@dataclass(frozen=True)
class Coaching:
    stage: str
    customer_type: str
    customer_type_label: str
    short: bool  # a customer in a hurry: the short texts only
    groups: list[CoachingGroup]

    @property
    def tips(self) -> list[CoachingTip]:
        return [tip for group in self.groups for tip in group.tips]


def coaching_for(
    interaction: Interaction | None, stage: str | None = None, *, language: str
) -> Coaching:
    """The coaching at ``stage`` (by default the interaction's; closed shows keep's) in
    ``language``: the tips for any customer and for the interaction's customer type, then one
    group per situation that holds (``coaching_situations``). Without an interaction (the
    complaints' intake page) the type is unknown and every situation is offered, folded.
    A group with no tip in ``language`` falls back to English. One query, whatever holds."""
    if interaction is not None:
        stage = stage or interaction.stage
        customer_type = coaching_customer_type(interaction)
        situations, offered = coaching_situations(interaction), []
    else:
        customer_type = ANY_CUSTOMER_TYPE
        situations, offered = [], [w for w in CoachingWhen if w != CoachingWhen.ALWAYS]
    if stage == Stage.CLOSED:
        stage = Stage.KEEP
    found = CoachingTip.objects.filter(
        stage=stage,
        active=True,
        customer_type__in={ANY_CUSTOMER_TYPE, customer_type},
        when__in=[CoachingWhen.ALWAYS, *situations, *offered],
        language__in={language, "en"},
    ).order_by("ordering", "pk")
    by_when: dict[str, dict[str, list[CoachingTip]]] = {}
    for tip in found:
        by_when.setdefault(tip.when, {}).setdefault(tip.language, []).append(tip)
    groups = []
    for when in _GROUP_ORDER:
        languages = by_when.get(when, {})
        tips = languages.get(language) or languages.get("en") or []
        if tips or when == CoachingWhen.ALWAYS:
            label = "" if when == CoachingWhen.ALWAYS else str(CoachingWhen(when).label)
            groups.append(CoachingGroup(when, label, tips, open=when not in offered))
    groups.sort(key=lambda group: not group.open)  # what holds first, what may hold after
    return Coaching(
        stage=stage,
        customer_type=customer_type,
        customer_type_label=str(dict(coaching_customer_type_choices())[customer_type]),
        short=customer_type == CustomerType.IN_A_HURRY,
        groups=groups,
    )


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

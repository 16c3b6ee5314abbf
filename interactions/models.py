"""The five-stage customer interaction cycle and the communication log."""

import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from servicedesk.accounts.models import Shop
from servicedesk.limits import NARRATIVE, NOTE
from vehicles.models import Customer, CustomerType, MainConcern, Vehicle, WorkOrder

from .texts import reason_text


class Stage(models.TextChoices):
    GREET = "greet", _("Greet")
    KNOW_NEED = "know_need", _("Know the need")
    CONFIRM = "confirm", _("Confirm")
    HELP = "help", _("Help")
    KEEP = "keep", _("Keep")
    CLOSED = "closed", _("Closed")


STAGE_ORDER = [Stage.GREET, Stage.KNOW_NEED, Stage.CONFIRM, Stage.HELP, Stage.KEEP, Stage.CLOSED]


class InteractionChannel(models.TextChoices):
    WALK_IN = "walk_in", _("Walk-in")
    PHONE = "phone", _("Phone")
    MESSAGE = "message", _("Message")
    EMAIL = "email", _("Email")


class Outcome(models.TextChoices):
    COMPLETED = "completed", _("Completed the cycle")
    ANSWERED = "answered", _("Inquiry answered")
    BOOKED = "booked", _("Appointment booked")
    NO_ACTION = "no_action", _("No action needed")


class Interaction(models.Model):
    """One customer contact, run through greet → know_need → confirm → help → keep → closed.

    The stage changes only through interactions.services; each stage keeps its own fields and
    the time it was entered.
    """

    shop = models.ForeignKey(
        Shop, on_delete=models.PROTECT, related_name="interactions", verbose_name=_("shop")
    )
    customer = models.ForeignKey(
        Customer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interactions",
        verbose_name=_("customer"),
    )
    walk_in_name = models.CharField(
        _("name given (customer not yet on file)"), max_length=120, blank=True
    )
    vehicle = models.ForeignKey(
        Vehicle,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interactions",
        verbose_name=_("vehicle"),
    )
    work_order = models.ForeignKey(
        WorkOrder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interactions",
        verbose_name=_("work order"),
    )
    channel = models.CharField(_("channel"), max_length=20, choices=InteractionChannel.choices)
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="interactions",
        verbose_name=_("advisor"),
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.GREET)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    version = models.PositiveIntegerField(default=1)

    # greet
    greet_at = models.DateTimeField(_("greeted at"))
    wait_seconds = models.PositiveIntegerField(_("wait before greeting (seconds)"), default=0)
    cue_in_a_hurry = models.BooleanField(_("in a hurry"), default=False)
    cue_apprehensive = models.BooleanField(_("apprehensive"), default=False)
    cue_upset = models.BooleanField(_("upset"), default=False)
    greet_notes = models.CharField(_("first impressions"), max_length=300, blank=True)

    # know_need
    know_need_at = models.DateTimeField(_("need explored at"), null=True, blank=True)
    need_in_customer_words = models.TextField(
        _("the need, in the customer's words"), blank=True, max_length=NARRATIVE
    )
    restatement = models.TextField(_("the advisor's restatement"), blank=True, max_length=NARRATIVE)
    clarifying_questions = models.TextField(
        _("clarifying questions and answers"), blank=True, max_length=NARRATIVE
    )
    main_concern = models.CharField(
        _("what concerns them most"),
        max_length=10,
        choices=MainConcern.choices,
        default=MainConcern.UNKNOWN,
    )

    # confirm
    confirm_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    agreed_work = models.TextField(_("agreed work"), blank=True, max_length=NARRATIVE)
    can_do = models.TextField(_("what we can do"), blank=True, max_length=NARRATIVE)
    cannot_do = models.TextField(_("what we cannot do"), blank=True, max_length=NARRATIVE)
    customer_responsibilities = models.TextField(
        _("what the customer is responsible for"), blank=True, max_length=NARRATIVE
    )
    promised_at = models.DateTimeField(_("promised for"), null=True, blank=True)
    estimate = models.DecimalField(
        _("estimate"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    customer_agreed = models.BooleanField(_("customer agreed"), default=False)

    # help
    help_at = models.DateTimeField(_("helped at"), null=True, blank=True)
    delivered_summary = models.TextField(_("what was delivered"), blank=True, max_length=NARRATIVE)
    information_given = models.TextField(_("information given"), blank=True, max_length=NARRATIVE)

    # keep
    keep_at = models.DateTimeField(_("kept at"), null=True, blank=True)
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    satisfaction_words = models.TextField(
        _("in the customer's words"), blank=True, max_length=NARRATIVE
    )
    thanked = models.BooleanField(_("thanked the customer"), default=False)
    invited_back = models.BooleanField(_("invited them back"), default=False)
    next_visit_on = models.DateField(_("next visit"), null=True, blank=True)

    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    # Field edits, who and when (django-simple-history); shown in the admin.
    history = HistoricalRecords()

    class Meta:
        ordering = ["-greet_at", "-pk"]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        indexes = [
            # Covering: the annual statistics count a shop-year's interactions by outcome,
            # stage, satisfaction and advisor from this index alone (an index-only scan).
            models.Index(
                fields=["shop", "-greet_at"],
                include=["id", "advisor", "outcome", "stage", "satisfaction"],
                name="interaction_shop_greet_cover",
            ),
            models.Index(fields=["advisor", "-greet_at"]),
            models.Index(fields=["shop", "stage"]),
            models.Index(fields=["customer", "-greet_at"]),
            models.Index(fields=["shop", "next_visit_on"]),  # the next-visit reminder job
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(satisfaction__isnull=True)
                | models.Q(satisfaction__gte=1, satisfaction__lte=5),
                name="interaction_satisfaction_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        who = self.customer.name if self.customer_id else (self.walk_in_name or _("walk-in"))
        return f"#{self.pk} · {who}"


class EscalationKind(models.TextChoices):
    UNEXPECTED_DEMAND = "unexpected_demand", _("Unexpected demand")
    NOT_SATISFIED = "not_satisfied", _("Customer not satisfied")


class Escalation(models.Model):
    """A demand the advisor cannot meet, handed to the manager on duty (or duty supervisor)."""

    interaction = models.ForeignKey(
        Interaction, on_delete=models.CASCADE, related_name="escalations"
    )
    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=EscalationKind.choices)
    stage = models.CharField(_("at stage"), max_length=20, choices=Stage.choices)
    # The person's own words; what the system says (a low score at keep) is a message key and
    # its parameters, put into words in the reader's language (``display_reason``).
    reason = models.TextField(_("reason"), blank=True, max_length=NOTE)
    reason_message = models.CharField(_("reason message key"), max_length=80, blank=True)
    reason_params = models.JSONField(_("reason message parameters"), default=dict, blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(_("raised at"))
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    response = models.TextField(_("response"), blank=True, max_length=NOTE)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    # Answer by: ``ESCALATION_RESPONSE_MINUTES`` of the shop's business time after it was raised.
    response_due = models.DateTimeField(_("answer due"), null=True, blank=True)

    class Meta:
        ordering = ["raised_at", "pk"]
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        indexes = [
            models.Index(fields=["shop", "responded_at", "raised_at"]),
            # The re-escalation job: only unanswered escalations are indexed.
            models.Index(
                fields=["response_due"],
                condition=models.Q(responded_at__isnull=True),
                name="escalation_unanswered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.display_reason[:40]}"

    @property
    def display_reason(self) -> str:
        """The reason in the active (the reader's) language."""
        return reason_text(
            words=self.reason, message=self.reason_message, params=self.reason_params
        )


class Direction(models.TextChoices):
    INBOUND = "inbound", _("From the customer")
    OUTBOUND = "outbound", _("To the customer")


class CommunicationKind(models.TextChoices):
    INQUIRY = "inquiry", _("Inquiry")
    CONCERN = "concern", pgettext_lazy("communication kind", "Concern")
    RESOLUTION = "resolution", _("Resolution")
    INFORMATION = "information", _("Information")
    REMINDER = "reminder", _("Reminder")


class CommunicationChannel(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    SMS = "sms", _("Text message")
    EMAIL = "email", _("Email")
    WECHAT = "wechat", _("WeChat")
    LINK = "link", _("The customer's link")


class CommunicationLog(models.Model):
    """Every inquiry, concern and resolution on any channel, on the customer's timeline."""

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="communications")
    customer = models.ForeignKey(
        Customer,
        on_delete=models.PROTECT,
        related_name="communications",
        verbose_name=_("customer"),
    )
    vehicle = models.ForeignKey(
        Vehicle,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="communications",
        verbose_name=_("vehicle"),
    )
    work_order = models.ForeignKey(
        WorkOrder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="communications",
        verbose_name=_("work order"),
    )
    interaction = models.ForeignKey(
        Interaction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="communications",
        verbose_name=_("interaction"),
    )
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=CommunicationChannel.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=CommunicationKind.choices)
    summary = models.TextField(_("summary"), max_length=NARRATIVE)
    # Empty: the customer wrote it themselves, on their link to the visit (portal).
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"))

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("communication")
        verbose_name_plural = _("communications")
        indexes = [
            models.Index(fields=["customer", "-at"]),
            models.Index(fields=["vehicle", "-at"]),
            models.Index(fields=["shop", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.summary[:40]}"


class CoachingKind(models.TextChoices):
    DO = "do", _("What to do")
    SAY = "say", _("What to say")


ANY_CUSTOMER_TYPE = "any"

# Coaching is also shown where a complaint is taken in (complaints' intake page, seed 003 §3):
# a place of its own beside the five stages, so its steps stay data like the rest.
COMPLAINT_INTAKE = "complaint_intake"
COACHING_PLACES = [*Stage.choices[:-1], (COMPLAINT_INTAKE, _("Taking in a complaint"))]


class CoachingWhen(models.TextChoices):
    """When a tip applies, beside its stage and customer type (chosen by
    ``selectors.coaching_for``): always, or only in one situation the seeds advise on."""

    ALWAYS = "always", _("Always")
    UPSET = "upset", _("The customer is upset")
    TIME_FIRST = "time_first", _("Time concerns them most")
    EXPENSE_FIRST = "expense_first", _("Expense concerns them most")
    PHONE = "phone", _("On the phone")


def coaching_customer_type_choices():
    return [(ANY_CUSTOMER_TYPE, _("Any customer")), *CustomerType.choices]


class CoachingTip(models.Model):
    """What to do and what to say at a stage, shown beside the stage's form.

    Data, not template strings, so a manager can rewrite it in the admin. A tip for a
    particular customer type is shown to that type in addition to the tips for any customer;
    a tip with a ``when`` other than always only in that situation (an upset customer, one
    whom time or expense concerns most, a call). A customer in a hurry sees the short text,
    everyone else the long one.
    """

    stage = models.CharField(_("stage"), max_length=20, choices=COACHING_PLACES)
    customer_type = models.CharField(
        _("customer type"),
        max_length=20,
        choices=coaching_customer_type_choices(),
        default=ANY_CUSTOMER_TYPE,
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    kind = models.CharField(_("kind"), max_length=10, choices=CoachingKind.choices)
    when = models.CharField(
        _("shown when"), max_length=20, choices=CoachingWhen.choices, default=CoachingWhen.ALWAYS
    )
    short_text = models.CharField(_("short version"), max_length=200)
    long_text = models.TextField(_("long version"), blank=True)
    ordering = models.PositiveSmallIntegerField(_("order"), default=10)
    active = models.BooleanField(_("shown"), default=True)

    class Meta:
        ordering = ["stage", "ordering", "pk"]
        verbose_name = _("coaching tip")
        verbose_name_plural = _("coaching tips")
        indexes = [models.Index(fields=["stage", "language", "customer_type"])]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} · {self.short_text[:40]}"


class CannedReply(models.Model):
    """A shop's text module: a reply staff insert on the communication log or a complaint, in
    the customer's language, its ``{placeholders}`` filled in for that customer (see
    ``interactions.services.canned_replies``). Never deleted: a reply no longer wanted is set
    inactive, and drops out of the pickers."""

    shop = models.ForeignKey(
        Shop, on_delete=models.PROTECT, related_name="canned_replies", verbose_name=_("shop")
    )
    title = models.CharField(_("title"), max_length=120)
    text_zh = models.TextField(_("text in Simplified Chinese"), max_length=NARRATIVE, blank=True)
    text_en = models.TextField(_("text in English"), max_length=NARRATIVE, blank=True)
    active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("canned reply")
        verbose_name_plural = _("canned replies")
        constraints = [
            models.UniqueConstraint(fields=["shop", "title"], name="canned_reply_title_unique")
        ]

    def __str__(self) -> str:
        return self.title


# ---------------------------------------------------------------- inbound messages


class InboundPurpose(models.TextChoices):
    GENERAL = "general", _("Replies and questions")
    COMPLAINTS = "complaints", _("Complaints")


class InboundAddress(models.Model):
    """An address the shop receives on: an email address (``service@…``, the shop's complaints
    address) or the E.164 number its text messages arrive at. An inbound message is the shop's
    when it was sent to one of them."""

    shop = models.ForeignKey(
        Shop, on_delete=models.CASCADE, related_name="inbound_addresses", verbose_name=_("shop")
    )
    address = models.CharField(
        _("address"),
        max_length=254,
        unique=True,
        help_text=_("An email address, or a phone number in international form (+86…)."),
    )
    purpose = models.CharField(
        _("purpose"), max_length=20, choices=InboundPurpose.choices, default=InboundPurpose.GENERAL
    )

    class Meta:
        ordering = ["shop", "address"]
        verbose_name = _("inbound address")
        verbose_name_plural = _("inbound addresses")

    def __str__(self) -> str:
        return self.address


class InboundStatus(models.TextChoices):
    INBOX = "inbox", _("In the inbox")
    FILED = "filed", _("Filed to a customer")


class InboundMessage(models.Model):
    """One email or text message received, recorded once (``key``: the provider's id or the
    email's Message-ID, so a second delivery of it finds this row). Filed when its customer is
    known (``communication`` is its log entry); until then it waits in the shop's inbox."""

    shop = models.ForeignKey(
        Shop,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="inbound_messages",
        verbose_name=_("shop"),
    )
    key = models.CharField(_("key"), max_length=255, unique=True)
    channel = models.CharField(_("channel"), max_length=20, choices=CommunicationChannel.choices)
    provider = models.CharField(_("received through"), max_length=40)
    message_id = models.CharField(_("message id"), max_length=255, blank=True, db_index=True)
    sender = models.CharField(pgettext_lazy("sender", "from"), max_length=254)
    sender_name = models.CharField(_("sender's name"), max_length=120, blank=True)
    recipient = models.CharField(pgettext_lazy("recipient", "to"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body = models.TextField(_("message"), blank=True)
    in_reply_to = models.CharField(_("in reply to"), max_length=255, blank=True)
    references = models.TextField(_("references"), blank=True)
    received_at = models.DateTimeField(pgettext_lazy("message", "received at"))
    status = models.CharField(
        _("status"), max_length=10, choices=InboundStatus.choices, default=InboundStatus.INBOX
    )
    customer = models.ForeignKey(
        Customer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("customer"),
    )
    communication = models.OneToOneField(
        CommunicationLog,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inbound_message",
        verbose_name=_("communication"),
    )
    # What a higher app made of it ("complaint"), by id: interactions cannot name its models.
    claimed_as = models.CharField(_("taken up as"), max_length=40, blank=True)
    claimed_ref = models.PositiveBigIntegerField(null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("filed by"),
    )
    filed_at = models.DateTimeField(_("filed at"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("inbound message")
        verbose_name_plural = _("inbound messages")
        indexes = [
            models.Index(fields=["shop", "status", "-received_at"]),
            models.Index(fields=["claimed_as", "claimed_ref"]),
        ]

    def __str__(self) -> str:
        return f"{self.sender} · {self.subject or self.body[:40]}"


def inbound_upload(instance, filename: str) -> str:
    """A name nobody can guess: the file is served only through a view that checks who asks."""
    suffix = PurePosixPath(filename).suffix.lower()[:6]
    return f"inbound/{secrets.token_urlsafe(24)}{suffix}"


class AttachmentRefused(models.TextChoices):
    TYPE = "type", _("Not a photo, video or PDF: not kept.")
    SIZE = "size", _("Larger than 10 MB: not kept.")


class InboundAttachment(models.Model):
    """A file that came with an email, kept when its content is of an allowed kind (checked by
    its bytes, not its name); a refused one keeps only its name and why."""

    message = models.ForeignKey(
        InboundMessage, on_delete=models.CASCADE, related_name="attachments"
    )
    name = models.CharField(_("file name"), max_length=255)
    file = models.FileField(_("file"), upload_to=inbound_upload, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size"), default=0)
    refused = models.CharField(
        _("refused because"), max_length=10, choices=AttachmentRefused.choices, blank=True
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name

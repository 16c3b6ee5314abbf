"""The complaint itself, its choices and its shop's clocks (``ComplaintPolicy``)."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from interactions.models import Escalation, Interaction
from servicedesk.accounts.models import Shop
from servicedesk.limits import NARRATIVE, NOTE
from servicedesk.records import NeverDeleted, NeverDeletedQuerySet
from vehicles.models import Customer, Supplier, Vehicle, WorkOrder, WorkOrderLine


class State(models.TextChoices):
    RECEIVED = "received", _("Received")
    INVESTIGATING = "investigating", _("Investigating")
    RESOLVING = "resolving", _("Resolving")
    CUSTOMER_CONFIRMED = "customer_confirmed", _("Customer confirmed")
    CORRECTIVE_ACTION = "corrective_action", _("Corrective action")
    FOLLOW_UP = "follow_up", _("Follow-up")
    CLOSED = "closed", pgettext_lazy("complaint state", "Closed")


STATE_ORDER = [
    State.RECEIVED,
    State.INVESTIGATING,
    State.RESOLVING,
    State.CUSTOMER_CONFIRMED,
    State.CORRECTIVE_ACTION,
    State.FOLLOW_UP,
    State.CLOSED,
]
# Reached once the customer has accepted the remedies: the resolution clock stops there.
RESOLVED_STATES = {
    State.CUSTOMER_CONFIRMED,
    State.CORRECTIVE_ACTION,
    State.FOLLOW_UP,
    State.CLOSED,
}


class Severity(models.TextChoices):
    CRITICAL = "critical", _("Critical")
    NORMAL = "normal", _("Normal")
    MINOR = "minor", _("Minor")


class Category(models.TextChoices):
    WAITING_TIME = "waiting_time", _("Waiting time")
    PRODUCT_QUALITY = "product_quality", _("Product quality")
    WORKMANSHIP = "workmanship", _("Workmanship")
    SERVICE_CONTENT_ERROR = "service_content_error", _("Service content error")
    STAFF_ATTITUDE = "staff_attitude", _("Staff attitude")
    BILLING = "billing", _("Billing")
    OTHER = "other", _("Other")


class Responsibility(models.TextChoices):
    SHOP = "shop", _("Shop")
    STAFF = "staff", _("Staff")
    SUPPLIER = "supplier", _("Supplier")
    CUSTOMER = "customer", _("Customer")
    UNDETERMINED = "undetermined", _("Undetermined")


class ComplaintChannel(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    MESSAGE = "message", _("Message")
    EMAIL = "email", _("Email")
    SURVEY = "survey", _("Survey")


class Source(models.TextChoices):
    DIRECT = "direct", _("Directly from the customer")
    INTERACTION = "interaction", _("Interaction escalated as not satisfied")
    SURVEY = "survey", _("Low survey score")
    COMEBACK = "comeback", _("Comeback work order")
    # Seed 003 §1: every employee reports what does not meet the customer's needs, before a
    # customer is affected; it goes through the same corrective-action workflow.
    INTERNAL = "internal", _("Internal nonconformity")


AT_LEAST_ONE = MinValueValidator(1)
CLOCK_TARGETS = [
    f"{severity}_{clock}"
    for severity in Severity.values
    for clock in ("response_minutes", "resolution_hours")
]


class ComplaintPolicy(models.Model):
    """A shop's complaint clocks and follow-up rule; shops without one use the defaults."""

    shop = models.OneToOneField(
        Shop, on_delete=models.CASCADE, related_name="complaint_policy", verbose_name=_("shop")
    )
    # A target is a positive duration: a zero target makes a complaint late the moment it is
    # logged, and counts every answer, however quick, as missed.
    critical_response_minutes = models.PositiveIntegerField(
        _("critical: first response within (minutes)"), default=30, validators=[AT_LEAST_ONE]
    )
    critical_resolution_hours = models.PositiveIntegerField(
        _("critical: resolve within (hours)"), default=24, validators=[AT_LEAST_ONE]
    )
    normal_response_minutes = models.PositiveIntegerField(
        _("normal: first response within (minutes)"), default=120, validators=[AT_LEAST_ONE]
    )
    normal_resolution_hours = models.PositiveIntegerField(
        _("normal: resolve within (hours)"), default=72, validators=[AT_LEAST_ONE]
    )
    minor_response_minutes = models.PositiveIntegerField(
        _("minor: first response within (minutes)"), default=720, validators=[AT_LEAST_ONE]
    )
    minor_resolution_hours = models.PositiveIntegerField(
        _("minor: resolve within (hours)"), default=168, validators=[AT_LEAST_ONE]
    )
    follow_up_max_tries = models.PositiveSmallIntegerField(
        _("follow-up tries before 'could not be reached'"),
        default=3,
        validators=[MinValueValidator(1)],
    )

    class Meta:
        verbose_name = _("complaint policy")
        verbose_name_plural = _("complaint policies")
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{field}__gt": 0}), name=f"complaint_policy_{field}_positive"
            )
            for field in CLOCK_TARGETS
        ]

    def __str__(self) -> str:
        return str(self.shop)

    def response_delta(self, severity: str) -> timedelta:
        return timedelta(minutes=getattr(self, f"{severity}_response_minutes"))

    def resolution_delta(self, severity: str) -> timedelta:
        return timedelta(hours=getattr(self, f"{severity}_resolution_hours"))


class PauseReason(models.TextChoices):
    WAITING_FOR_PARTS = "waiting_for_parts", _("Waiting for parts")
    WAITING_FOR_CUSTOMER = "waiting_for_customer", _("Waiting for the customer")
    OTHER = "other", _("Other")


PAUSE_REASONS = PauseReason.choices


class Complaint(NeverDeleted):
    """Closed (and perhaps reopened), never deleted."""

    objects = NeverDeletedQuerySet.as_manager()
    shop = models.ForeignKey(
        Shop, on_delete=models.PROTECT, related_name="complaints", verbose_name=_("shop")
    )
    number = models.CharField(_("number"), max_length=20)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.RECEIVED
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=ComplaintChannel.choices)

    customer = models.ForeignKey(
        Customer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("customer"),
    )
    customer_name = models.CharField(_("customer's name (not on file)"), max_length=120, blank=True)
    vehicle = models.ForeignKey(
        Vehicle,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("vehicle"),
    )
    work_order = models.ForeignKey(
        WorkOrder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("work order"),
    )
    work_order_line = models.ForeignKey(
        WorkOrderLine,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("work-order line"),
    )
    technician = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("technician"),
    )
    interaction = models.ForeignKey(
        Interaction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("interaction"),
    )
    escalation = models.OneToOneField(
        Escalation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaint",
        verbose_name=_("escalation"),
    )

    customer_words = models.TextField(
        _("the complaint, in the customer's words"), max_length=NARRATIVE
    )
    requested_remedy = models.TextField(
        _("what the customer asks for"), blank=True, max_length=NOTE
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("received by"),
    )
    received_at = models.DateTimeField(_("received at"))

    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, default=Severity.NORMAL
    )
    first_response_due = models.DateTimeField(_("first response due"))
    resolution_due = models.DateTimeField(_("resolution due"))
    first_responded_at = models.DateTimeField(_("first responded at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    # Set while the clocks are paused (the running ``ComplaintPause``'s start and reason, kept
    # here so that a list shows them without a query per row): never late then.
    paused_since = models.DateTimeField(_("paused since"), null=True, blank=True)
    pause_reason = models.CharField(
        _("paused for"), max_length=30, blank=True, choices=PAUSE_REASONS
    )
    immediate_response = models.TextField(
        _("immediate response (apology, what was done at once)"), blank=True, max_length=NOTE
    )

    category = models.CharField(_("category"), max_length=30, choices=Category.choices, blank=True)
    responsibility = models.CharField(
        _("responsibility"), max_length=20, choices=Responsibility.choices, blank=True
    )
    nature = models.TextField(
        _("nature of the problem (the manager's determination)"), blank=True, max_length=NARRATIVE
    )
    supplier = models.ForeignKey(
        Supplier,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("responsible supplier"),
    )

    # The customer's confirmation of the agreed remedies.
    confirmed_name = models.CharField(_("name printed by the customer"), max_length=120, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmation_signature = models.ImageField(
        _("signature"), upload_to="signatures/complaints/%Y/", blank=True
    )
    confirmation_language = models.CharField(_("language shown"), max_length=10, blank=True)
    confirmation_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    corrective_skip_reason = models.TextField(
        _("reason for skipping corrective action"), blank=True, max_length=NOTE
    )
    closed_at = models.DateTimeField(pgettext_lazy("complaint", "closed at"), null=True, blank=True)
    reopened_at = models.DateTimeField(_("last reopened at"), null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        constraints = [
            models.UniqueConstraint(fields=["shop", "number"], name="complaint_number_unique"),
            models.UniqueConstraint(
                fields=["shop", "year", "sequence"], name="complaint_sequence_unique"
            ),
        ]
        indexes = [
            # The lists' order, ties included, so that a deep page is read off the index.
            models.Index(fields=["shop", "state", "-received_at", "-id"]),
            models.Index(fields=["shop", "-received_at", "-id"]),
            models.Index(fields=["shop", "resolution_due"]),
            models.Index(fields=["received_by", "-received_at"]),
            # The escalation and follow-up jobs: only running clocks are indexed.
            models.Index(
                fields=["first_response_due"],
                condition=Q(first_responded_at__isnull=True),
                name="complaint_response_clock",
            ),
            models.Index(
                fields=["resolution_due"],
                condition=Q(resolved_at__isnull=True),
                name="complaint_resolution_clock",
            ),
            models.Index(
                fields=["shop", "received_at"],
                condition=Q(state="follow_up"),
                name="complaint_in_follow_up",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def who(self) -> str:
        return self.customer.name if self.customer_id else self.customer_name

    @property
    def customer_facing(self) -> bool:
        """Whether a customer takes part: confirms the remedies, is told how it goes and is
        asked their opinion at follow-up. Not an internal nonconformity no customer is named
        on (found in the workshop before any customer was affected)."""
        return self.source != Source.INTERNAL or bool(self.customer_id or self.customer_name)

    # The clocks are said once, in clocks.py (which reads this module: imported when asked).
    def first_response_overdue(self, now=None) -> bool:
        from .. import clocks  # noqa: PLC0415 — clocks.py imports this module

        return clocks.RESPONSE.missed(self, now)

    def resolution_overdue(self, now=None) -> bool:
        from .. import clocks  # noqa: PLC0415 — clocks.py imports this module

        return clocks.RESOLUTION.missed(self, now)

    @property
    def is_overdue(self) -> bool:
        """Late right now: a clock still running has passed its due time."""
        from .. import clocks  # noqa: PLC0415 — clocks.py imports this module

        return clocks.overdue(self)

    @property
    def step_index(self) -> int:
        return STATE_ORDER.index(self.state)

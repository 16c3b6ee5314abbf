"""The Customer Feedback Handling Report (客户意见处理报告): a complaint from intake to close.

State changes, edits and decisions go only through ``complaints.services``; every one of them
writes an append-only ``ComplaintHistory`` row in the same transaction.
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from interactions.models import Escalation, Interaction
from servicedesk.accounts.models import Shop
from servicedesk.limits import NARRATIVE, NOTE
from servicedesk.records import NeverDeleted, NeverDeletedQuerySet
from vehicles.models import Customer, Supplier, Vehicle, WorkOrder, WorkOrderLine

HISTORY_IS_APPEND_ONLY = _("The complaint history is append-only: rows are never changed.")


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
    DIRECT = "direct", _("Walk-in or call")
    INTERACTION = "interaction", _("Interaction escalated as not satisfied")
    SURVEY = "survey", _("Low survey score")
    COMEBACK = "comeback", _("Comeback work order")


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

    # The clocks are said once, in clocks.py (which reads this module: imported when asked).
    def first_response_overdue(self, now=None) -> bool:
        from . import clocks  # noqa: PLC0415 — clocks.py imports this module

        return clocks.RESPONSE.missed(self, now)

    def resolution_overdue(self, now=None) -> bool:
        from . import clocks  # noqa: PLC0415 — clocks.py imports this module

        return clocks.RESOLUTION.missed(self, now)

    @property
    def is_overdue(self) -> bool:
        """Late right now: a clock still running has passed its due time."""
        from . import clocks  # noqa: PLC0415 — clocks.py imports this module

        return clocks.overdue(self)

    @property
    def step_index(self) -> int:
        return STATE_ORDER.index(self.state)


class HistoryKind(models.TextChoices):
    OPENED = "opened", _("Opened")
    TRANSITION = "transition", _("State changed")
    REOPENED = "reopened", _("Reopened")
    EDIT = "edit", _("Facts edited")
    REMEDY_PROPOSED = "remedy_proposed", _("Remedy proposed")
    REMEDY_APPROVED = "remedy_approved", _("Remedy approved")
    REMEDY_REJECTED = "remedy_rejected", _("Remedy rejected")
    CONFIRMED = "confirmed", _("Customer confirmed")
    ACTION_PLANNED = "action_planned", _("Corrective action planned")
    ACTION_RESULT = "action_result", _("Corrective action result recorded")
    ACTION_VERIFIED = "action_verified", _("Corrective action verified")
    DEDUCTION_RAISED = "deduction_raised", _("Supplier deduction raised")
    DEDUCTION_APPLIED = "deduction_applied", _("Supplier deduction applied")
    SETTLEMENT_RAISED = "settlement_raised", _("Money to pay the customer raised")
    SETTLEMENT_SETTLED = "settlement_settled", _("Money paid to the customer")
    FOLLOW_UP = "follow_up", _("Follow-up attempt")


class AppendOnlyError(Exception):
    pass


class ComplaintHistoryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(str(HISTORY_IS_APPEND_ONLY))

    def delete(self):
        raise AppendOnlyError(str(HISTORY_IS_APPEND_ONLY))

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError(str(HISTORY_IS_APPEND_ONLY))

    def update_or_create(self, *args, **kwargs):
        raise AppendOnlyError(str(HISTORY_IS_APPEND_ONLY))


class ComplaintHistory(models.Model):
    """Who did what to the complaint, when: one row per transition, edit and decision."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="history")
    kind = models.CharField(
        pgettext_lazy("history", "what"), max_length=20, choices=HistoryKind.choices
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    from_state = models.CharField(
        pgettext_lazy("state change", "from"), max_length=20, choices=State.choices, blank=True
    )
    to_state = models.CharField(
        pgettext_lazy("state change", "to"), max_length=20, choices=State.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    changes = models.JSONField(_("changed fields"), default=dict, blank=True)

    objects = ComplaintHistoryQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        indexes = [models.Index(fields=["complaint", "at"])]

    def __str__(self) -> str:
        return f"{self.complaint_id} · {self.kind} · {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError(str(HISTORY_IS_APPEND_ONLY))
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(str(HISTORY_IS_APPEND_ONLY))

    def changed_field_labels(self) -> list[str]:
        """The edited facts by their labels in the active language, not their field names."""
        labels = []
        for name in self.changes or {}:
            try:
                labels.append(str(Complaint._meta.get_field(name).verbose_name))
            except FieldDoesNotExist:
                labels.append(name)
        return labels

    @property
    def display_note(self) -> str:
        """The note in the reader's language. Labels (a source, a remedy's kind and status, an
        opinion) are kept as keys in ``changes`` and named when read; ``note`` holds what was
        written at the time, shown for rows that kept no keys."""
        c = self.changes or {}
        free = c.get("text", "")
        if self.kind == HistoryKind.OPENED and "source" in c:
            return str(Source(c["source"]).label)
        if "remedy_kind" in c:
            parts = [f"{RemedyKind(c['remedy_kind']).label} {c.get('amount', '')}".strip()]
            if c.get("remedy_status"):
                parts.append(str(RemedyStatus(c["remedy_status"]).label))
            return " · ".join([*parts, *([free] if free else [])])
        if self.kind == HistoryKind.ACTION_VERIFIED and "effective" in c and "text" in c:
            verdict = _("effective") if c["effective"] else _("not effective")
            return " · ".join([str(verdict), *([free] if free else [])])
        if self.kind == HistoryKind.FOLLOW_UP and "opinion" in c:
            label = Opinion(c["opinion"]).label if c["opinion"] else _("not reached")
            return " · ".join([str(label), *([free] if free else [])])
        return self.note


class RemedyKind(models.TextChoices):
    APOLOGY = "apology", _("Apology")
    SPECIAL_RECEPTION = "special_reception", _("Special reception")
    REWORK = "rework", _("Rework")
    REPLACEMENT = "replacement", _("Replacement")
    DISCOUNT = "discount", _("Discount")
    COMPENSATION = "compensation", _("Compensation")
    REFUND = "refund", _("Refund")
    GOODWILL = "goodwill", _("Goodwill")


# DESIGN.md: these always need approval, whatever the amount.
KINDS_ALWAYS_NEEDING_APPROVAL = {RemedyKind.DISCOUNT, RemedyKind.COMPENSATION, RemedyKind.REFUND}
# The remedies whose amount is money the customer receives: once approved, each becomes a
# CustomerSettlement for the cashier (DESIGN.md, second round).
MONEY_KINDS = (RemedyKind.DISCOUNT, RemedyKind.COMPENSATION, RemedyKind.REFUND)


class RemedyStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    NOT_REQUIRED = "not_required", _("Within the proposer's authority")


class Remedy(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="remedies")
    kind = models.CharField(_("kind"), max_length=20, choices=RemedyKind.choices)
    amount = models.DecimalField(
        _("amount"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    description = models.TextField(_("description"), blank=True, max_length=NOTE)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    status = models.CharField(_("status"), max_length=20, choices=RemedyStatus.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(pgettext_lazy("remedy", "decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True, max_length=NOTE)

    class Meta:
        ordering = ["proposed_at", "pk"]
        verbose_name = _("remedy")
        verbose_name_plural = _("remedies")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="remedy_amount_not_negative"),
        ]
        indexes = [models.Index(fields=["status", "proposed_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.amount}"

    @property
    def agreed(self) -> bool:
        return self.status in (RemedyStatus.APPROVED, RemedyStatus.NOT_REQUIRED)


class CorrectiveAction(models.Model):
    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="corrective_actions"
    )
    root_cause = models.TextField(_("root cause"), max_length=NARRATIVE)
    corrective_action = models.TextField(_("corrective action"), max_length=NARRATIVE)
    preventive_action = models.TextField(_("preventive action"), max_length=NARRATIVE)
    department = models.CharField(_("responsible department"), max_length=80)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("corrective action", "owner"),
    )
    due_date = models.DateField(_("due date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("planned at"), default=timezone.now)
    result = models.TextField(_("tracking result"), blank=True, max_length=NARRATIVE)
    result_at = models.DateTimeField(_("result recorded at"), null=True, blank=True)
    effective = models.BooleanField(_("effective"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verification_note = models.TextField(_("verification note"), blank=True, max_length=NOTE)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")
        indexes = [
            models.Index(fields=["owner", "due_date"]),
            models.Index(
                fields=["due_date"],
                condition=Q(result_at__isnull=True),
                name="corrective_action_open_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.department} · {self.due_date}"

    @property
    def is_overdue(self) -> bool:
        from . import clocks  # noqa: PLC0415 — clocks.py imports this module

        return clocks.action_overdue(self)


class SupplierDeduction(models.Model):
    """A supplier's part caused the complaint: the cashier deducts this at settlement."""

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="+")
    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="supplier_deductions"
    )
    supplier = models.ForeignKey(
        Supplier, on_delete=models.PROTECT, related_name="deductions", verbose_name=_("supplier")
    )
    work_order_line = models.ForeignKey(
        WorkOrderLine,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("work-order line"),
    )
    part = models.CharField(_("part"), max_length=200)
    amount = models.DecimalField(
        _("amount"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    improvement_request = models.TextField(
        _("improvement asked of the supplier"), max_length=NARRATIVE
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(_("raised at"), default=timezone.now)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("applied by"),
    )
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    settlement_reference = models.CharField(_("settlement reference"), max_length=80, blank=True)

    class Meta:
        ordering = ["raised_at", "pk"]
        verbose_name = _("supplier deduction")
        verbose_name_plural = _("supplier deductions")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="deduction_amount_positive"),
        ]
        indexes = [models.Index(fields=["shop", "applied_at", "raised_at"])]

    def __str__(self) -> str:
        return f"{self.supplier} · {self.amount}"


class CustomerSettlement(models.Model):
    """Money approved on a complaint (a discount, compensation or refund) that the cashier pays
    or credits to the customer, once. One row per approved remedy: the cashier's list, the
    invoice of the complaint's work order (as an adjustment) and the annual statistics all read
    these rows. The work order is the complaint's, read through it: a link corrected later
    moves the adjustment to the right invoice."""

    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="+")
    complaint = models.ForeignKey(
        Complaint,
        on_delete=models.PROTECT,
        related_name="customer_settlements",
        verbose_name=_("complaint"),
    )
    remedy = models.OneToOneField(
        Remedy, on_delete=models.PROTECT, related_name="settlement", verbose_name=_("remedy")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RemedyKind.choices)
    amount = models.DecimalField(
        _("amount"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    raised_at = models.DateTimeField(_("raised at"), default=timezone.now)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("settled by"),
    )
    settled_at = models.DateTimeField(_("settled at"), null=True, blank=True)
    settlement_reference = models.CharField(_("settlement reference"), max_length=80, blank=True)

    class Meta:
        ordering = ["raised_at", "pk"]
        verbose_name = _("money to pay the customer")
        verbose_name_plural = _("money to pay customers")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="settlement_amount_positive"),
        ]
        indexes = [
            models.Index(fields=["shop", "settled_at", "raised_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.amount}"


class Opinion(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    NEUTRAL = "neutral", _("Neutral")
    UNSATISFIED = "unsatisfied", _("Unsatisfied")


class FollowUp(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="follow_ups")
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    reached = models.BooleanField(_("customer reached"))
    opinion = models.CharField(_("opinion"), max_length=20, choices=Opinion.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=NOTE)
    next_try = models.DateField(_("next try"), null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("follow-up attempt")
        verbose_name_plural = _("follow-up attempts")

    def __str__(self) -> str:
        return f"{self.complaint_id} · {self.at:%Y-%m-%d}"

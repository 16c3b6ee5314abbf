"""Work orders (施工单), their lines, the customer's authorizations and the status history."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from servicedesk.accounts.models import Shop
from servicedesk.limits import NARRATIVE
from servicedesk.records import NeverDeleted, NeverDeletedQuerySet

from .customers import Customer
from .suppliers import Supplier
from .vehicles import Vehicle


class WorkOrderStatus(models.TextChoices):
    OPEN = "open", _("Open")
    AUTHORIZED = "authorized", _("Authorized")
    IN_PROGRESS = "in_progress", _("In progress")
    READY = "ready", _("Ready")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")


class ComebackReview(models.TextChoices):
    PENDING = "pending", _("Not reviewed yet")
    RELATED = "related", _("Related to the earlier work")
    NOT_RELATED = "not_related", _("Not related")


class WorkOrder(NeverDeleted):
    """施工单. Status changes only through the services in vehicles.services; cancelled, never
    deleted."""

    objects = NeverDeletedQuerySet.as_manager()

    shop = models.ForeignKey(
        Shop, on_delete=models.PROTECT, related_name="work_orders", verbose_name=_("shop")
    )
    number = models.CharField(_("number"), max_length=20)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    vehicle = models.ForeignKey(
        Vehicle, on_delete=models.PROTECT, related_name="work_orders", verbose_name=_("vehicle")
    )
    customer = models.ForeignKey(
        Customer, on_delete=models.PROTECT, related_name="work_orders", verbose_name=_("customer")
    )
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("advisor"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=WorkOrderStatus.choices, default=WorkOrderStatus.OPEN
    )
    concern = models.TextField(
        _("concern"), help_text=_("The customer's concern, in their words."), max_length=NARRATIVE
    )
    cause = models.TextField(_("cause"), blank=True, max_length=NARRATIVE)
    correction = models.TextField(_("correction"), blank=True, max_length=NARRATIVE)
    promised_at = models.DateTimeField(_("promised for"), null=True, blank=True)
    estimate = models.DecimalField(
        _("estimate agreed"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("What the customer was told the work would cost when they agreed to it."),
    )
    mileage_in = models.PositiveIntegerField(_("mileage in (km)"), null=True, blank=True)
    mileage_out = models.PositiveIntegerField(_("mileage out (km)"), null=True, blank=True)
    comeback_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="comebacks",
        verbose_name=_("comeback of"),
    )
    # Stamped by work_order_open: now, or when it happened for history written after the fact.
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now, editable=False)
    authorized_at = models.DateTimeField(_("authorized at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    ready_at = models.DateTimeField(_("ready at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=200, blank=True)
    comeback_review = models.CharField(
        _("comeback review"),
        max_length=12,
        choices=ComebackReview.choices,
        blank=True,
        help_text=_("Set when the order is flagged as a possible comeback."),
    )
    comeback_note = models.CharField(_("comeback note"), max_length=200, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    # Field edits, who and when (django-simple-history); shown in the admin.
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("work order")
        verbose_name_plural = _("work orders")
        constraints = [
            models.UniqueConstraint(
                fields=["shop", "number"], name="work_order_number_unique_in_shop"
            ),
            models.UniqueConstraint(
                fields=["shop", "year", "sequence"], name="work_order_sequence_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["shop", "status", "-opened_at"]),
            # The board's open columns, in their order: the first 30 off the index, however
            # many orders are open.
            models.Index(
                fields=["shop", "status", "promised_at", "opened_at", "id"],
                name="work_order_board_idx",
            ),
            models.Index(fields=["vehicle", "-opened_at"]),
            models.Index(fields=["customer", "-opened_at"]),
            # Covering: the annual statistics count a shop-year's deliveries by month and by
            # advisor from this index alone.
            models.Index(
                fields=["shop", "-delivered_at"],
                include=["id", "advisor"],
                name="work_order_delivered_cover",
            ),
            # Covering, for the same statistics: the orders opened in a year and the comebacks.
            models.Index(
                fields=["shop", "opened_at"],
                include=["id", "status", "comeback_of", "comeback_review"],
                name="work_order_opened_cover",
            ),
            # The board's cancelled column, newest first: few rows, so a partial index.
            models.Index(
                fields=["shop", "-cancelled_at"],
                condition=Q(status="cancelled"),
                name="work_order_cancelled_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class LineKind(models.TextChoices):
    LABOUR = "labour", _("Labour")
    PART = "part", _("Part")
    FEE = "fee", _("Fee")


class WorkOrderLine(models.Model):
    work_order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(_("kind"), max_length=10, choices=LineKind.choices)
    description = models.CharField(_("description"), max_length=200)
    part_number = models.CharField(_("part number"), max_length=60, blank=True)
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    unit_price = models.DecimalField(
        _("unit price"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    tax_rate = models.DecimalField(
        _("tax rate (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    discount = models.DecimalField(
        _("discount"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    technician = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("technician"),
    )
    supplier = models.ForeignKey(
        Supplier,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lines",
        verbose_name=_("supplier"),
    )
    warranty_months = models.PositiveSmallIntegerField(_("warranty (months)"), default=0)
    warranty_km = models.PositiveIntegerField(_("warranty (km)"), default=0)
    authorization = models.ForeignKey(
        "WorkOrderAuthorization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lines",
        verbose_name=_("authorized by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    # Field edits, who and when (django-simple-history); shown in the admin.
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("work-order line")
        verbose_name_plural = _("work-order lines")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="line_quantity_positive"),
            models.CheckConstraint(condition=Q(unit_price__gte=0), name="line_price_not_negative"),
            models.CheckConstraint(condition=Q(discount__gte=0), name="line_discount_not_negative"),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def net(self) -> Decimal:
        return (self.quantity * self.unit_price - self.discount).quantize(Decimal("0.01"))

    @property
    def tax(self) -> Decimal:
        return (self.net * self.tax_rate / 100).quantize(Decimal("0.01"))

    @property
    def total(self) -> Decimal:
        return self.net + self.tax


class AuthorizationMethod(models.TextChoices):
    IN_PERSON = "in_person", _("In person, signed")
    PHONE = "phone", _("By phone")
    MESSAGE = "message", _("By message")
    LINK = "link", _("By the customer, via link, signed")


# What staff record at the counter or for a complaint: the link is the customer's own.
COUNTER_METHODS = [
    (value, label) for value, label in AuthorizationMethod.choices if value != "link"
]


class WorkOrderAuthorization(models.Model):
    """The customer's consent to an estimate. Work may start only on authorized lines."""

    work_order = models.ForeignKey(
        WorkOrder, on_delete=models.CASCADE, related_name="authorizations"
    )
    method = models.CharField(_("how"), max_length=20, choices=AuthorizationMethod.choices)
    authorized_by_name = models.CharField(_("authorized by (customer)"), max_length=120)
    amount = models.DecimalField(_("estimate authorized"), max_digits=12, decimal_places=2)
    signature = models.ImageField(
        _("signature"), upload_to="signatures/work-orders/%Y/", blank=True
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    # None when the customer authorized on the visit's link: no one at the shop recorded it.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    authorized_at = models.DateTimeField(_("authorized at"))

    class Meta:
        ordering = ["authorized_at", "pk"]
        verbose_name = _("authorization")
        verbose_name_plural = _("authorizations")

    def __str__(self) -> str:
        return f"{self.authorized_by_name} · {self.amount}"


class WorkOrderEvent(models.Model):
    """Append-only history of a work order: every transition, who, when, from, to and a note."""

    work_order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(
        _("from"), max_length=20, choices=WorkOrderStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=WorkOrderStatus.choices)
    # None when the customer moved it from the visit's link.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    at = models.DateTimeField(_("at"))

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("work-order event")
        verbose_name_plural = _("work-order events")

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"

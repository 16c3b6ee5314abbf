"""The shop's memory of every customer, car and visit."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from servicedesk.accounts.models import Shop
from servicedesk.limits import NARRATIVE
from servicedesk.records import NeverDeleted, NeverDeletedQuerySet

from .vin import validate_vin_format

# The highest odometer reading accepted anywhere (a field's int range is far above it; a typo
# with extra digits must be a clear 400, not a database error).
MAX_KM = 9_999_999


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    SMS = "sms", _("Text message")
    EMAIL = "email", _("Email")
    WECHAT = "wechat", _("WeChat")
    IN_PERSON = "in_person", _("In person")


class MainConcern(models.TextChoices):
    UNKNOWN = "unknown", _("Not asked yet")
    TIME = "time", _("Time")
    EXPENSE = "expense", _("Expense")


class CustomerType(models.TextChoices):
    REGULAR = "regular", _("Regular")
    IN_A_HURRY = "in_a_hurry", _("In a hurry")
    DETAIL_MINDED = "detail_minded", _("Detail-minded")
    PRICE_MINDED = "price_minded", _("Price-minded")
    APPREHENSIVE = "apprehensive", _("Apprehensive")
    FIRST_VISIT = "first_visit", _("First visit")
    FLEET = "fleet", _("Fleet")


class Customer(models.Model):
    shop = models.ForeignKey(
        Shop, on_delete=models.PROTECT, related_name="customers", verbose_name=_("shop")
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=120)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    phone_alt = models.CharField(_("other phone"), max_length=32, blank=True)
    email = models.EmailField(_("email"), blank=True)
    preferred_channel = models.CharField(
        _("preferred channel"), max_length=20, choices=Channel.choices, default=Channel.PHONE
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="zh-hans"
    )
    main_concern = models.CharField(
        _("what concerns them most"),
        max_length=10,
        choices=MainConcern.choices,
        default=MainConcern.UNKNOWN,
    )
    customer_type = models.CharField(
        _("customer type"),
        max_length=20,
        choices=CustomerType.choices,
        default=CustomerType.REGULAR,
    )
    wants_ride = models.BooleanField(_("wants a ride"), default=False)
    wants_loaner = models.BooleanField(_("wants a loaner car"), default=False)
    waits_on_site = models.BooleanField(_("waits in the waiting room"), default=False)
    reminder_consent = models.BooleanField(_("agrees to reminders"), default=False)
    notes = models.TextField(_("notes"), blank=True, max_length=NARRATIVE)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    # Field edits, who and when (django-simple-history); shown in the admin.
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        constraints = [
            models.UniqueConstraint(
                fields=["shop", "phone"],
                condition=~Q(phone=""),
                name="customer_phone_unique_in_shop",
            ),
            models.UniqueConstraint(
                fields=["shop", "email"],
                condition=~Q(email=""),
                name="customer_email_unique_in_shop",
            ),
        ]
        indexes = [
            models.Index(fields=["shop", "name"]),
            models.Index(fields=["shop", "phone_alt"]),
        ]

    def __str__(self) -> str:
        return self.name


class Supplier(models.Model):
    shop = models.ForeignKey(
        Shop, on_delete=models.PROTECT, related_name="suppliers", verbose_name=_("shop")
    )
    name = models.CharField(_("name"), max_length=120)
    contact = models.CharField(_("contact person"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("supplier")
        verbose_name_plural = _("suppliers")
        constraints = [
            # "RACE SUPPLIER" and "Race Supplier" are one supplier (services.supplier_create).
            models.UniqueConstraint("shop", Lower("name"), name="supplier_name_unique_in_shop_ci")
        ]

    def __str__(self) -> str:
        return self.name


class Vehicle(models.Model):
    shop = models.ForeignKey(
        Shop, on_delete=models.PROTECT, related_name="vehicles", verbose_name=_("shop")
    )
    vin = models.CharField(_("VIN"), max_length=17, validators=[validate_vin_format])
    vin_check_override = models.CharField(
        _("reason the VIN check digit is not verified"),
        max_length=200,
        blank=True,
        help_text=_("For markets whose VINs carry no check digit; recorded with the vehicle."),
    )
    plate = models.CharField(_("plate"), max_length=20, blank=True)
    make = models.CharField(_("make"), max_length=60)
    model = models.CharField(_("model"), max_length=60)
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        null=True,
        blank=True,
    )
    colour = models.CharField(_("colour"), max_length=40, blank=True)
    mileage = models.PositiveIntegerField(_("mileage (km)"), default=0)
    owner = models.ForeignKey(
        Customer, on_delete=models.PROTECT, related_name="vehicles", verbose_name=_("owner")
    )
    # The last six characters of the VIN, kept by the services so the counter finds a car by
    # them with an index (an "ends with" query cannot use one).
    vin_tail = models.CharField(max_length=6, blank=True, editable=False)
    vin_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("check-digit override recorded by"),
    )
    vin_override_at = models.DateTimeField(_("override recorded at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    # Field edits, who and when (django-simple-history); shown in the admin.
    history = HistoricalRecords()

    class Meta:
        ordering = ["plate", "pk"]
        verbose_name = _("vehicle")
        verbose_name_plural = _("vehicles")
        constraints = [
            models.UniqueConstraint(fields=["shop", "vin"], name="vehicle_vin_unique_in_shop")
        ]
        indexes = [
            models.Index(fields=["shop", "plate"]),
            models.Index(fields=["shop", "vin_tail"]),
        ]

    def __str__(self) -> str:
        label = f"{self.make} {self.model}"
        return f"{self.plate} · {label}" if self.plate else f"{label} · {self.vin}"


class VehicleOwnership(models.Model):
    """Who owned the vehicle when: a change of owner closes the old row and opens a new one."""

    vehicle = models.ForeignKey(Vehicle, on_delete=models.CASCADE, related_name="ownerships")
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="ownerships")
    started_at = models.DateTimeField(_("from"))
    ended_at = models.DateTimeField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("ownership")
        verbose_name_plural = _("ownerships")

    def __str__(self) -> str:
        return f"{self.customer_id} · {self.started_at:%Y-%m-%d}"


class MileageReading(models.Model):
    """Every mileage the shop recorded; one lower than the last needs a reason."""

    vehicle = models.ForeignKey(Vehicle, on_delete=models.CASCADE, related_name="mileage_readings")
    km = models.PositiveIntegerField(_("km"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    source = models.CharField(_("source"), max_length=40, blank=True)
    correction_reason = models.CharField(
        _("reason for a lower reading"), max_length=200, blank=True
    )

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("mileage reading")
        verbose_name_plural = _("mileage readings")

    def __str__(self) -> str:
        return f"{self.km} km"


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
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
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
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
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
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("note"), max_length=200, blank=True)
    at = models.DateTimeField(_("at"))

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("work-order event")
        verbose_name_plural = _("work-order events")

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class Invoice(models.Model):
    """The detailed invoice produced at delivery; its figures are fixed when it is issued."""

    shop = models.ForeignKey(
        Shop, on_delete=models.PROTECT, related_name="invoices", verbose_name=_("shop")
    )
    work_order = models.OneToOneField(
        WorkOrder, on_delete=models.PROTECT, related_name="invoice", verbose_name=_("work order")
    )
    number = models.CharField(_("number"), max_length=20)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    net = models.DecimalField(_("net"), max_digits=12, decimal_places=2)
    tax = models.DecimalField(_("tax"), max_digits=12, decimal_places=2)
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2)
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        constraints = [
            models.UniqueConstraint(fields=["shop", "number"], name="invoice_number_unique"),
            models.UniqueConstraint(
                fields=["shop", "year", "sequence"], name="invoice_sequence_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.number


class InspectionStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    PRESENTED = "presented", _("Presented to the customer")


class Inspection(models.Model):
    """A courtesy inspection of the vehicle during a visit."""

    shop = models.ForeignKey(
        Shop, on_delete=models.PROTECT, related_name="inspections", verbose_name=_("shop")
    )
    work_order = models.ForeignKey(
        WorkOrder,
        on_delete=models.PROTECT,
        related_name="inspections",
        verbose_name=_("work order"),
    )
    vehicle = models.ForeignKey(
        Vehicle, on_delete=models.PROTECT, related_name="inspections", verbose_name=_("vehicle")
    )
    inspected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("inspected by"),
    )
    mileage = models.PositiveIntegerField(_("mileage (km)"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=NARRATIVE)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        indexes = [models.Index(fields=["vehicle", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.work_order} · {self.created_at:%Y-%m-%d}"


class Condition(models.TextChoices):
    GREEN = "green", _("Green: fine")
    YELLOW = "yellow", _("Yellow: needs attention soon")
    RED = "red", _("Red: needs attention now")


class Decision(models.TextChoices):
    PENDING = "pending", _("Not decided")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    DEFERRED = "deferred", _("Deferred")


class InspectionItem(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="items")
    # Denormalised from the inspection so the reminders job finds declined work by shop and date.
    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("item"), max_length=120)
    condition = models.CharField(_("condition"), max_length=10, choices=Condition.choices)
    notes = models.TextField(_("notes"), blank=True, max_length=NARRATIVE)
    recommended_job = models.CharField(_("recommended job"), max_length=200, blank=True)
    price = models.DecimalField(
        _("price"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision_note = models.CharField(_("note"), max_length=200, blank=True)
    line = models.OneToOneField(
        WorkOrderLine,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inspection_item",
        verbose_name=_("work-order line"),
    )
    reminded_at = models.DateTimeField(_("last reminded at"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("inspection item")
        verbose_name_plural = _("inspection items")
        indexes = [models.Index(fields=["shop", "decision", "decided_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gte=0),
                name="inspection_price_not_negative",
            )
        ]

    def __str__(self) -> str:
        return self.name


class InspectionPhoto(models.Model):
    item = models.ForeignKey(InspectionItem, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="inspections/%Y/%m/")
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.image.name

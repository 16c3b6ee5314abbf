"""Vehicles, who owned them when, and every mileage recorded."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from servicedesk.accounts.models import Shop

from ..vin import validate_vin_format
from .customers import Customer

# The highest odometer reading accepted anywhere (a field's int range is far above it; a typo
# with extra digits must be a clear 400, not a database error).
MAX_KM = 9_999_999


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
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)
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

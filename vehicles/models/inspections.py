"""Courtesy inspections: items with a condition, photos and the customer's decision."""

import secrets
from decimal import Decimal
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from servicedesk.accounts.models import Shop
from servicedesk.limits import NARRATIVE

from .vehicles import Vehicle
from .work_orders import WorkOrder, WorkOrderLine


def private_upload(instance, filename: str) -> str:
    """A stored name nobody can guess (not the item's id, not the upload's date): the file is
    served only through a view that checks who asks (staff of the shop, or the visit's link)."""
    suffix = PurePosixPath(filename).suffix.lower()[:6]
    return f"inspections/{secrets.token_urlsafe(24)}{suffix}"


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


class DecidedVia(models.TextChoices):
    COUNTER = "counter", _("At the counter")
    LINK = "link", _("By the customer, via link")


class InspectionItem(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="items")
    # Denormalised from the inspection so the reminders job finds declined work by shop and date.
    shop = models.ForeignKey(Shop, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("item"), max_length=120)
    # Blank only on an item started from a template that the technician has not ticked yet.
    condition = models.CharField(
        _("condition"), max_length=10, choices=Condition.choices, blank=True
    )
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
    decided_via = models.CharField(
        _("decided"), max_length=10, choices=DecidedVia.choices, blank=True
    )
    # The customer deciding on the link: the name they signed and the signature drawn.
    decided_by_name = models.CharField(_("decided by (customer)"), max_length=120, blank=True)
    decision_signature = models.ImageField(_("signature"), upload_to=private_upload, blank=True)
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


class InspectionFile(models.Model):
    """What a photo and a video of a finding both keep: the type read from the content, the
    size, who uploaded it and when."""

    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["pk"]


class InspectionPhoto(InspectionFile):
    item = models.ForeignKey(InspectionItem, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=private_upload)

    class Meta(InspectionFile.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.image.name


class InspectionVideo(InspectionFile):
    """A short clip of a finding, checked by its content like the photos."""

    item = models.ForeignKey(InspectionItem, on_delete=models.CASCADE, related_name="videos")
    file = models.FileField(_("video"), upload_to=private_upload)

    class Meta(InspectionFile.Meta):
        verbose_name = _("video")
        verbose_name_plural = _("videos")

    def __str__(self) -> str:
        return self.file.name


class InspectionTemplate(models.Model):
    """A shop's standard checklist: an inspection started from it has one item per line, and
    the technician ticks green, yellow or red rather than typing."""

    shop = models.ForeignKey(
        Shop, on_delete=models.PROTECT, related_name="inspection_templates", verbose_name=_("shop")
    )
    name = models.CharField(_("name"), max_length=120)
    active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("inspection template")
        verbose_name_plural = _("inspection templates")
        constraints = [
            models.UniqueConstraint(fields=["shop", "name"], name="inspection_template_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class InspectionTemplateItem(models.Model):
    template = models.ForeignKey(InspectionTemplate, on_delete=models.CASCADE, related_name="items")
    name = models.CharField(_("item"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self) -> str:
        return self.name

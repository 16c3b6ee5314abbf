"""The money a complaint moves: deducted from a supplier, or paid to the customer."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from servicedesk.accounts.models import Shop
from servicedesk.limits import NARRATIVE
from vehicles.models import Supplier, WorkOrderLine

from .complaint import Complaint
from .remedies import Remedy, RemedyKind


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
    # The supplier's answer to the improvement asked of them, recorded once by the shop.
    supplier_answer = models.TextField(_("supplier's answer"), max_length=NARRATIVE, blank=True)
    answered_at = models.DateTimeField(
        pgettext_lazy("supplier", "answered at"), null=True, blank=True
    )
    answer_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answer recorded by"),
    )

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

"""What the shop offers the customer for a complaint, and its approval."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from servicedesk.limits import NOTE

from .complaint import Complaint


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

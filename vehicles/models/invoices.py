"""Invoices, issued at delivery."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from servicedesk.accounts.models import Shop

from .work_orders import WorkOrder


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

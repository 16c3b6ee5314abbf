"""Suppliers of parts, named on work-order lines."""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from servicedesk.accounts.models import Shop


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

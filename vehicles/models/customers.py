"""Customers: who they are, how to reach them, what matters to them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from servicedesk.accounts.models import Shop
from servicedesk.limits import NARRATIVE


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

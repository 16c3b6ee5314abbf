"""The customer's satisfaction survey: one tokenized link per delivered work order."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from servicedesk.accounts.models import Shop
from servicedesk.limits import NOTE
from vehicles.models import Customer, WorkOrder


class LowScoreAction(models.TextChoices):
    FOLLOW_UP = "follow_up", _("A follow-up task for the manager")
    COMPLAINT = "complaint", _("Open a complaint")


class SurveySettings(models.Model):
    """A shop's survey rules; shops without a row use the defaults."""

    shop = models.OneToOneField(
        Shop, on_delete=models.CASCADE, related_name="survey_settings", verbose_name=_("shop")
    )
    enabled = models.BooleanField(_("send surveys"), default=True)
    days_after_delivery = models.PositiveSmallIntegerField(
        _("days after delivery"),
        default=3,
        help_text=_("The survey link goes out this many days after the car was delivered."),
    )
    expiry_days = models.PositiveSmallIntegerField(
        _("link valid for (days)"), default=14, validators=[MinValueValidator(1)]
    )
    low_csat_at_most = models.PositiveSmallIntegerField(
        _("low satisfaction: at most"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("A satisfaction score (1–5) at or below this is a low score."),
    )
    low_nps_at_most = models.PositiveSmallIntegerField(
        _("low recommendation: at most"),
        default=4,
        validators=[MaxValueValidator(10)],
        help_text=_("A likelihood to recommend (0–10) at or below this is a low score."),
    )
    low_score_action = models.CharField(
        _("on a low score"),
        max_length=20,
        choices=LowScoreAction.choices,
        default=LowScoreAction.FOLLOW_UP,
    )

    class Meta:
        verbose_name = _("survey settings")
        verbose_name_plural = _("survey settings")

    def __str__(self) -> str:
        return str(self.shop)

    def is_low(self, *, csat: int, nps: int) -> bool:
        return csat <= self.low_csat_at_most or nps <= self.low_nps_at_most


class Survey(models.Model):
    """A survey sent to a customer after a visit and, once answered, their scores.

    ``sent_at`` is set when the link went out; ``answered_at`` with the scores when the
    customer answered. The annual statistics read these fields and nothing else.
    """

    shop = models.ForeignKey(
        Shop, on_delete=models.PROTECT, related_name="surveys", verbose_name=_("shop")
    )
    work_order = models.ForeignKey(
        WorkOrder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("work order"),
    )
    customer = models.ForeignKey(
        Customer, on_delete=models.PROTECT, related_name="surveys", verbose_name=_("customer")
    )
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("advisor"),
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    # Stamped by survey_create (``at``: now, or when a history written after the fact says).
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    csat = models.PositiveSmallIntegerField(
        _("satisfaction (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    nps = models.PositiveSmallIntegerField(
        _("likelihood to recommend (0–10)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )
    comment = models.TextField(_("comment"), blank=True, max_length=NOTE)
    low_score = models.BooleanField(_("low score"), default=False)
    complaint = models.ForeignKey(
        "complaints.Complaint",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("complaint opened"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        indexes = [
            models.Index(fields=["shop", "sent_at"]),
            models.Index(fields=["shop", "answered_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["work_order"],
                condition=models.Q(work_order__isnull=False),
                name="survey_once_per_work_order",
            ),
            models.CheckConstraint(
                condition=models.Q(csat__isnull=True) | models.Q(csat__gte=1, csat__lte=5),
                name="survey_csat_1_5",
            ),
            models.CheckConstraint(
                condition=models.Q(nps__isnull=True) | models.Q(nps__lte=10),
                name="survey_nps_0_10",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.customer} · {self.created_at:%Y-%m-%d}"

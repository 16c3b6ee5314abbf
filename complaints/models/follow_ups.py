"""The follow-up calls after a complaint: was the customer reached, and satisfied."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from servicedesk.limits import NOTE

from .complaint import Complaint


class Opinion(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    NEUTRAL = "neutral", _("Neutral")
    UNSATISFIED = "unsatisfied", _("Unsatisfied")


class FollowUp(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="follow_ups")
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    reached = models.BooleanField(_("customer reached"))
    opinion = models.CharField(_("opinion"), max_length=20, choices=Opinion.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=NOTE)
    next_try = models.DateField(_("next try"), null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("follow-up attempt")
        verbose_name_plural = _("follow-up attempts")

    def __str__(self) -> str:
        return f"{self.complaint_id} · {self.at:%Y-%m-%d}"

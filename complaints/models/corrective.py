"""The corrective action planned after a complaint, its result and its verification."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from servicedesk.limits import NARRATIVE, NOTE

from .complaint import Complaint


class CorrectiveAction(models.Model):
    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="corrective_actions"
    )
    root_cause = models.TextField(_("root cause"), max_length=NARRATIVE)
    corrective_action = models.TextField(_("corrective action"), max_length=NARRATIVE)
    preventive_action = models.TextField(_("preventive action"), max_length=NARRATIVE)
    department = models.CharField(_("responsible department"), max_length=80)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("corrective action", "owner"),
    )
    due_date = models.DateField(_("due date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("planned at"), default=timezone.now)
    result = models.TextField(_("tracking result"), blank=True, max_length=NARRATIVE)
    result_at = models.DateTimeField(_("result recorded at"), null=True, blank=True)
    effective = models.BooleanField(_("effective"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verification_note = models.TextField(_("verification note"), blank=True, max_length=NOTE)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")
        indexes = [
            models.Index(fields=["owner", "due_date"]),
            models.Index(
                fields=["due_date"],
                condition=Q(result_at__isnull=True),
                name="corrective_action_open_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.department} · {self.due_date}"

    @property
    def is_overdue(self) -> bool:
        from .. import clocks  # noqa: PLC0415 — clocks.py imports this module

        return clocks.action_overdue(self)

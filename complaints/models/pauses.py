"""A complaint's clocks paused: waiting for parts or for the customer. While paused the
complaint is never late nor escalated; on resume its running clocks move on by the business time
the pause lasted (``complaints.services.pauses``)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from servicedesk.limits import NOTE

from .complaint import Complaint, PauseReason


class ComplaintPause(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="pauses")
    reason = models.CharField(_("reason"), max_length=30, choices=PauseReason.choices)
    note = models.TextField(_("note"), blank=True, max_length=NOTE)
    started_at = models.DateTimeField(_("paused at"))
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("paused by"),
    )
    ended_at = models.DateTimeField(_("resumed at"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resumed by"),
    )

    class Meta:
        ordering = ["started_at", "pk"]
        verbose_name = _("pause")
        verbose_name_plural = _("pauses")
        constraints = [
            # At most one running pause per complaint (``Complaint.paused_since`` is its start).
            models.UniqueConstraint(
                fields=["complaint"],
                condition=Q(ended_at__isnull=True),
                name="complaint_one_running_pause",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} · {self.get_reason_display()}"

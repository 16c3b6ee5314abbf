"""The complaint's append-only history: one row per transition, edit and decision."""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .complaint import Complaint, PauseReason, Source, State
from .follow_ups import Opinion
from .remedies import RemedyKind, RemedyStatus

HISTORY_IS_APPEND_ONLY = _("The complaint history is append-only: rows are never changed.")


class HistoryKind(models.TextChoices):
    OPENED = "opened", _("Opened")
    TRANSITION = "transition", _("State changed")
    REOPENED = "reopened", _("Reopened")
    EDIT = "edit", _("Facts edited")
    REMEDY_PROPOSED = "remedy_proposed", _("Remedy proposed")
    REMEDY_APPROVED = "remedy_approved", _("Remedy approved")
    REMEDY_REJECTED = "remedy_rejected", _("Remedy rejected")
    CONFIRMED = "confirmed", _("Customer confirmed")
    ACTION_PLANNED = "action_planned", _("Corrective action planned")
    ACTION_RESULT = "action_result", _("Corrective action result recorded")
    ACTION_VERIFIED = "action_verified", _("Corrective action verified")
    DEDUCTION_RAISED = "deduction_raised", _("Supplier deduction raised")
    DEDUCTION_APPLIED = "deduction_applied", _("Supplier deduction applied")
    DEDUCTION_ANSWERED = "deduction_answered", _("Supplier's answer recorded")
    SETTLEMENT_RAISED = "settlement_raised", _("Money to pay the customer raised")
    SETTLEMENT_SETTLED = "settlement_settled", _("Money paid to the customer")
    FOLLOW_UP = "follow_up", _("Follow-up attempt")
    CUSTOMER_WROTE = "customer_wrote", _("The customer wrote")
    PAUSED = "paused", _("Clocks paused")
    RESUMED = "resumed", _("Clocks resumed")


class AppendOnlyError(Exception):
    pass


class ComplaintHistoryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(str(HISTORY_IS_APPEND_ONLY))

    def delete(self):
        raise AppendOnlyError(str(HISTORY_IS_APPEND_ONLY))

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError(str(HISTORY_IS_APPEND_ONLY))

    def update_or_create(self, *args, **kwargs):
        raise AppendOnlyError(str(HISTORY_IS_APPEND_ONLY))


class ComplaintHistory(models.Model):
    """Who did what to the complaint, when: one row per transition, edit and decision."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="history")
    kind = models.CharField(
        pgettext_lazy("history", "what"), max_length=20, choices=HistoryKind.choices
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    from_state = models.CharField(
        pgettext_lazy("state change", "from"), max_length=20, choices=State.choices, blank=True
    )
    to_state = models.CharField(
        pgettext_lazy("state change", "to"), max_length=20, choices=State.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    changes = models.JSONField(_("changed fields"), default=dict, blank=True)

    objects = ComplaintHistoryQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        indexes = [models.Index(fields=["complaint", "at"])]

    def __str__(self) -> str:
        return f"{self.complaint_id} · {self.kind} · {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError(str(HISTORY_IS_APPEND_ONLY))
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(str(HISTORY_IS_APPEND_ONLY))

    def changed_field_labels(self) -> list[str]:
        """The edited facts by their labels in the active language, not their field names."""
        labels = []
        for name in self.changes or {}:
            try:
                labels.append(str(Complaint._meta.get_field(name).verbose_name))
            except FieldDoesNotExist:
                labels.append(name)
        return labels

    @property
    def display_note(self) -> str:
        """The note in the reader's language. Labels (a source, a remedy's kind and status, an
        opinion) are kept as keys in ``changes`` and named when read; ``note`` holds what was
        written at the time, shown for rows that kept no keys."""
        c = self.changes or {}
        free = c.get("text", "")
        if self.kind == HistoryKind.OPENED and "source" in c:
            return str(Source(c["source"]).label)
        if "remedy_kind" in c:
            parts = [f"{RemedyKind(c['remedy_kind']).label} {c.get('amount', '')}".strip()]
            if c.get("remedy_status"):
                parts.append(str(RemedyStatus(c["remedy_status"]).label))
            return " · ".join([*parts, *([free] if free else [])])
        if self.kind == HistoryKind.ACTION_VERIFIED and "effective" in c and "text" in c:
            verdict = _("effective") if c["effective"] else _("not effective")
            return " · ".join([str(verdict), *([free] if free else [])])
        if self.kind == HistoryKind.PAUSED and "reason" in c:
            return " · ".join([str(PauseReason(c["reason"]).label), *([free] if free else [])])
        if self.kind == HistoryKind.FOLLOW_UP and "opinion" in c:
            label = Opinion(c["opinion"]).label if c["opinion"] else _("not reached")
            return " · ".join([str(label), *([free] if free else [])])
        return self.note

"""Annual satisfaction statistics: one stored snapshot per shop and year, and the jobs that
compute them, so a page can show a refresh's progress without a Celery result backend."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from servicedesk.accounts.models import Shop


class AnnualSnapshot(models.Model):
    """The figures of ``compute_annual`` for a shop and year, as they were at ``computed_at``."""

    shop = models.ForeignKey(
        Shop, on_delete=models.CASCADE, related_name="annual_snapshots", verbose_name=_("shop")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    figures = models.JSONField(_("figures"))
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        ordering = ["shop", "-year"]
        verbose_name = _("annual snapshot")
        verbose_name_plural = _("annual snapshots")
        constraints = [
            models.UniqueConstraint(fields=["shop", "year"], name="annual_snapshot_once"),
        ]

    def __str__(self) -> str:
        return f"{self.shop} · {self.year}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", pgettext_lazy("job", "Failed")


ACTIVE_STATUSES = (JobStatus.QUEUED, JobStatus.RUNNING)


class ReportJob(models.Model):
    """One (re)computation of a shop's annual snapshot: queued → running → done or failed.

    At most one job per shop and year is active at a time: a second request while one is
    queued or running gets that job back instead of queueing another.

    A running job is held by one attempt (the Celery task id that claimed it) on a lease: the
    worker beats ``heartbeat_at`` while it computes. A redelivery of the holder's own message
    (its worker died) takes it over at once; anything else only once the heartbeat is older
    than ``REPORT_JOB_LEASE_SECONDS``.
    """

    shop = models.ForeignKey(
        Shop, on_delete=models.CASCADE, related_name="report_jobs", verbose_name=_("shop")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(pgettext_lazy("job", "started at"), null=True, blank=True)
    attempt = models.CharField(_("attempt"), max_length=64, blank=True)
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        constraints = [
            models.UniqueConstraint(
                fields=["shop", "year"],
                condition=Q(status__in=["queued", "running"]),
                name="report_job_one_active",
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_job_progress"),
        ]
        indexes = [models.Index(fields=["shop", "year", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.shop} · {self.year} · {self.get_status_display()}"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)


class MonthlyReport(models.Model):
    """A shop's month whose report went to its managers: claimed, in the transaction that
    queues the emails, before they are sent. The constraint is what makes it once: a second run
    or a second worker finds the month taken and sends nothing."""

    shop = models.ForeignKey(
        Shop, on_delete=models.CASCADE, related_name="monthly_reports", verbose_name=_("shop")
    )
    month = models.DateField(_("month"), help_text=_("Its first day."))
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["shop", "-month"]
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")
        constraints = [
            models.UniqueConstraint(fields=["shop", "month"], name="monthly_report_once"),
        ]

    def __str__(self) -> str:
        return f"{self.shop} · {self.month:%Y-%m}"

"""Celery tasks of the reports app: each takes ids, reloads, calls a service; safe to run twice."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from . import services
from .monthly import monthly_reports_send


@shared_task(bind=True, name="reports.annual_snapshot_compute")
def annual_snapshot_compute(self, job_id: int) -> str | None:
    """Compute the annual snapshot of one queued job (see ``services.report_job_run``). The
    task id is the attempt: a redelivery of this message after its worker died takes the job
    over at once."""
    job = services.report_job_run(job_id=job_id, attempt=self.request.id)
    return job.status if job is not None else None


@shared_task(name="reports.requeue_stale_jobs")
def requeue_stale_jobs() -> int:
    """The beat schedule's sweep (see ``services.report_jobs_requeue_stale``)."""
    return services.report_jobs_requeue_stale()


@shared_task(name="reports.annual_snapshots_previous_year")
def annual_snapshots_previous_year(year: int | None = None) -> list[int]:
    """The January-1 schedule: queue last year's snapshot of every shop.

    The schedule fires at 12:30 UTC, when the new year has begun in every time zone, so the
    year before the current UTC year is over everywhere."""
    year = year or timezone.now().year - 1
    return [job.pk for job in services.annual_refresh_all_shops(year=year)]


@shared_task(name="reports.send_monthly_reports")
def send_monthly_reports() -> list[int]:
    """The hourly schedule: each shop's last month, once it is over in the shop's time zone,
    to its managers (see ``monthly.monthly_reports_send``); a month sent before is skipped."""
    return monthly_reports_send()


@shared_task(name="reports.group_comparison_compute")
def group_comparison_compute(group_id: int, start: str, end: str) -> int:
    """A large group's comparison over a period, shop by shop (see
    ``services.group_comparison_compute``)."""
    return services.group_comparison_compute(
        group_id=group_id, start=date.fromisoformat(start), end=date.fromisoformat(end)
    )

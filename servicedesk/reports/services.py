"""Writes of the reports app: asking for a snapshot's (re)computation and running that job.

The page, the API and the January-1 beat task all call ``annual_refresh_request``; the Celery
task calls ``report_job_run``."""

import logging
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from servicedesk.accounts.models import Shop
from servicedesk.errors import Invalid

from .figures import compute_annual
from .models import ACTIVE_STATUSES, AnnualSnapshot, JobStatus, ReportJob
from .permissions import require_refresher

log = logging.getLogger(__name__)

FIRST_YEAR = 2000
YEAR_OUT_OF_RANGE = _("Choose a year from %(first)s to %(last)s.")
JOB_INTERRUPTED = _("The job stopped before it finished; a new one was queued.")


def current_year(shop: Shop) -> int:
    return timezone.now().astimezone(ZoneInfo(shop.timezone)).year


def validate_year(shop: Shop, year: int) -> int:
    last = current_year(shop)
    if not FIRST_YEAR <= year <= last:
        raise Invalid(YEAR_OUT_OF_RANGE % {"first": FIRST_YEAR, "last": last}, field="year")
    return year


def _stale_before():
    """A job running longer than the task time limit was killed with its worker."""
    return timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)


def annual_refresh_request(*, shop: Shop, year: int, by=None) -> ReportJob:
    """Queue the (re)computation of a shop's snapshot for a year; return its job.

    ``by`` is the user asking (checked: a manager of the shop) or None for the scheduler. While
    a job for the same shop and year is queued or running, that job is returned instead of a
    second one (the partial unique constraint makes this hold under concurrent requests too).
    The task is enqueued once the transaction commits.
    """
    if by is not None:
        require_refresher(by, shop_id=shop.pk)
    validate_year(shop, year)
    with transaction.atomic():
        active = (
            ReportJob.objects.select_for_update()
            .filter(shop=shop, year=year, status__in=ACTIVE_STATUSES)
            .first()
        )
        if active is not None and (active.started_at or active.created_at) >= _stale_before():
            return active
        if active is not None:
            active.status = JobStatus.FAILED
            active.error = str(JOB_INTERRUPTED)
            active.finished_at = timezone.now()
            active.save(update_fields=["status", "error", "finished_at"])
        try:
            with transaction.atomic():
                job = ReportJob.objects.create(shop=shop, year=year, requested_by=by)
        except IntegrityError:
            # Another request queued one between our read and our insert: that one stands.
            return ReportJob.objects.get(shop=shop, year=year, status__in=ACTIVE_STATUSES)
        _enqueue(job.pk)
    return job


def _enqueue(job_id: int) -> None:
    from .tasks import annual_snapshot_compute

    # robust: with the broker down the job stays queued and the page still answers.
    transaction.on_commit(lambda: annual_snapshot_compute.delay(job_id), robust=True)


def annual_refresh_all_shops(*, year: int) -> list[ReportJob]:
    """The scheduler's call: one job per shop for ``year``."""
    return [annual_refresh_request(shop=shop, year=year) for shop in Shop.objects.order_by("pk")]


def _claim(job_id: int) -> bool:
    """Mark the job running if it is queued, or running but stale (a redelivered message after
    a worker died). False when it is done, failed, missing, or running elsewhere right now."""
    now = timezone.now()
    claimed = ReportJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=now, progress=1
    )
    if claimed:
        return True
    return bool(
        ReportJob.objects.filter(
            pk=job_id, status=JobStatus.RUNNING, started_at__lt=_stale_before()
        ).update(started_at=now, progress=1)
    )


def _set_progress(job_id: int, percent: int) -> None:
    ReportJob.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(progress=percent)


def annual_snapshot_save(*, shop_id: int, year: int, figures: dict, at=None) -> AnnualSnapshot:
    snapshot, _created = AnnualSnapshot.objects.update_or_create(
        shop_id=shop_id,
        year=year,
        defaults={"figures": figures, "computed_at": at or timezone.now()},
    )
    return snapshot


def report_job_run(*, job_id: int) -> ReportJob | None:
    """Compute the job's snapshot. Safe to run twice: a finished job is left alone, and the
    snapshot is one row per shop and year, replaced, never added."""
    if not _claim(job_id):
        return ReportJob.objects.filter(pk=job_id).first()
    job = ReportJob.objects.select_related("shop").get(pk=job_id)
    try:
        now = timezone.now()
        figures = compute_annual(
            job.shop_id, job.year, now=now, progress=lambda pct: _set_progress(job_id, pct)
        )
        with transaction.atomic():
            annual_snapshot_save(shop_id=job.shop_id, year=job.year, figures=figures, at=now)
            ReportJob.objects.filter(pk=job_id).update(
                status=JobStatus.DONE, progress=100, finished_at=timezone.now(), error=""
            )
    except Exception as exc:  # the page must show a failure, not spin forever
        log.exception("Annual statistics job %s failed", job_id)
        ReportJob.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED,
            finished_at=timezone.now(),
            error=f"{type(exc).__name__}: {exc}"[:2000],
        )
    job.refresh_from_db()
    return job

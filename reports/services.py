"""Writes of the reports app: asking for a snapshot's (re)computation and running that job.

The page, the API and the January-1 beat task all call ``annual_refresh_request``; the Celery
task calls ``report_job_run``."""

import logging
import threading
import uuid
from contextlib import contextmanager
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from servicedesk.accounts.models import Shop, ShopGroup
from servicedesk.db_router import reading_from_replica
from servicedesk.errors import Invalid
from vehicles.services.records import record_get

from . import permissions
from .figures import compute_annual
from .figures.group import shop_figures
from .models import ACTIVE_STATUSES, AnnualSnapshot, JobStatus, ReportJob
from .selectors import group_comparison, group_progress, group_shop_key, group_shop_seconds

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


def _lease() -> timedelta:
    return timedelta(seconds=settings.REPORT_JOB_LEASE_SECONDS)


def _abandoned(job: ReportJob, now) -> bool:
    """A running job whose worker stopped beating for longer than the lease: it was killed."""
    last_sign = job.heartbeat_at or job.started_at or job.created_at
    return job.status == JobStatus.RUNNING and last_sign < now - _lease()


def _unclaimed(job: ReportJob, now) -> bool:
    """A queued job no worker took within the lease: its message may have been lost (asked
    while the broker was away). Sending it again is safe: only one attempt can claim it."""
    return job.status == JobStatus.QUEUED and job.created_at < now - _lease()


def annual_refresh_request(*, shop_pk: int, year: int, user=None) -> ReportJob:
    """Queue the (re)computation of a shop's snapshot for a year; return its job.

    ``user`` is the person asking (checked: a manager of the shop) or None for the scheduler. While
    a job for the same shop and year is queued or running, that job is returned instead of a
    second one (the partial unique constraint makes this hold under concurrent requests too).
    The task is enqueued once the transaction commits. A queued job that no worker took within
    the lease is sent again; a running one whose worker stopped beating is failed and replaced.
    """
    if user is not None:
        permissions.require(user, shop_id=shop_pk, action="refresh")
    shop = record_get(Shop.objects, shop_pk)
    validate_year(shop, year)
    with transaction.atomic():
        active = (
            ReportJob.objects.select_for_update()
            .filter(shop=shop, year=year, status__in=ACTIVE_STATUSES)
            .first()
        )
        now = timezone.now()
        if active is not None and _unclaimed(active, now):
            _enqueue(active.pk)
            return active
        if active is not None and not _abandoned(active, now):
            return active
        if active is not None:
            active.status = JobStatus.FAILED
            active.error = str(JOB_INTERRUPTED)
            active.finished_at = timezone.now()
            active.save(update_fields=["status", "error", "finished_at"])
        try:
            with transaction.atomic():
                job = ReportJob.objects.create(shop=shop, year=year, requested_by=user)
        except IntegrityError:
            # Another request queued one between our read and our insert: that one stands.
            return ReportJob.objects.get(shop=shop, year=year, status__in=ACTIVE_STATUSES)
        _enqueue(job.pk)
    return job


def _enqueue(job_id: int) -> None:
    from .tasks import annual_snapshot_compute  # noqa: PLC0415 — tasks imports services

    # robust: with the broker down the job stays queued and the page still answers.
    transaction.on_commit(lambda: annual_snapshot_compute.delay(job_id), robust=True)


def annual_refresh_all_shops(*, year: int) -> list[ReportJob]:
    """The scheduler's call: one job per shop for ``year``."""
    shops = Shop.objects.order_by("pk").values_list("pk", flat=True)
    return [annual_refresh_request(shop_pk=pk, year=year) for pk in shops]


def report_jobs_requeue_stale(*, now=None) -> int:
    """The beat schedule's sweep: jobs that never reached a worker (queued past the lease) are
    sent again, and jobs whose worker died (no heartbeat within the lease) are queued and sent
    again, as ``messages_requeue_stale`` does for the outbox. Returns how many were sent."""
    now = now or timezone.now()
    stale = now - _lease()
    sent = 0
    for job in ReportJob.objects.filter(status__in=ACTIVE_STATUSES).order_by("pk")[:500]:
        if _unclaimed(job, now):
            _enqueue(job.pk)
            sent += 1
        elif _abandoned(job, now):
            with transaction.atomic():
                released = ReportJob.objects.filter(_dead(stale), pk=job.pk).update(
                    status=JobStatus.QUEUED, attempt="", progress=0, heartbeat_at=None
                )
                if released:
                    log.warning("Annual statistics job %s lost its worker; queued again", job.pk)
                    _enqueue(job.pk)
                    sent += released
    return sent


def _dead(stale) -> Q:
    """Running, and no sign of its worker since ``stale`` (the condition of ``_abandoned``)."""
    return Q(status=JobStatus.RUNNING) & (
        Q(heartbeat_at__lt=stale) | Q(heartbeat_at__isnull=True, started_at__lt=stale)
    )


def _claim(job_id: int, *, attempt: str) -> bool:
    """Mark the job running under ``attempt`` if it is queued; or if it is running under this
    same attempt (the message is redelivered because its worker died: the broker hands a
    message to one worker at a time); or if its holder stopped beating for longer than the
    lease. False when it is done, failed, missing, or held by a live attempt."""
    now = timezone.now()
    takeable = (
        Q(status=JobStatus.QUEUED)
        | Q(status=JobStatus.RUNNING, attempt=attempt)
        | _dead(now - _lease())
    )
    return bool(
        ReportJob.objects.filter(takeable, pk=job_id).update(
            status=JobStatus.RUNNING, attempt=attempt, started_at=now, heartbeat_at=now, progress=1
        )
    )


def _set_progress(job_id: int, percent: int, *, attempt: str) -> None:
    ReportJob.objects.filter(pk=job_id, status=JobStatus.RUNNING, attempt=attempt).update(
        progress=percent, heartbeat_at=timezone.now()
    )


@contextmanager
def _heartbeat(job_id: int, *, attempt: str):
    """Beat the job's heartbeat every quarter lease while the body runs, from a thread, so a
    long query between two progress reports does not look like a dead worker. The thread has
    its own database connection and closes it."""
    stop = threading.Event()

    def beat():
        try:
            while not stop.wait(settings.REPORT_JOB_LEASE_SECONDS / 4):
                try:
                    ReportJob.objects.filter(
                        pk=job_id, status=JobStatus.RUNNING, attempt=attempt
                    ).update(heartbeat_at=timezone.now())
                except DatabaseError:
                    log.warning("Annual statistics job %s: heartbeat not written", job_id)
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name=f"report-job-{job_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def annual_snapshot_save(*, shop_id: int, year: int, figures: dict, at=None) -> AnnualSnapshot:
    snapshot, _created = AnnualSnapshot.objects.update_or_create(
        shop_id=shop_id,
        year=year,
        defaults={"figures": figures, "computed_at": at or timezone.now()},
    )
    return snapshot


def report_job_run(*, job_id: int, attempt: str | None = None) -> ReportJob | None:
    """Compute the job's snapshot as ``attempt`` (the Celery task id; a fresh one if None).

    Safe to run twice: a finished job is left alone, a job held by a live attempt too, and the
    snapshot is one row per shop and year, replaced, never added. An attempt that lost the job
    (taken as dead, then replaced) writes neither its figures nor its outcome."""
    attempt = attempt or uuid.uuid4().hex
    if not _claim(job_id, attempt=attempt):
        return ReportJob.objects.filter(pk=job_id).first()
    job = ReportJob.objects.select_related("shop").get(pk=job_id)
    mine = ReportJob.objects.filter(pk=job_id, status=JobStatus.RUNNING, attempt=attempt)
    try:
        now = timezone.now()
        # The figures from the read replica where there is one (servicedesk/db_router.py): the
        # job's own writes are its bookkeeping (ReportJob), which the figures do not read.
        with _heartbeat(job_id, attempt=attempt), reading_from_replica():
            figures = compute_annual(
                job.shop_id,
                job.year,
                now=now,
                progress=lambda pct: _set_progress(job_id, pct, attempt=attempt),
            )
        with transaction.atomic():
            if mine.update(
                status=JobStatus.DONE, progress=100, finished_at=timezone.now(), error=""
            ):
                annual_snapshot_save(shop_id=job.shop_id, year=job.year, figures=figures, at=now)
    except Exception as exc:  # the page must show a failure, not spin forever
        log.exception("Annual statistics job %s failed", job_id)
        mine.update(
            status=JobStatus.FAILED,
            finished_at=timezone.now(),
            error=f"{type(exc).__name__}: {exc}"[:2000],
        )
    job.refresh_from_db()
    return job


def group_job_key(group, start, end) -> str:
    return f"reports:group-job:{group.pk}:{start.isoformat()}:{end.isoformat()}"


def group_comparison_queue(*, group, start, end) -> None:
    """Queue the job that computes each of the group's shops' figures for the period (the
    comparison is then assembled from them), unless one is on its way: one job per group and
    period, however many readers wait for it. The mark expires with a task's time limit, so a
    job lost with its worker is queued again by the next reader."""
    from .tasks import group_comparison_compute  # noqa: PLC0415 — tasks imports services

    if cache.add(group_job_key(group, start, end), 1, settings.CELERY_TASK_TIME_LIMIT):
        transaction.on_commit(
            lambda: group_comparison_compute.delay(group.pk, start.isoformat(), end.isoformat()),
            robust=True,
        )


def group_comparison_or_progress(*, group, start, end) -> tuple[dict | None, dict | None]:
    """What a reader of the group's comparison gets, page, file or API: ``(comparison, None)``
    when it is at hand, else ``(None, progress)`` with the job queued (once) that computes it
    and how far it got (``selectors.group_progress``)."""
    comparison = group_comparison(group=group, start=start, end=end)
    if comparison is not None:
        return comparison, None
    group_comparison_queue(group=group, start=start, end=end)
    return None, group_progress(group=group, start=start, end=end)


def group_comparison_compute(*, group_id: int, start, end) -> int:
    """The job: each shop of the group whose figures for the period are not in the cache,
    computed (from the replica) and cached at once, so that the page's progress moves; then the
    comparison assembled. Run twice, the second run finds them all and computes nothing.
    Answers how many shops it computed."""
    group = ShopGroup.objects.get(pk=group_id)
    computed = 0
    try:
        for shop in group.shops.all():
            key = group_shop_key(shop, start, end)
            if cache.get(key) is not None:
                continue
            now = timezone.now()
            with reading_from_replica():
                figures = shop_figures(shop, start, end, now=now)
            cache.set(key, {"as_of": now, "figures": figures}, group_shop_seconds())
            computed += 1
        group_comparison(group=group, start=start, end=end)
    finally:
        cache.delete(group_job_key(group, start, end))
    return computed

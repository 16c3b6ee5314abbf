"""Reads of the reports app; every one is scoped to the caller's shops and reporting roles.

The figures (the dashboard's, the quality page's, the group's) are read inside
``reading_from_replica()``: from the read replica where one is configured
(servicedesk/db_router.py). The snapshots and jobs are read from the primary: a page that saw
its job done reads the snapshot the job has just written."""

from datetime import date, datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.models import Complaint
from interactions.models import Interaction
from servicedesk.accounts.selectors import get_for_user
from servicedesk.cache import is_shared
from servicedesk.db_router import reading_from_replica
from servicedesk.errors import Invalid, NotFound
from vehicles.models import WorkOrder

from . import permissions
from .figures import compute_period
from .figures.group import compare, shop_figures
from .figures.quality import DIMENSIONS, complaints_in, compute_quality, key_filter
from .models import AnnualSnapshot, ReportJob
from .quality import BAD_KEY, UNKNOWN_DIMENSION, period_bounds

NOT_COMPUTED = _("The statistics for this year have not been computed yet: refresh them.")


def snapshot_get(*, shop, year: int) -> AnnualSnapshot | None:
    """The shop's snapshot of the year (one per shop and year), its shop the one given: the
    caller read it already, the answer names it without reading it again."""
    snapshot = AnnualSnapshot.objects.filter(shop=shop, year=year).order_by().first()
    if snapshot is not None:
        snapshot.shop = shop
    return snapshot


def snapshot_require(*, shop, year: int) -> AnnualSnapshot:
    snapshot = snapshot_get(shop=shop, year=year)
    if snapshot is None:
        raise NotFound(NOT_COMPUTED, code="not_computed")
    return snapshot


def snapshot_years(*, shop) -> list[int]:
    return list(snapshots_as_of(shop=shop))


def snapshots_as_of(*, shop) -> dict[int, datetime]:
    """The years computed for the shop, newest first, each with the moment it was computed."""
    rows = AnnualSnapshot.objects.filter(shop=shop).order_by("-year")
    return dict(rows.values_list("year", "computed_at"))


def first_year_with_data(*, shop, tz) -> int | None:
    """The first year (in the shop's time zone ``tz``) of any record the statistics count: a
    work order opened, an interaction greeted, a complaint received. Each is the first row of
    a (shop, date) index, not a scan of the shop's records."""
    firsts = [
        model.objects.filter(shop=shop).order_by(field).values_list(field, flat=True).first()
        for model, field in (
            (WorkOrder, "opened_at"),
            (Interaction, "greet_at"),
            (Complaint, "received_at"),
        )
    ]
    firsts = [moment for moment in firsts if moment is not None]
    return min(firsts).astimezone(tz).year if firsts else None


def job_latest(*, shop, year: int) -> ReportJob | None:
    return ReportJob.objects.filter(shop=shop, year=year).order_by("-created_at", "-pk").first()


def job_get_for_user(*, user, pk) -> ReportJob:
    """A job of one of the user's shops, if their role there reads reports (a member of the
    shop, or of a group holding it); 404 otherwise."""
    readable = {shop.pk for shop in permissions.shops(user, "read")}
    job = ReportJob.objects.select_related("shop").filter(pk=pk, shop__in=readable).first()
    if job is None:
        # A member of the shop whose role does not read reports: 403, as before.
        get_for_user(
            ReportJob.objects.select_related("shop"),
            user=user,
            pk=pk,
            roles=permissions.ROLES_FOR["read"],
        )
        raise NotFound()
    return job


def _group_key(group, shops, start: date, end: date) -> str:
    return "reports:group:{}:{}:{}:{}".format(
        group.pk, ",".join(str(shop.pk) for shop in shops), start.isoformat(), end.isoformat()
    )


def group_shop_key(shop, start: date, end: date) -> str:
    """Where one shop's figures of a group comparison are kept (``{"as_of", "figures"}``)."""
    return f"reports:group-shop:v1:{shop.pk}:{start.isoformat()}:{end.isoformat()}"


def group_shop_seconds() -> int:
    """How long a shop's figures are kept: the comparison's time, and long enough to outlive
    the job that computes a large group shop by shop (at most a task's time limit)."""
    return settings.QUALITY_CACHE_SECONDS + settings.CELERY_TASK_TIME_LIMIT


def group_comparison(*, group, start: date, end: date) -> dict | None:
    """The group's shops side by side over the period (``figures.group.compare``), with
    ``as_of``: when the oldest shop's figures were computed. Kept in the cache for
    ``QUALITY_CACHE_SECONDS``, as the same question asked again within minutes gets the same
    answer; each shop's figures are kept too, so a comparison reuses those computed already.
    None when more than ``GROUP_INLINE_SHOPS`` (a setting) shops are still to compute: the
    caller queues the job (``services.group_comparison_queue``) and shows ``group_progress``."""
    shops = list(group.shops.all())
    key = _group_key(group, shops, start, end)
    cached = cache.get(key)
    if cached is not None:
        return cached
    keys = {shop.pk: group_shop_key(shop, start, end) for shop in shops}
    found = cache.get_many(list(keys.values()))
    missing = [shop for shop in shops if keys[shop.pk] not in found]
    # More than GROUP_INLINE_SHOPS to compute: a job on the reports queue computes them shop by
    # shop (``services.group_comparison_queue``) while the page shows how far it got; each shop
    # costs the dashboard's twenty-odd queries, and a dealer group may hold hundreds. Only where
    # the worker's cache is the web's (one shared cache, or tasks run in this process): with a
    # cache per process (the embedded default) the job's figures would never reach the page, so
    # the request computes them.
    if len(missing) > settings.GROUP_INLINE_SHOPS and _jobs_reach_the_page():
        return None
    now = timezone.now()
    fresh = {}
    with reading_from_replica():
        for shop in missing:
            fresh[keys[shop.pk]] = {
                "as_of": now,
                "figures": shop_figures(shop, start, end, now=now),
            }
    if fresh:
        cache.set_many(fresh, group_shop_seconds())
    found.update(fresh)
    entries = [found[keys[shop.pk]] for shop in shops]
    comparison = {
        **compare(shops, [entry["figures"] for entry in entries], start, end),
        "as_of": min((entry["as_of"] for entry in entries), default=now),
    }
    cache.set(key, comparison, settings.QUALITY_CACHE_SECONDS)
    return comparison


def _jobs_reach_the_page() -> bool:
    return is_shared() or getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False)


def group_progress(*, group, start: date, end: date) -> dict:
    """How many of the group's shops have their figures for the period computed already."""
    keys = [group_shop_key(shop, start, end) for shop in group.shops.all()]
    return {"done": len(cache.get_many(keys)), "total": len(keys)}


def period_headline(shop, start: datetime, end: datetime, *, now: datetime) -> dict:
    """The headline figures of ``shop`` over any period with the same period a year earlier
    (``figures.compute_period``): the dashboard's year so far."""
    with reading_from_replica():
        return compute_period(shop, start, end, now=now)


def _quality_key(shop, start: date, end: date) -> str:
    return f"reports:quality:v1:{shop.pk}:{start.isoformat()}:{end.isoformat()}"


def quality_report(shop, start: date, end: date, *, refresh: bool = False) -> dict:
    """The quality figures of ``shop`` from ``start`` to ``end`` (dates, inclusive) as
    ``{"as_of": moment, "figures": ...}``: from the cache while they are younger than
    ``QUALITY_CACHE_SECONDS``, else (or when ``refresh``) computed now and cached. ``as_of`` is
    the moment they were computed; the labels are put in the reader's language by
    ``reports.quality.labelled``."""
    key = _quality_key(shop, start, end)
    if not refresh:
        cached = cache.get(key)
        if cached is not None:
            return {"as_of": datetime.fromisoformat(cached["as_of"]), "figures": cached["figures"]}
    now = timezone.now()
    begin, until = period_bounds(shop, start, end)
    with reading_from_replica():
        figures = compute_quality(shop, begin, until, now=now)
    cache.set(key, {"as_of": now.isoformat(), "figures": figures}, settings.QUALITY_CACHE_SECONDS)
    return {"as_of": now, "figures": figures}


def quality_complaints(shop, start: date, end: date, *, by: str, key: str, view: str = ""):
    """The complaints behind one bar of the quality page: the period's complaints of ``shop``
    whose key in dimension ``by`` is ``key`` (``none``, ``other`` included), newest first, with
    what a row shows joined and their money (``money``). Invalid for an unknown dimension or a
    key that cannot be one of it. ``view`` "amount": the bar is the money Pareto's (its
    ``other`` leaves out the ten costliest keys)."""
    dimension = DIMENSIONS.get(by)
    if dimension is None:
        raise Invalid(UNKNOWN_DIMENSION % {"choices": ", ".join(DIMENSIONS)}, field="by")
    begin, until = period_bounds(shop, start, end)
    order = "amount" if view == "amount" else "count"
    qs = complaints_in(shop, begin, until)
    qs = key_filter(qs, dimension, key, order) if key else None
    if qs is None:
        raise Invalid(BAD_KEY, field="key")
    return qs.select_related("technician", "supplier").order_by("-received_at", "-pk")

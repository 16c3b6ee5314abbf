"""Reads of the reports app; every one is scoped to the caller's shops and reporting roles."""

from django.utils.translation import gettext_lazy as _

from servicedesk.accounts.selectors import get_for_user
from servicedesk.errors import NotFound

from .models import AnnualSnapshot, ReportJob
from .permissions import READERS

NOT_COMPUTED = _("The statistics for this year have not been computed yet: refresh them.")


def snapshot_get(*, shop, year: int) -> AnnualSnapshot | None:
    return AnnualSnapshot.objects.filter(shop=shop, year=year).first()


def snapshot_require(*, shop, year: int) -> AnnualSnapshot:
    snapshot = snapshot_get(shop=shop, year=year)
    if snapshot is None:
        raise NotFound(NOT_COMPUTED, code="not_computed")
    return snapshot


def snapshot_years(*, shop) -> list[int]:
    return list(
        AnnualSnapshot.objects.filter(shop=shop).order_by("-year").values_list("year", flat=True)
    )


def job_latest(*, shop, year: int) -> ReportJob | None:
    return ReportJob.objects.filter(shop=shop, year=year).order_by("-created_at", "-pk").first()


def job_get_for_user(*, user, pk) -> ReportJob:
    """A job of one of the user's shops, if their role there reads reports; 404 otherwise."""
    return get_for_user(
        ReportJob.objects.select_related("shop"), user=user, pk=pk, roles=tuple(READERS)
    )

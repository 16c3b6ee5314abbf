"""Reads of the reports app; every one is scoped to the caller's shops and reporting roles."""

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from complaints.models import Complaint
from interactions.models import Interaction
from servicedesk.accounts.selectors import get_for_user
from servicedesk.errors import NotFound
from vehicles.models import WorkOrder

from . import permissions
from .models import AnnualSnapshot, ReportJob

NOT_COMPUTED = _("The statistics for this year have not been computed yet: refresh them.")


def snapshot_get(*, shop, year: int) -> AnnualSnapshot | None:
    return AnnualSnapshot.objects.filter(shop=shop, year=year).first()


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
    """A job of one of the user's shops, if their role there reads reports; 404 otherwise."""
    return get_for_user(
        ReportJob.objects.select_related("shop"),
        user=user,
        pk=pk,
        roles=permissions.ROLES_FOR["read"],
    )

"""Warranty on delivered work: which lines of a vehicle's earlier orders still cover it (a new
order on such a vehicle is flagged as a possible comeback)."""

import calendar
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from ..models import Vehicle, WorkOrderLine, WorkOrderStatus

S = WorkOrderStatus


def add_months(when: datetime, months: int) -> datetime:
    month = when.month - 1 + months
    year = when.year + month // 12
    month = month % 12 + 1
    day = min(when.day, calendar.monthrange(year, month)[1])
    return when.replace(year=year, month=month, day=day)


@dataclass(frozen=True)
class WarrantyCover:
    line: WorkOrderLine
    until_date: datetime | None
    until_km: int | None


def line_warranty_cover(
    line: WorkOrderLine, *, now: datetime, km: int | None
) -> WarrantyCover | None:
    """Whether a delivered line is still under warranty. With both a period and a distance, the
    warranty ends at whichever comes first; with one, by that one."""
    wo = line.work_order
    if wo.status != S.DELIVERED or not wo.delivered_at:
        return None
    if wo.delivered_at > now:
        # Asked about a moment before this work was delivered (an order opened ``at`` a time
        # in the past): it did not cover the car yet.
        return None
    until_date = add_months(wo.delivered_at, line.warranty_months) if line.warranty_months else None
    base_km = wo.mileage_out if wo.mileage_out is not None else wo.mileage_in
    until_km = base_km + line.warranty_km if line.warranty_km and base_km is not None else None
    if until_date is None and until_km is None:
        return None
    if until_date is not None and now > until_date:
        return None
    if until_km is not None and km is not None and km > until_km:
        return None
    return WarrantyCover(line=line, until_date=until_date, until_km=until_km)


def vehicle_warranty_covers(
    *, vehicle: Vehicle, now: datetime | None = None, km: int | None = None, exclude_pk=None
) -> list[WarrantyCover]:
    """Lines of the vehicle's delivered work still under warranty, most recent order first."""
    now = now or timezone.now()
    km = vehicle.mileage if km is None else km
    lines = (
        WorkOrderLine.objects.filter(work_order__vehicle=vehicle, work_order__status=S.DELIVERED)
        .filter(Q(warranty_months__gt=0) | Q(warranty_km__gt=0))
        .select_related("work_order")
        .order_by("-work_order__delivered_at", "pk")
    )
    if exclude_pk:
        lines = lines.exclude(work_order_id=exclude_pk)
    covers = []
    for line in lines:
        cover = line_warranty_cover(line, now=now, km=km)
        if cover:
            covers.append(cover)
    return covers

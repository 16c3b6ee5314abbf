"""Pausing a complaint's clocks (waiting for parts, for the customer) and resuming them."""

from datetime import datetime

from django.db import transaction

from servicedesk.dates import happened_at
from servicedesk.errors import Conflict, Invalid

from .. import permissions as rules
from ..models import Complaint, ComplaintPause, HistoryKind, PauseReason
from .common import bump, locked, log, set_clocks
from .errors import PAUSE_REASON_REQUIRED, STALE_COPY, VERSION_REQUIRED
from .guards import guard_pausable, guard_resumable


def _check_version(complaint: Complaint, version) -> None:
    if version is None:
        raise Invalid(VERSION_REQUIRED, field="version")
    if int(version) != complaint.version:
        raise Conflict(STALE_COPY, code="stale")


@transaction.atomic
def complaint_pause(
    *,
    pk: int,
    user,
    version: int | None,
    reason: str,
    note: str = "",
    at: datetime | None = None,
) -> Complaint:
    """Stop the complaint's clocks from ``at`` (now unless said): not late, not escalated, until
    ``complaint_resume``. Refused on a closed complaint and on one already paused."""
    complaint = locked(pk)
    rules.require_complaint_handler(user, complaint=complaint)
    _check_version(complaint, version)
    guard_pausable(complaint)
    if reason not in PauseReason.values:
        raise Invalid(PAUSE_REASON_REQUIRED, field="reason")
    at = happened_at(at)
    note = (note or "").strip()
    ComplaintPause.objects.create(
        complaint=complaint, reason=reason, note=note, started_at=at, started_by=user
    )
    complaint.paused_since = at
    complaint.pause_reason = reason
    bump(complaint, ["paused_since", "pause_reason"])
    label = PauseReason(reason).label
    log(
        complaint,
        kind=HistoryKind.PAUSED,
        by=user,
        note=f"{label}" + (f" · {note}" if note else ""),
        changes={"reason": reason, "text": note},
        at=at,
    )
    return complaint


@transaction.atomic
def complaint_resume(
    *, pk: int, user, version: int | None, at: datetime | None = None
) -> Complaint:
    """Restart the clocks: the running ones' due times move on by the business time the pause
    lasted (``set_clocks`` counts every ended pause)."""
    complaint = locked(pk)
    rules.require_complaint_handler(user, complaint=complaint)
    _check_version(complaint, version)
    guard_resumable(complaint)
    end_running_pause(complaint, user=user, at=happened_at(at))
    return complaint


def end_running_pause(complaint: Complaint, *, user, at: datetime) -> None:
    """Precondition: the complaint's row is locked and its clocks are paused."""
    pause = ComplaintPause.objects.select_for_update().get(
        complaint=complaint, ended_at__isnull=True
    )
    pause.ended_at = max(at, pause.started_at)
    pause.ended_by = user
    pause.save(update_fields=["ended_at", "ended_by"])
    before = (complaint.first_response_due, complaint.resolution_due)
    set_clocks(complaint)
    complaint.paused_since = None
    complaint.pause_reason = ""
    bump(complaint, ["paused_since", "pause_reason", "first_response_due", "resolution_due"])
    changes = {}
    for name, old, new in zip(
        ("first_response_due", "resolution_due"),
        before,
        (complaint.first_response_due, complaint.resolution_due),
        strict=True,
    ):
        if old != new:
            changes[name] = [old.isoformat(), new.isoformat()]
    log(complaint, kind=HistoryKind.RESUMED, by=user, changes=changes, at=pause.ended_at)

"""Seed 003 §6 and seed 002 ("be transparent about the next steps and provide a realistic
timeframe"): the customer is told, in their language, where their complaint stands and when it
is expected to be resolved — when it is logged and again each time it moves. Once per state
entered (a reopening starts again), never for an internal nonconformity."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import formats, timezone, translation

from servicedesk.outbox.models import MessageKind
from servicedesk.outbox.services import customer_message

from ..models import RESOLVED_STATES, Complaint, Source, State
from .common import policy_for_shop


def expected_resolution(complaint: Complaint, *, now: datetime) -> datetime | None:
    """The time to tell the customer: the complaint's resolution due while it is ahead; once
    it has passed (the complaint runs late), not a time already gone but the next one the shop
    can keep — now plus the first-response target of its severity, the time within which the
    shop undertakes to come back to a customer. None once it is resolved."""
    if complaint.state in RESOLVED_STATES:
        return None
    if complaint.resolution_due > now:
        return complaint.resolution_due
    return now + policy_for_shop(complaint.shop_id).response_delta(complaint.severity)


def _when(moment: datetime, *, complaint: Complaint, language: str) -> str:
    """The date in the customer's language and the time on the 24-hour clock: English's
    "2 p.m." would end the template's sentence twice ("by Dec. 14, 2026, 2 p.m..")."""
    local = timezone.localtime(moment, timezone=_zone(complaint))
    with translation.override(language):
        return f"{formats.date_format(local, 'DATE_FORMAT')} {local:%H:%M}"


def _zone(complaint):
    return ZoneInfo(complaint.shop.timezone) if complaint.shop.timezone else None


def complaint_tell_customer(complaint: Complaint, *, at: datetime | None = None) -> bool:
    """Queue the progress message of the state ``complaint`` is in now, once (the key is the
    complaint, its reopening and the state). False when there is no one to tell, or no
    address, or it was told before."""
    if complaint.source == Source.INTERNAL or complaint.customer_id is None:
        return False
    customer = complaint.customer
    language = customer.preferred_language or "en"
    due = expected_resolution(complaint, now=at or timezone.now())
    key = f"complaint-progress:{complaint.pk}:{complaint.reopen_count}:{complaint.state}"
    sent = customer_message(
        customer=customer,
        kind=MessageKind.COMPLAINT_PROGRESS,
        key=key,
        context={
            "shop": complaint.shop.name,
            "number": complaint.number,
            "state": State(complaint.state).label,
            "due": _when(due, complaint=complaint, language=language) if due else "",
        },
        responsible=complaint.received_by,
        vehicle_id=complaint.vehicle_id,
        at=at,
    )
    return sent is not None

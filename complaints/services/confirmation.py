"""The customer's confirmation of the remedies."""

from datetime import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation

from servicedesk.dates import happened_at
from servicedesk.errors import Conflict, Invalid
from servicedesk.signatures import signature_png
from vehicles.models import COUNTER_METHODS, AuthorizationMethod

from .. import permissions as rules
from ..models import Complaint, HistoryKind, RemedyStatus
from .common import bump, locked, log
from .errors import CONFIRM_METHOD, CONFIRM_NAME_REQUIRED, GUARD_PENDING, GUARD_REMEDY
from .guards import guard_confirm_state


@transaction.atomic
def complaint_confirm(
    *,
    pk: int,
    user,
    signed_name: str,
    signature: str | None = None,
    method: str = AuthorizationMethod.IN_PERSON,
    at: datetime | None = None,
) -> Complaint:
    """The customer's printed name, the time and how they confirmed: in person with a signature
    drawn on the screen (required then), or by phone or message (no signature)."""
    complaint = locked(pk)
    rules.require_complaint_handler(user, complaint=complaint)
    if method not in dict(COUNTER_METHODS):
        raise Invalid(CONFIRM_METHOD, field="method")
    signed_name = (signed_name or "").strip()
    if not signed_name:
        raise Invalid(CONFIRM_NAME_REQUIRED, field="signed_name")
    png = signature_png(signature, required=method == AuthorizationMethod.IN_PERSON)
    guard_confirm_state(complaint)
    remedies = list(complaint.remedies.all())
    if any(r.status == RemedyStatus.PENDING for r in remedies):
        raise Conflict(GUARD_PENDING, code="guard_pending")
    if not any(r.agreed for r in remedies):
        raise Conflict(GUARD_REMEDY, code="guard_remedy")
    complaint.confirmed_name = signed_name[:120]
    complaint.confirmed_at = happened_at(at)
    complaint.confirmation_recorded_by = user
    complaint.confirmation_language = (
        (complaint.customer.preferred_language if complaint.customer_id else "")
        or translation.get_language()
        or ""
    )
    fields = ["confirmed_name", "confirmed_at", "confirmation_recorded_by", "confirmation_language"]
    if png is not None:
        complaint.confirmation_signature.save(
            f"{complaint.number}-{complaint.confirmed_at:%Y%m%d%H%M%S}.png",
            ContentFile(png),
            save=False,
        )
        fields.append("confirmation_signature")
    elif complaint.confirmation_signature:
        complaint.confirmation_signature = ""
        fields.append("confirmation_signature")
    bump(complaint, fields)
    log(
        complaint,
        kind=HistoryKind.CONFIRMED,
        by=user,
        note=signed_name,
        changes={"signed": png is not None, "method": method},
        at=complaint.confirmed_at,
    )
    return complaint

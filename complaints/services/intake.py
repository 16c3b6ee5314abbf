"""Opening a complaint: at the counter, by the API, or from a customer's escalation."""

from django.db import transaction
from django.utils import translation

from servicedesk.accounts.models import Shop
from servicedesk.dates import happened_at
from servicedesk.errors import Invalid
from servicedesk.notifications import messages
from servicedesk.numbering import number_allocate
from vehicles.services.records import record_get

from .. import permissions as rules
from .. import texts
from ..models import Complaint, ComplaintChannel, HistoryKind, Severity, Source, State
from .common import check_links, links_load, log, notify, set_clocks
from .errors import FIELD_REQUIRED
from .progress import complaint_tell_customer


@transaction.atomic
def complaint_open(
    *,
    shop_pk: int,
    customer_words: str,
    channel: str = "",
    user=None,
    source: str = Source.DIRECT,
    severity: str = Severity.NORMAL,
    requested_remedy: str = "",
    at=None,
    customer_pk: int | None = None,
    customer_name: str = "",
    vehicle_pk: int | None = None,
    work_order_pk: int | None = None,
    work_order_line_pk: int | None = None,
    technician_pk: int | None = None,
    interaction_pk: int | None = None,
) -> Complaint:
    """Open a complaint received ``at`` (now unless said), taken in by ``user`` (recorded as
    ``received_by``). ``user`` None is a system intake (a survey job); a person must be a
    handler of the shop, or for an internal nonconformity (``source="internal"``, seed 003 §1)
    any employee of it — who is then its raiser, and no customer need be named. The records it
    names are given by id; each must be of the shop
    (``check_links``)."""
    return _complaint_open(
        shop=record_get(Shop.objects, shop_pk),
        customer_words=customer_words,
        channel=channel,
        user=user,
        source=source,
        severity=severity,
        requested_remedy=requested_remedy,
        at=at,
        customer_name=customer_name,
        **links_load(
            customer_pk=customer_pk,
            vehicle_pk=vehicle_pk,
            work_order_pk=work_order_pk,
            work_order_line_pk=work_order_line_pk,
            technician_pk=technician_pk,
            interaction_pk=interaction_pk,
        ),
    )


def _complaint_open(
    *,
    shop: Shop,
    customer_words: str,
    channel: str,
    user=None,
    source: str = Source.DIRECT,
    severity: str = Severity.NORMAL,
    requested_remedy: str = "",
    at=None,
    customer=None,
    customer_name: str = "",
    vehicle=None,
    work_order=None,
    work_order_line=None,
    technician=None,
    interaction=None,
    escalation=None,
    received_by=None,
    acknowledged: bool = False,
) -> Complaint:
    """``complaint_open`` with its records loaded (an escalation's, already in hand);
    ``received_by`` when not ``user`` (the advisor who escalated: no role check then).
    ``acknowledged``: the caller answers the customer itself (a complaint by email is answered
    on its own thread), so the customer is not also sent the intake's progress message."""
    if source not in Source.values:
        raise Invalid(FIELD_REQUIRED, field="source")
    if user is not None:
        rules.require(user, shop_id=shop.pk, action=rules.intake_action(source))
    if not (customer_words or "").strip():
        raise Invalid(FIELD_REQUIRED, field="customer_words")
    if source == Source.INTERNAL and not channel:
        channel = ComplaintChannel.IN_PERSON  # found in the shop, reported there
    if channel not in ComplaintChannel.values:
        raise Invalid(FIELD_REQUIRED, field="channel")
    if severity not in Severity.values:
        raise Invalid(FIELD_REQUIRED, field="severity")
    check_links(
        shop.pk,
        customer=customer,
        vehicle=vehicle,
        work_order=work_order,
        work_order_line=work_order_line,
        technician=technician,
        interaction=interaction,
    )
    if work_order_line is not None:
        work_order = work_order or work_order_line.work_order
        technician = technician or work_order_line.technician
    if work_order is not None:
        customer = customer or work_order.customer
        vehicle = vehicle or work_order.vehicle
    if vehicle is not None and customer is None:
        customer = vehicle.owner
    received_at = happened_at(at)
    numbered = number_allocate(shop=shop, kind="C", when=received_at)
    complaint = Complaint(
        shop=shop,
        year=numbered.year,
        sequence=numbered.sequence,
        number=numbered.number,
        source=source,
        channel=channel,
        customer=customer,
        customer_name=customer_name if customer is None else "",
        vehicle=vehicle,
        work_order=work_order,
        work_order_line=work_order_line,
        technician=technician,
        interaction=interaction,
        escalation=escalation,
        customer_words=customer_words.strip(),
        requested_remedy=requested_remedy,
        received_by=received_by or user,
        received_at=received_at,
        severity=severity,
    )
    set_clocks(complaint)
    complaint.save()
    log(
        complaint,
        kind=HistoryKind.OPENED,
        by=user,
        to_state=State.RECEIVED,
        note=Source(source).label,
        changes={"source": source},
        at=received_at,
    )
    notify(
        rules.told_at_intake(complaint),
        complaint,
        kind="complaint_logged",
        message=texts.COMPLAINT_LOGGED,
        key=f"logged:{complaint.pk}",
        params={
            "source": messages.choice(complaint, "source"),
            "words": complaint.customer_words[:1000],
        },
        at=received_at,
    )
    if not acknowledged:
        complaint_tell_customer(complaint, at=at)
    return complaint


_INTERACTION_CHANNELS = {
    "walk_in": ComplaintChannel.IN_PERSON,
    "phone": ComplaintChannel.PHONE,
    "message": ComplaintChannel.MESSAGE,
    "email": ComplaintChannel.EMAIL,
}


@transaction.atomic
def _complaint_open_from_escalation(*, escalation) -> Complaint:
    """The complaint for a `not_satisfied` escalation, prefilled from its interaction.
    Idempotent: the escalation's complaint if it already has one."""
    existing = Complaint.objects.filter(escalation=escalation).first()
    if existing is not None:
        return existing
    interaction = escalation.interaction
    words = interaction.satisfaction_words or escalation.reason
    if not words:
        # Only a score: the report (the shop's document) says so in the shop's language.
        with translation.override(escalation.shop.language):
            words = escalation.display_reason
    complaint = _complaint_open(
        shop=escalation.shop,
        customer_words=words,
        channel=_INTERACTION_CHANNELS.get(interaction.channel, ComplaintChannel.IN_PERSON),
        user=None,
        source=Source.INTERACTION,
        at=escalation.raised_at,
        customer=interaction.customer,
        customer_name=interaction.walk_in_name,
        vehicle=interaction.vehicle,
        work_order=interaction.work_order,
        interaction=interaction,
        escalation=escalation,
        # The advisor who escalated received it; no role check: the escalation happened.
        received_by=escalation.raised_by,
    )
    return complaint


def complaint_open_if_not_satisfied(*, escalation) -> None:
    """Registered with interactions.hooks: a customer not satisfied at `keep` opens a complaint."""
    if escalation.kind == "not_satisfied":
        _complaint_open_from_escalation(escalation=escalation)

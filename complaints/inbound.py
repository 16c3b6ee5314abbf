"""Complaints by email (registered with ``interactions.inbound`` in ``AppConfig.ready()``):
a message to the shop's complaints address opens a complaint at ``received`` and acknowledges
it to the customer; a reply on a complaint's thread (its acknowledgement, an earlier message
of it, or its number in the subject) goes onto that complaint instead of opening another."""

from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

from interactions.inbound import Claim, register_claim_kind, register_claimer, register_followers
from interactions.models import CommunicationChannel, CommunicationKind, InboundPurpose
from servicedesk.outbox.models import Channel, MessageKind
from servicedesk.outbox.services import customer_message

from .models import Complaint, ComplaintChannel, HistoryKind, Source, State
from .permissions import managers_to_tell_of_lateness
from .selectors import CLAIM_KIND
from .services.common import log
from .services.intake import _complaint_open

ACK_KEY = "complaint-ack:%s"


def _thread_complaint(message, thread) -> Complaint | None:
    shop_complaints = Complaint.objects.filter(shop_id=message.shop_id).select_related(
        "received_by", "customer"
    )
    if thread.inbound is not None and thread.inbound.claimed_as == CLAIM_KIND:
        return shop_complaints.filter(pk=thread.inbound.claimed_ref).first()
    if thread.outbound is not None and thread.outbound.key.startswith(ACK_KEY % ""):
        ref = thread.outbound.key.removeprefix(ACK_KEY % "")
        return shop_complaints.filter(pk=int(ref)).first() if ref.isdigit() else None
    # The number in the subject ("Re: C-2026-0007 …"): the subject's words, punctuation aside.
    words = {w.strip("[](){}<>:;,.#·【】（）：") for w in (message.subject or "").split()}
    words.discard("")
    if not words:
        return None
    found = shop_complaints.filter(number__in=words)
    if message.customer_id:  # a number alone is not proof enough to file on another's complaint
        found = found.filter(customer_id=message.customer_id)
    return found.first() if len(words) < 50 else None


def _handlers(complaint: Complaint) -> tuple:
    if complaint.received_by_id:
        return (complaint.received_by,)
    return tuple(managers_to_tell_of_lateness(shop_id=complaint.shop_id))


def claim_inbound(*, message, thread, address) -> Claim | None:
    """A complaint's reply goes onto it; a new mail to the complaints address opens one."""
    if message.shop_id is None:
        return None
    complaint = _thread_complaint(message, thread)
    if complaint is not None:
        log(
            complaint,
            kind=HistoryKind.CUSTOMER_WROTE,
            by=None,
            note=message.body or message.subject,
            at=message.received_at,
        )
        return Claim(
            kind=CLAIM_KIND,
            ref=complaint.pk,
            url=reverse("complaints:detail", args=[complaint.pk]),
            notify=_handlers(complaint),
            log_kind=CommunicationKind.CONCERN,
        )
    is_complaints_mail = (
        address is not None
        and address.purpose == InboundPurpose.COMPLAINTS
        and message.channel == CommunicationChannel.EMAIL
    )
    if not is_complaints_mail:
        return None
    complaint = _complaint_open(
        shop=address.shop,
        customer_words=message.body or message.subject or "—",
        channel=ComplaintChannel.EMAIL,
        source=Source.DIRECT,
        at=message.received_at,
        customer=message.customer,
        customer_name=(message.sender_name or message.sender)[:120],
        acknowledged=True,
    )
    _acknowledge(complaint, message=message)
    return Claim(
        kind=CLAIM_KIND,
        ref=complaint.pk,
        url=reverse("complaints:detail", args=[complaint.pk]),
        notify=tuple(managers_to_tell_of_lateness(shop_id=complaint.shop_id)),
        log_kind=CommunicationKind.CONCERN,
    )


def _acknowledge(complaint: Complaint, *, message) -> None:
    """The automatic answer, to the address the complaint came from, in the customer's
    language (the shop's for someone not on file): the number and when we answer by."""
    shop = complaint.shop
    customer = message.customer
    addressee = SimpleNamespace(
        pk=customer.pk if customer else None,
        name=customer.name if customer else (message.sender_name or message.sender),
        email=message.sender,
        phone="",
        preferred_channel=Channel.EMAIL,
        preferred_language=(customer.preferred_language if customer else "") or shop.language,
        shop_id=shop.pk,
    )
    due = timezone.localtime(complaint.first_response_due, ZoneInfo(shop.timezone))
    customer_message(
        customer=addressee,
        kind=MessageKind.COMPLAINT_RECEIVED,
        key=ACK_KEY % complaint.pk,
        context={
            "shop": shop.name,
            "number": complaint.number,
            "due": due.strftime("%Y-%m-%d %H:%M"),
            "subject": message.subject,
        },
        channel=Channel.EMAIL,
        vehicle_id=complaint.vehicle_id,
    )


def open_complaint_handlers(*, customer) -> list:
    """Whoever took in one of the customer's open complaints is told when the customer writes."""
    complaints = Complaint.objects.filter(customer=customer).exclude(state=State.CLOSED)
    return [c.received_by for c in complaints.select_related("received_by") if c.received_by_id]


def _describe(ref: int):
    number = Complaint.objects.filter(pk=ref).values_list("number", flat=True).first()
    if number is None:
        return None
    return number, reverse("complaints:detail", args=[ref])


def register() -> None:
    register_claimer(claim_inbound)
    register_followers(open_complaint_handlers)
    register_claim_kind(CLAIM_KIND, _describe)

"""Messages customers send in: recorded once, matched to a shop and a customer, filed on the
communication log, and told to the staff who follow the customer; what cannot be matched waits
in the shop's inbox until someone files it.

Every way in ends in ``inbound_receive``: the email webhook (django-anymail's ``inbound``
signal), the IMAP mailbox (``manage.py fetch_mail``) and the text-message webhook (the SMS
backend's ``parse_inbound``). Emails are read by ``inbound_email_receive`` with anymail's
``AnymailInboundMessage`` (the standard library's MIME parser): no header is parsed by hand.
"""

import contextlib
import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime

from anymail.inbound import AnymailInboundMessage
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from servicedesk.accounts.models import Membership, Role
from servicedesk.errors import Conflict, Invalid
from servicedesk.limits import NARRATIVE
from servicedesk.notifications.services import notification_send
from servicedesk.outbox.models import OutboundMessage
from servicedesk.outbox.sms import InboundSms
from servicedesk.phones import DEFAULT_COUNTRY, phone_e164
from servicedesk.uploads import PHOTO_FORMATS, ImageRule, image_format, video_format
from vehicles.models import Customer, Vehicle
from vehicles.services.records import record_get

from .. import inbound as hooks
from .. import permissions, texts
from ..models import (
    AttachmentRefused,
    CommunicationChannel,
    CommunicationKind,
    CommunicationLog,
    Direction,
    InboundAddress,
    InboundAttachment,
    InboundMessage,
    InboundStatus,
    Interaction,
)

log = logging.getLogger("servicedesk.inbound")

NOTIFICATION_KIND = "inbound_message"
ALREADY_FILED = _("This message is already filed to a customer.")
CUSTOMER_OTHER_SHOP = _("Choose a customer of the shop the message came to.")
NOT_INBOUND_CHANNEL = "An inbound message comes by email or text message, not %r."

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_REFUSED_TYPE = AttachmentRefused.TYPE.label
ATTACHMENT_TOO_LARGE = AttachmentRefused.SIZE.label
_PHOTO_RULE = ImageRule(
    formats=PHOTO_FORMATS,
    max_bytes=ATTACHMENT_MAX_BYTES,
    max_side=10_000,
    field="attachments",
    not_image=ATTACHMENT_REFUSED_TYPE,
    too_large=ATTACHMENT_TOO_LARGE,
)


@dataclass(frozen=True)
class Attached:
    name: str
    content: bytes


# ---------------------------------------------------------------- receiving


def inbound_email_receive(
    *,
    message: AnymailInboundMessage | bytes,
    provider: str,
    provider_id: str = "",
    recipients: tuple[str, ...] = (),
) -> tuple[InboundMessage, bool]:
    """An email as the provider or the mailbox delivered it (parsed, or its raw bytes).
    ``recipients``: the envelope's, tried before the To and Cc headers."""
    raw = message if isinstance(message, bytes) else None
    if raw is not None:
        message = AnymailInboundMessage.parse_raw_mime_bytes(raw)
    sender = message.from_email
    addresses = [*recipients]
    for header in ("to", "cc"):
        addresses += [a.addr_spec for a in getattr(message, header)]
    if getattr(message, "envelope_recipient", None):
        addresses.insert(0, message.envelope_recipient)
    text = message.text
    if text is None and message.html is not None:
        text = strip_tags(message.html)
    message_id = (message["Message-ID"] or "").strip()
    if not message_id and not provider_id:
        # Neither the sender nor the provider named it: its content is its identity.
        provider_id = hashlib.sha256(raw or message.as_bytes()).hexdigest()
    return inbound_receive(
        channel=CommunicationChannel.EMAIL,
        provider=provider,
        provider_id=provider_id,
        message_id=message_id,
        sender=sender.addr_spec if sender else "",
        sender_name=sender.display_name if sender else "",
        recipients=tuple(addresses),
        subject=message.subject or "",
        text=text or "",
        in_reply_to=(message["In-Reply-To"] or "").strip(),
        references=tuple((message["References"] or "").split()),
        attachments=tuple(
            Attached(name=a.get_filename() or "attachment", content=a.get_content_bytes() or b"")
            for a in message.attachments
        ),
        received_at=message.date,
    )


def inbound_sms_receive(*, provider: str, sms: InboundSms) -> tuple[InboundMessage, bool]:
    """A text message as the SMS backend read it from its provider's webhook."""
    sender = sms.sender
    with contextlib.suppress(Invalid):  # an unreadable number is kept as sent, unmatched
        sender = phone_e164(sender, country=DEFAULT_COUNTRY)
    return inbound_receive(
        channel=CommunicationChannel.SMS,
        provider=provider,
        provider_id=sms.id,
        sender=sender,
        recipients=(sms.to,),
        text=sms.text,
    )


@transaction.atomic
def inbound_receive(
    *,
    channel: str,
    provider: str,
    provider_id: str,
    sender: str,
    text: str,
    sender_name: str = "",
    recipients: tuple[str, ...] = (),
    subject: str = "",
    message_id: str = "",
    in_reply_to: str = "",
    references: tuple[str, ...] = (),
    attachments: tuple[Attached, ...] = (),
    received_at: datetime | None = None,
) -> tuple[InboundMessage, bool]:
    """Record a message once and file it where it belongs. Returns (the message, whether it
    is new): a second delivery of the same message (its Message-ID, or the provider's id)
    returns the first row and records, files and tells nothing again."""
    if channel not in (CommunicationChannel.EMAIL, CommunicationChannel.SMS):
        raise ValueError(NOT_INBOUND_CHANNEL % channel)
    key = f"{channel}:{message_id}" if message_id else f"{channel}:{provider}:{provider_id}"
    key = key if len(key) <= 255 else f"{channel}:sha256:{hashlib.sha256(key.encode()).hexdigest()}"
    existing = InboundMessage.objects.filter(key=key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            message = InboundMessage.objects.create(
                key=key,
                channel=channel,
                provider=provider[:40],
                message_id=message_id[:255],
                sender=sender[:254],
                sender_name=sender_name[:120],
                recipient=(recipients[0] if recipients else "")[:254],
                subject=subject[:255],
                body=text.strip(),
                in_reply_to=in_reply_to[:255],
                references=" ".join(references),
                received_at=received_at or timezone.now(),
            )
    except IntegrityError:  # the same message, delivered twice at once
        return InboundMessage.objects.get(key=key), False
    _keep_attachments(message, attachments)
    thread = _thread(message, ids=[in_reply_to, *references])
    address = _address(channel, recipients)
    message.shop_id = _shop_id(message, thread=thread, address=address)
    message.customer = _customer(message, thread=thread)
    if address is not None:  # the one of ours among the To, Cc and envelope addresses
        message.recipient = address.address
    message.save(update_fields=["shop", "customer", "recipient"])
    claim = hooks.claim(message=message, thread=thread, address=address)
    if claim is not None:
        message.claimed_as, message.claimed_ref = claim.kind, claim.ref
        message.save(update_fields=["claimed_as", "claimed_ref"])
    if message.customer is not None:
        _file(message, thread=thread, claim=claim)
    elif claim is not None:  # taken up (a complaint from someone not on file): told now
        _tell(message, interaction=None, claim=claim)
    log.info(
        "inbound %s %s: shop %s, customer %s", channel, key, message.shop_id, message.customer_id
    )
    return message, True


def _keep_attachments(message: InboundMessage, attachments) -> None:
    """Each file kept if its bytes are a photo, a video or a PDF of at most 10 MB; a refused
    one is noted by name and reason, and the rest of the message is kept all the same."""
    for attached in attachments:
        row = InboundAttachment(
            message=message, name=attached.name[:255], size=len(attached.content)
        )
        try:
            row.content_type = attachment_type(attached.content)
        except Invalid as refused:
            too_large = refused.message is ATTACHMENT_TOO_LARGE
            row.refused = AttachmentRefused.SIZE if too_large else AttachmentRefused.TYPE
        else:
            row.file.save(attached.name, ContentFile(attached.content), save=False)
        row.save()


def attachment_type(content: bytes) -> str:
    """The content type of an emailed file, from its bytes; Invalid when it is not allowed."""
    if len(content) > ATTACHMENT_MAX_BYTES:
        raise Invalid(ATTACHMENT_TOO_LARGE, field="attachments")
    if content.startswith(b"%PDF-"):
        return "application/pdf"
    video = video_format(content[:16])
    if video is not None:
        return video
    return image_format(content, _PHOTO_RULE)


def _thread(message: InboundMessage, *, ids: list[str]) -> hooks.Thread:
    ids = [i for i in ids if i]
    if not ids:
        return hooks.Thread()
    outbound = OutboundMessage.objects.filter(message_id__in=ids).order_by("-created_at").first()
    earlier = (
        InboundMessage.objects.filter(message_id__in=ids)
        .exclude(pk=message.pk)
        .order_by("-received_at")
        .first()
    )
    return hooks.Thread(outbound=outbound, inbound=earlier)


def _address(channel: str, recipients) -> InboundAddress | None:
    wanted = []
    for recipient in recipients:
        recipient = (recipient or "").strip()
        if channel == CommunicationChannel.SMS:
            with contextlib.suppress(Invalid):  # a short code is compared as it came
                recipient = phone_e164(recipient, country=DEFAULT_COUNTRY)
        wanted.append(recipient.lower())
    if not wanted:
        return None
    matches = Q()
    for address in wanted:
        matches |= Q(address__iexact=address)
    found = {a.address.lower(): a for a in InboundAddress.objects.filter(matches)}
    return next((found[w] for w in wanted if w in found), None)


def _shop_id(message: InboundMessage, *, thread: hooks.Thread, address) -> int | None:
    if address is not None:
        return address.shop_id
    if thread.outbound is not None:
        return thread.outbound.shop_id
    if thread.inbound is not None and thread.inbound.shop_id:
        return thread.inbound.shop_id
    # Sent to no address of ours we know: the shop of the only customer it can be.
    shops = set(_senders(message, Customer.objects.all()).values_list("shop_id", flat=True)[:2])
    return shops.pop() if len(shops) == 1 else None


def _senders(message: InboundMessage, customers):
    if message.channel == CommunicationChannel.EMAIL:
        return (
            customers.filter(email__iexact=message.sender) if message.sender else customers.none()
        )
    return customers.filter(phone=message.sender) if message.sender else customers.none()


def _customer(message: InboundMessage, *, thread: hooks.Thread) -> Customer | None:
    if message.shop_id is None:
        return None
    customers = Customer.objects.filter(shop_id=message.shop_id)
    if thread.outbound is not None and thread.outbound.customer_ref:
        found = customers.filter(pk=thread.outbound.customer_ref).first()
        if found is not None:
            return found
    if thread.inbound is not None and thread.inbound.customer_id:
        found = customers.filter(pk=thread.inbound.customer_id).first()
        if found is not None:
            return found
    matches = list(_senders(message, customers)[:2])
    # Two customers with one address (a couple's shared email): a person decides.
    return matches[0] if len(matches) == 1 else None


def _open_interaction(customer) -> Interaction | None:
    return (
        Interaction.objects.filter(customer=customer, closed_at__isnull=True)
        .select_related("advisor")
        .order_by("-greet_at")
        .first()
    )


def _file(message: InboundMessage, *, thread: hooks.Thread, claim, user=None, vehicle=None):
    """The log entry for a message whose customer is known, and the staff told of it."""
    customer = message.customer
    interaction = _open_interaction(customer)
    if vehicle is None and thread is not None and thread.outbound is not None:
        vehicle_ref = thread.outbound.vehicle_ref
        vehicle = Vehicle.objects.filter(pk=vehicle_ref, shop_id=customer.shop_id).first()
    if vehicle is None and interaction is not None:
        vehicle = interaction.vehicle
    summary = "\n\n".join(part for part in (message.subject, message.body) if part)
    message.communication = CommunicationLog.objects.create(
        shop_id=customer.shop_id,
        customer=customer,
        vehicle=vehicle,
        interaction=interaction,
        direction=Direction.INBOUND,
        channel=message.channel,
        kind=(claim.log_kind if claim else CommunicationKind.INQUIRY),
        summary=(summary or "—")[:NARRATIVE],
        by=None,  # the customer wrote it
        at=message.received_at,
    )
    message.status = InboundStatus.FILED
    message.filed_by = user
    message.filed_at = timezone.now()
    message.save(update_fields=["communication", "status", "filed_by", "filed_at"])
    _tell(message, interaction=interaction, claim=claim, except_user=user)


def _tell(message: InboundMessage, *, interaction, claim, except_user=None) -> None:
    users = list(claim.notify) if claim and claim.notify else []
    if not users and message.customer is not None:
        users = hooks.followers(customer=message.customer)
    if not users and interaction is not None and interaction.advisor_id:
        users = [interaction.advisor]
    if not users:
        users = [
            m.user
            for m in Membership.objects.filter(
                shop_id=message.shop_id, role=Role.MANAGER
            ).select_related("user")
        ]
    url = (claim.url if claim and claim.url else "") or reverse(
        "interactions:inbox-detail", args=[message.pk]
    )
    for user in users:
        if except_user is not None and user.pk == except_user.pk:
            continue
        notification_send(
            recipient=user,
            shop_id=message.shop_id,
            kind=NOTIFICATION_KIND,
            message=texts.INBOUND_MESSAGE,
            params={
                "customer": (
                    message.customer.name
                    if message.customer
                    else message.sender_name or message.sender
                ),
                "channel": {
                    "choice": "interactions.inboundmessage.channel",
                    "value": message.channel,
                },
                "excerpt": (message.subject or message.body)[:200],
            },
            url=url,
            key=f"inbound:{message.pk}",
        )


# ---------------------------------------------------------------- the inbox


@transaction.atomic
def inbound_message_file(
    *, user, pk: int, customer_pk: int, vehicle_pk: int | None = None
) -> InboundMessage:
    """File a message from the inbox to a customer: its log entry is recorded now, as written
    by the customer, and their followers are told. A message filed before is refused."""
    message = record_get(InboundMessage.objects.select_for_update(), pk)
    permissions.require(user, shop_id=message.shop_id, action="log")
    if message.status != InboundStatus.INBOX or message.communication_id:
        raise Conflict(ALREADY_FILED)
    customer = Customer.objects.filter(pk=customer_pk, shop_id=message.shop_id).first()
    if customer is None:
        raise Invalid(CUSTOMER_OTHER_SHOP, field="customer")
    vehicle = None
    if vehicle_pk:
        vehicle = Vehicle.objects.filter(pk=vehicle_pk, shop_id=message.shop_id).first()
        if vehicle is None:
            raise Invalid(CUSTOMER_OTHER_SHOP, field="vehicle")
    message.customer = customer
    message.save(update_fields=["customer"])
    _file(message, thread=None, claim=None, user=user, vehicle=vehicle)
    return message

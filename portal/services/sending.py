"""Sending a visit's link to the customer through the outbox, in their language, on their
channel or the one the advisor chose (email, text message, or both); re-sending is sending
again: the same live link, a new message."""

from datetime import datetime

from django.db import transaction
from django.utils import formats, timezone, translation

from servicedesk.dates import happened_at
from servicedesk.errors import Invalid
from servicedesk.outbox.models import Channel, MessageKind, OutboundMessage
from servicedesk.outbox.services import customer_channel, customer_message
from vehicles.models import WorkOrder
from vehicles.services.records import record_locked

from .. import permissions
from ..models import CustomerLink, LinkEventKind
from . import errors as E
from .links import customer_link_create, event_record, link_url

BOTH = "both"
# What the advisor may choose: None is the customer's own channel (their preferred one where
# we have the address).
CHANNELS = (None, Channel.EMAIL, Channel.SMS, BOTH)


def _channels(customer, channel: str | None) -> list[str | None]:
    if channel not in CHANNELS:
        raise Invalid(E.NO_ADDRESS_ON_CHANNEL, field="channel")
    if channel is None:
        if customer_channel(customer) is None:
            raise Invalid(E.NO_ADDRESS, field="channel")
        return [None]
    wanted = [Channel.EMAIL, Channel.SMS] if channel == BOTH else [channel]
    reachable = [c for c in wanted if customer_channel(customer, channel=c) is not None]
    if not reachable:
        raise Invalid(E.NO_ADDRESS_ON_CHANNEL, field="channel")
    return reachable


@transaction.atomic
def customer_link_send(
    *, user, work_order_pk: int, channel: str | None = None, at: datetime | None = None
) -> tuple[CustomerLink, list[OutboundMessage]]:
    """Send the visit's live link (created where it has none) to the customer: (link, the
    messages queued). Invalid when the customer has no address on the channel asked for."""
    now = happened_at(at)
    work_order = record_locked(
        WorkOrder.objects.select_related("customer", "vehicle", "shop"), work_order_pk
    )
    permissions.require(user, shop_id=work_order.shop_id, action="send")
    customer = work_order.customer
    channels = _channels(customer, channel)
    link = customer_link_create(user=user, work_order_pk=work_order_pk, at=now)
    language = customer.preferred_language or "en"
    with translation.override(language):
        expires = formats.date_format(timezone.localtime(link.expires_at), "DATE_FORMAT")
    # A re-send is a new message: the key counts the link's sends so far.
    sends = link.events.filter(kind=LinkEventKind.SENT).count()
    sent = []
    for number, chosen in enumerate(channels, start=1):
        message = customer_message(
            customer=customer,
            kind=MessageKind.CUSTOMER_LINK,
            key=f"customer-link:{link.pk}:{sends + 1}:{number}",
            responsible=work_order.advisor,
            vehicle_id=work_order.vehicle_id,
            channel=chosen,
            context={
                "shop": work_order.shop.name,
                "vehicle": str(work_order.vehicle),
                "work_order": work_order.number,
                "url": link_url(link),
                "expires": expires,
            },
        )
        if message is not None:
            sent.append(message)
    event_record(
        link=link,
        kind=LinkEventKind.SENT,
        user=user,
        note=", ".join(str(m.get_channel_display()) for m in sent),
        at=now,
    )
    return link, sent

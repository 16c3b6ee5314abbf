"""The customer writes to the shop from their link: the message lands on the communication
log (inbound, channel "the customer's link", the visit's vehicle and work order) and the
advisor is notified in the app."""

from datetime import datetime

from django.db import transaction
from django.urls import reverse

from interactions.models import CommunicationChannel, CommunicationKind, Direction
from interactions.services import communication_log
from servicedesk.dates import happened_at
from servicedesk.errors import Invalid
from servicedesk.limits import NOTE
from servicedesk.notifications.services import notification_send
from vehicles.services.records import record_locked

from .. import texts
from ..models import CustomerLink, LinkEventKind
from . import errors as E
from .links import event_record, guard_link_live

CUSTOMER_MESSAGE = "customer_message"  # the in-app notification's kind


@transaction.atomic
def customer_link_message(*, link_pk: int, body: str, at: datetime | None = None):
    """Log the customer's message and tell the advisor. The link must still answer (the page
    resolved it; a revoke in between refuses). Returns the CommunicationLog row."""
    now = happened_at(at)
    body = (body or "").strip()
    if not body:
        raise Invalid(E.MESSAGE_EMPTY, field="body")
    if len(body) > NOTE:
        raise Invalid(E.MESSAGE_TOO_LONG, field="body")
    link = record_locked(
        CustomerLink.objects.select_related(
            "work_order__customer", "work_order__vehicle", "work_order__advisor"
        ),
        link_pk,
    )
    guard_link_live(link, now=now)
    work_order = link.work_order
    # user None: no member of staff logged it; the row's empty "by" says the customer wrote it.
    entry = communication_log(
        user=None,
        customer_pk=work_order.customer_id,
        direction=Direction.INBOUND,
        channel=CommunicationChannel.LINK,
        kind=CommunicationKind.INQUIRY,
        summary=body,
        vehicle_pk=work_order.vehicle_id,
        work_order_pk=work_order.pk,
        at=now,
    )
    event_record(link=link, kind=LinkEventKind.MESSAGE, by_customer=True, note=body, at=now)
    notification_send(
        recipient=work_order.advisor,
        shop_id=work_order.shop_id,
        kind=CUSTOMER_MESSAGE,
        message=texts.CUSTOMER_MESSAGE,
        params={
            "customer": work_order.customer.name,
            "work_order": work_order.number,
            "words": body,
        },
        url=reverse("vehicles:work-order-detail", args=[work_order.pk]),
    )
    return entry

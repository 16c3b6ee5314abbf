"""What the customer decides on their link: the inspection's lines and the authorization of the
work order. Each goes through the vehicles service the counter uses, as the customer (no staff
user), and lands in the link's append-only record in the same transaction.

The link's row is locked first: two phones submitting at once queue, and the second finds the
items decided (or the lines authorized) and is refused with the service's message."""

from django.db import transaction

from vehicles.models import AuthorizationMethod
from vehicles.services import inspection_decide_on_link, work_order_authorize
from vehicles.services.records import record_locked

from ..models import CustomerLink, LinkEventKind
from .links import event_record, guard_link_live


def _live_link(link_pk: int) -> CustomerLink:
    link = record_locked(CustomerLink.objects, link_pk)
    guard_link_live(link)
    return link


@transaction.atomic
def link_inspection_decide(
    *, link_pk: int, decisions: dict[int, str], signed_name: str, signature: str
) -> list:
    """The customer's approve / decline / defer on items of their visit's inspection, signed."""
    link = _live_link(link_pk)
    items = inspection_decide_on_link(
        work_order_pk=link.work_order_id,
        decisions=decisions,
        signed_name=signed_name,
        signature=signature,
    )
    for item in items:
        event_record(
            link=link,
            kind=LinkEventKind(item.decision),
            by_customer=True,
            note=f"{item.name}: {item.recommended_job} ({item.price})",
        )
    return items


@transaction.atomic
def link_authorize(*, link_pk: int, signed_name: str, signature: str, version: int | None):
    """The customer's signed authorization of the work order's lines not yet authorized, with
    the same rule as at the counter (``work_order_authorize``): no work starts before it."""
    link = _live_link(link_pk)
    auth = work_order_authorize(
        user=None,
        pk=link.work_order_id,
        method=AuthorizationMethod.LINK,
        authorized_by_name=signed_name,
        signature=signature,
        version=version,
    )
    event_record(link=link, kind=LinkEventKind.SIGNED, by_customer=True, note=f"{auth.amount}")
    return auth

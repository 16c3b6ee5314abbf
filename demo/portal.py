"""Demo customer link: the demo visit that is in the workshop now has a live link to its
status page, and ``seed_demo`` prints its URL with the logins, so the customer's side can be
opened on a phone (or a narrow window) without sending anything. Seeding again reuses the live
link. The URL starts with ``SITE_URL``: `make run` prints it once the server runs, at the
address it serves."""

from django.db import transaction

from demo.accounts import DEMO_SHOP_CODE
from portal import services
from vehicles.models import WorkOrder, WorkOrderStatus

# The visit shown: the first demo work order in the first of these states.
SHOWN = (WorkOrderStatus.IN_PROGRESS, WorkOrderStatus.AUTHORIZED, WorkOrderStatus.READY)


def _shown_visit(shop_filter: dict) -> WorkOrder | None:
    for status in SHOWN:
        visit = WorkOrder.objects.filter(**shop_filter, status=status).order_by("pk").first()
        if visit is not None:
            return visit
    return None


@transaction.atomic
def seed(ctx) -> None:
    visit = _shown_visit({"shop": ctx.shop})
    if visit is not None:
        services.customer_link_create(user=ctx.users["advisor"], work_order_pk=visit.pk)


def shown_link_url() -> str | None:
    """The URL of the shown demo visit's live link (None before the demo is seeded, or once
    the visit has moved on or its link was revoked)."""
    visit = _shown_visit({"shop__code": DEMO_SHOP_CODE})
    link = None if visit is None else services.live_link_for(visit.pk)
    return None if link is None else services.link_url(link)

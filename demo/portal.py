"""Demo customer link: the demo visit that is in the workshop now has a live link to its
status page, and ``seed_demo`` prints its URL with the logins, so the customer's side can be
opened on a phone (or a narrow window) without sending anything. Seeding again reuses the live
link. The URL starts with ``SITE_URL``: `make run` prints it once the server runs, at the
address it serves."""

from django.db import transaction
from django.utils import timezone

from demo.accounts import DEMO_SHOP_CODE
from portal import services
from portal.models import CustomerLink
from vehicles.models import WorkOrder, WorkOrderStatus

# The visit shown: the first demo work order still open with an inspection (its link shows the
# inspection to decide and the authorization to sign), else the first in the workshop.
SHOWN = (WorkOrderStatus.IN_PROGRESS, WorkOrderStatus.AUTHORIZED, WorkOrderStatus.READY)


def _shown_visit(shop) -> WorkOrder | None:
    visits = WorkOrder.objects.filter(shop=shop).order_by("pk")
    inspected = visits.filter(status=WorkOrderStatus.OPEN, inspections__isnull=False).first()
    if inspected is not None:
        return inspected
    for status in SHOWN:
        visit = visits.filter(status=status).first()
        if visit is not None:
            return visit
    return None


@transaction.atomic
def seed(ctx) -> None:
    visit = _shown_visit(ctx.shop)
    if visit is not None:
        services.customer_link_create(user=ctx.users["advisor"], work_order_pk=visit.pk)


def shown_link_url() -> str | None:
    """The URL of the demo's first live link: the one ``seed`` made (None before the demo is
    seeded, or once it was revoked or has expired: `make run` seeds a new one)."""
    now = timezone.now()
    link = (
        CustomerLink.objects.filter(
            shop__code=DEMO_SHOP_CODE, revoked_at__isnull=True, expires_at__gt=now
        )
        .order_by("pk")
        .first()
    )
    return None if link is None else services.link_url(link)

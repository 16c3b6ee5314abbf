"""Demo customer link: the demo visit that is in the workshop now has a live link to its
status page, and ``seed_demo`` prints its URL, so the customer's side can be opened on a phone
(or a narrow window) without sending anything. Seeding again reuses the live link."""

from django.db import transaction

from portal import services
from vehicles.models import WorkOrder, WorkOrderStatus

# The visit shown: the first demo work order in the first of these states.
SHOWN = (WorkOrderStatus.IN_PROGRESS, WorkOrderStatus.AUTHORIZED, WorkOrderStatus.READY)


@transaction.atomic
def seed(ctx) -> None:
    for status in SHOWN:
        visit = WorkOrder.objects.filter(shop=ctx.shop, status=status).order_by("pk").first()
        if visit is not None:
            break
    else:
        return
    link = services.customer_link_create(user=ctx.users["advisor"], work_order_pk=visit.pk)
    ctx.extra["customer_link_url"] = services.link_url(link)

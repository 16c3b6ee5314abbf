from django.db.models import QuerySet

from . import permissions
from .models import MessageStatus, OutboundMessage


def watched_shop_ids(user) -> set[int]:
    return {shop.pk for shop in permissions.shops(user, "watch")}


def messages_for_user(*, user, status: str | None = None) -> QuerySet:
    """Outbound messages of the shops where the user talks to customers."""
    qs = OutboundMessage.objects.filter(shop_id__in=watched_shop_ids(user)).select_related(
        "shop", "responsible", "recipient"
    )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-pk")


def failed_messages_for_user(*, user) -> QuerySet:
    return messages_for_user(user=user, status=MessageStatus.FAILED)

from django.db.models import QuerySet

from servicedesk.accounts.selectors import memberships_for_user

from .models import MessageStatus, OutboundMessage
from .permissions import MESSAGE_WATCHERS


def watched_shop_ids(user) -> set[int]:
    return {m.shop_id for m in memberships_for_user(user) if m.role in MESSAGE_WATCHERS}


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

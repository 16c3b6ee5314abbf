from django.db.models import QuerySet

from .models import Notification


def notifications_for_user(*, user, unread_only: bool = False) -> QuerySet:
    qs = Notification.objects.filter(recipient=user).select_related("shop")
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs


def unread_count(*, user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()

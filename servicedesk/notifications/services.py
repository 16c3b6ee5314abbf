from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from servicedesk.dates import after_the_fact
from servicedesk.errors import NotFound

from . import messages
from .models import Notification

UNKNOWN_MESSAGE = "No message is defined under %r: define it with messages.define."


def notification_send(
    *,
    recipient,
    shop_id: int,
    kind: str,
    message: str,
    params: dict | None = None,
    url: str = "",
    key: str = "",
    at: datetime | None = None,
) -> Notification | None:
    """Store an in-app notification: ``message``, a key ``messages.define`` registered, and its
    ``params`` (JSON), put into words in each reader's language when read. With a ``key``, a
    second send for the same recipient and key stores nothing and returns None (safe for jobs
    that run twice). With ``at`` past, in history written after the fact (``after_the_fact``),
    it is stored as sent and read then: history does not ring the bell today."""
    params = params or {}
    with translation.override(settings.LANGUAGE_CODE):
        words = messages.render(message, params)
    if words is None:
        raise LookupError(UNKNOWN_MESSAGE % message)
    title, body = words
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient,
                shop_id=shop_id,
                kind=kind,
                title=title[:200],
                body=body,
                url=url,
                key=key,
                message=message,
                params=params,
            )
    except IntegrityError:
        if key and Notification.objects.filter(recipient=recipient, key=key).exists():
            return None
        raise
    if after_the_fact(at):
        notification.created_at = notification.read_at = at
        notification.save(update_fields=["created_at", "read_at"])
    return notification


def notification_mark_read(*, user, pk: int) -> Notification:
    try:
        notification = Notification.objects.get(pk=pk, recipient=user)
    except (Notification.DoesNotExist, ValueError):
        raise NotFound() from None
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notification_mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )

from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from servicedesk.errors import NotFound

from .models import Notification


def notification_send(
    *,
    recipient,
    shop_id: int,
    kind: str,
    title: str | Callable[[], str],
    body: str | Callable[[], str] = "",
    url: str = "",
    key: str = "",
) -> Notification | None:
    """Store an in-app notification. With a ``key``, a second send for the same recipient and
    key stores nothing and returns None (safe for jobs that run twice).

    ``title`` and ``body`` may be callables that build the text with gettext: they are then
    rendered in every language of the site, and each reader sees their own language. A plain
    string is shown as given (a customer's own words)."""
    translations = {}
    if callable(title) or callable(body):
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                translations[code] = {
                    "title": str(title() if callable(title) else title)[:200],
                    "body": str(body() if callable(body) else body),
                }
        with translation.override(settings.LANGUAGE_CODE):
            title = title() if callable(title) else title
            body = body() if callable(body) else body
    try:
        with transaction.atomic():
            return Notification.objects.create(
                recipient=recipient,
                shop_id=shop_id,
                kind=kind,
                title=str(title)[:200],
                body=str(body),
                url=url,
                key=key,
                translations=translations,
            )
    except IntegrityError:
        if key and Notification.objects.filter(recipient=recipient, key=key).exists():
            return None
        raise


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

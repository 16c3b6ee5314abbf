"""Sending: queue a message once per key, deliver it with back-off, give up visibly.

The delivery task (``tasks.deliver_message``) calls ``message_attempt``; every other app calls
``customer_message``, ``staff_alert`` or ``message_queue`` and never sends by itself."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import make_msgid, parseaddr
from importlib import import_module

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from servicedesk.accounts.models import Membership, Role, Shop
from servicedesk.accounts.selectors import get_for_user, language_for
from servicedesk.dates import after_the_fact
from servicedesk.errors import Conflict
from servicedesk.notifications import messages
from servicedesk.notifications.services import notification_send

from . import permissions, sms, texts
from .models import (
    Channel,
    MessageStatus,
    MessageTemplate,
    OutboundAttachment,
    OutboundMessage,
    Reminder,
    ReminderSettings,
)

FAILED_NOTIFICATION = "message_failed"  # the in-app notification's kind
NOT_FAILED = _("Only a message that failed can be sent again.")
NO_TEMPLATE = "No message template for %s in %s or en."
# The data migrations that install the default words, oldest first.
SHIPPED_TEMPLATES = (
    "0002_default_templates",
    "0006_customer_link_template",
    "0007_inbound_replies",
    "0008_complaint_progress_template",
    "0009_monthly_report_attachments",
)


# --- back-off --------------------------------------------------------------------------------


def max_attempts() -> int:
    return settings.OUTBOX_MAX_ATTEMPTS


def backoff_seconds(attempts: int) -> int:
    """Seconds to wait after the ``attempts``-th failed attempt: base × 2^(attempts-1), capped.

    The cap stays below the broker's visibility timeout, so a waiting retry is never handed to
    a second worker as if it were lost."""
    base = settings.OUTBOX_RETRY_BASE_SECONDS
    return min(base * 2 ** max(attempts - 1, 0), settings.OUTBOX_RETRY_MAX_SECONDS)


# --- templates -------------------------------------------------------------------------------


def template_for(*, kind: str, language: str) -> MessageTemplate:
    found = {t.language: t for t in MessageTemplate.objects.filter(kind=kind)}
    template = found.get(language) or found.get("en")
    if template is None:
        # The rows were removed (a flushed database, an admin's delete): the shipped defaults,
        # the same words the data migration installs, so a message is never dropped for that.
        shipped = {}
        for migration in SHIPPED_TEMPLATES:
            shipped.update(import_module(f"servicedesk.outbox.migrations.{migration}").TEMPLATES)
        words = shipped.get(kind, {})
        words = words.get(language) or words.get("en")
        if words is None:
            raise LookupError(NO_TEMPLATE % (kind, language))
        subject, body, sms_body = words
        return MessageTemplate(
            kind=kind, language=language, subject=subject, body=body, sms_body=sms_body
        )
    return template


def render(*, kind: str, language: str, context: dict) -> tuple[str, str, str]:
    """(subject, email body, text message) of a kind in a language, as plain text."""
    template = template_for(kind=kind, language=language)
    ctx = Context(context, autoescape=False)
    with translation.override(language):
        return tuple(
            Template(source).render(ctx).strip()
            for source in (template.subject, template.body, template.sms_body or template.body)
        )


# --- queueing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    content_type: str


def message_queue(
    *,
    shop_id: int,
    key: str,
    kind: str,
    channel: str,
    to: str,
    language: str,
    subject: str,
    body: str,
    to_name: str = "",
    recipient=None,
    responsible=None,
    customer_ref: int | None = None,
    vehicle_ref: int | None = None,
    at: datetime | None = None,
    attachments: tuple[Attachment, ...] = (),
) -> OutboundMessage | None:
    """Store a message and deliver it after commit. A key stored before returns None and
    sends nothing: callers that run twice (jobs, redelivered tasks) send once. With ``at`` past,
    in history written after the fact (``after_the_fact``), it is stored as sent then and
    nothing is delivered now. ``attachments`` go with an email (a text message has none)."""
    try:
        with transaction.atomic():
            message = OutboundMessage.objects.create(
                shop_id=shop_id,
                key=key[:160],
                kind=kind,
                channel=channel,
                to=to,
                to_name=to_name[:120],
                language=language,
                subject=subject[:200],
                body=body,
                recipient=recipient,
                responsible=responsible,
                customer_ref=customer_ref,
                vehicle_ref=vehicle_ref,
                message_id=new_message_id() if channel == Channel.EMAIL else "",
                next_attempt_at=timezone.now(),
            )
            if channel == Channel.EMAIL:
                OutboundAttachment.objects.bulk_create(
                    OutboundAttachment(
                        message=message,
                        filename=a.filename,
                        content_type=a.content_type,
                        content=a.content,
                    )
                    for a in attachments
                )
    except IntegrityError:
        if OutboundMessage.objects.filter(key=key[:160]).exists():
            return None
        raise
    if after_the_fact(at):
        message.created_at = message.sent_at = at
        message.status, message.next_attempt_at = MessageStatus.SENT, None
        message.save(update_fields=["created_at", "sent_at", "status", "next_attempt_at"])
        return message
    _enqueue(message.pk)
    return message


def new_message_id() -> str:
    """A fresh Message-ID on the sender's domain (``<…@shop.example>``)."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "servicedesk.local"
    return make_msgid(domain=domain)


def _enqueue(pk: int) -> None:
    from .tasks import deliver_message  # noqa: PLC0415 — tasks imports services

    # robust: with the broker down the message stays queued (committed) and the page answers;
    # messages_requeue_stale sends it once the broker is back.
    transaction.on_commit(lambda: deliver_message.delay(pk), robust=True)


def customer_channel(customer, *, channel: str | None = None) -> tuple[str, str] | None:
    """(channel, address) to reach a customer: their preferred one where we have the address,
    else email, else a text message; None when we have neither. With ``channel``, that one
    only (None when the customer has no address there)."""
    email, phone = (customer.email or "").strip(), (customer.phone or "").strip()
    if channel is not None:
        address = {Channel.EMAIL: email, Channel.SMS: phone}.get(channel)
        return (channel, address) if address else None
    if customer.preferred_channel == Channel.SMS and phone:
        return Channel.SMS, phone
    if customer.preferred_channel == Channel.EMAIL and email:
        return Channel.EMAIL, email
    if email:
        return Channel.EMAIL, email
    if phone:
        return Channel.SMS, phone
    return None


def customer_message(
    *,
    customer,
    kind: str,
    key: str,
    context: dict,
    responsible=None,
    vehicle_id: int | None = None,
    channel: str | None = None,
    at: datetime | None = None,
) -> OutboundMessage | None:
    """Write ``kind`` to a customer (duck-typed: pk, name, email, phone, preferred_channel,
    preferred_language, shop_id) in their language on their channel (or on ``channel``). None
    when the key was used before or the customer has no address. The message is filed under
    the customer (and ``vehicle_id``): their communication log lists it."""
    reach = customer_channel(customer, channel=channel)
    if reach is None:
        return None
    channel, address = reach
    language = customer.preferred_language or "en"
    subject, body, text = render(
        kind=kind, language=language, context={"customer": customer.name, **context}
    )
    return message_queue(
        shop_id=customer.shop_id,
        key=key,
        kind=kind,
        channel=channel,
        to=address,
        to_name=customer.name,
        language=language,
        subject=subject if channel == Channel.EMAIL else "",
        body=body if channel == Channel.EMAIL else text,
        responsible=responsible,
        customer_ref=customer.pk,
        vehicle_ref=vehicle_id,
        at=at,
    )


def staff_alert(
    *,
    user,
    shop: Shop,
    kind: str,
    message: str,
    key: str,
    context: dict,
    url: str = "",
    at: datetime | None = None,
) -> bool:
    """Tell a member of staff: an in-app notification, ``message`` (a key of
    ``notifications.messages``) with ``context`` as its parameters, put into words in the
    language they read it in; and, where they have an address, an email from the shop's
    template of ``kind`` in the language they chose (the shop's when they chose none).
    ``context`` holds JSON values and the typed ones of ``messages`` (dates, choices, fixed
    texts). False when the key was used before."""
    stored = notification_send(
        recipient=user,
        shop_id=shop.pk,
        kind=kind,
        message=message,
        params=context,
        url=url,
        key=key,
        at=at,
    )
    if stored is None:
        return False
    if user.email:
        language = language_for(user=user, shop=shop)
        # The email carries the full address (it is read outside the site).
        link = settings.SITE_URL + url if url.startswith("/") else url
        with translation.override(language):
            words = messages.localized(context)
        subject, body, _text = render(
            kind=kind, language=language, context={"shop": shop.name, "url": link, **words}
        )
        message_queue(
            shop_id=shop.pk,
            key=f"{key}:email:{user.pk}",
            kind=kind,
            channel=Channel.EMAIL,
            to=user.email,
            to_name=user.get_full_name() or user.username,
            language=language,
            subject=subject,
            body=body,
            recipient=user,
            at=at,
        )
    return True


# --- delivery --------------------------------------------------------------------------------


def _send(message: OutboundMessage) -> None:
    if message.channel == Channel.EMAIL:
        email = EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.to],
            headers={"Message-ID": message.message_id} if message.message_id else None,
        )
        for attachment in message.attachments.all():
            email.attach(attachment.filename, bytes(attachment.content), attachment.content_type)
        email.send(fail_silently=False)
    else:
        sms.get_backend().send(to=message.to, body=message.body)


@transaction.atomic
def message_attempt(*, pk: int) -> OutboundMessage | None:
    """One delivery attempt, under the message's row lock so two workers never both send it;
    the send is recorded in the transaction that made it. On SQLite the lock is the database's
    write lock, taken when the transaction begins (IMMEDIATE, settings/env.py): the record after
    the send cannot fail on "database is locked" and leave a sent message queued, to go twice.

    A message that is not queued (sent, failed, or gone) is left alone: a redelivered task
    sends nothing twice. A failed attempt records the error and either the next attempt's time
    or, after the last one, the failure, which is shown to the advisor responsible."""
    message = OutboundMessage.objects.select_for_update().filter(pk=pk).first()
    if message is None or message.status != MessageStatus.QUEUED:
        return message
    message.attempts += 1
    now = timezone.now()
    try:
        _send(message)
    except Exception as exc:  # any backend error: SMTP, HTTP, a provider's refusal
        message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        if message.attempts >= max_attempts():
            message.status = MessageStatus.FAILED
            message.failed_at = now
            message.next_attempt_at = None
            _tell_of_failure(message)
        else:
            message.next_attempt_at = now + timedelta(seconds=backoff_seconds(message.attempts))
    else:
        message.status = MessageStatus.SENT
        message.sent_at = now
        message.next_attempt_at = None
    message.save(
        update_fields=[
            "attempts",
            "last_error",
            "status",
            "failed_at",
            "sent_at",
            "next_attempt_at",
        ]
    )
    return message


def _who_is_told(message: OutboundMessage) -> list:
    if message.responsible_id and message.responsible_id != message.recipient_id:
        return [message.responsible]
    # No advisor named (or the advisor's own email failed): the shop's managers.
    return [
        m.user
        for m in Membership.objects.filter(shop_id=message.shop_id, role=Role.MANAGER)
        .exclude(user_id=message.recipient_id)
        .select_related("user")
    ]


def _tell_of_failure(message: OutboundMessage) -> None:
    params = {
        "to": message.to_name or message.to,
        "kind": messages.choice(message, "kind"),
        "channel": messages.choice(message, "channel"),
        "attempts": message.attempts,
        "error": message.last_error,
    }
    for user in _who_is_told(message):
        # In-app only: an email about a failed email may fail the same way.
        notification_send(
            recipient=user,
            shop_id=message.shop_id,
            kind=FAILED_NOTIFICATION,
            message=texts.MESSAGE_FAILED,
            params=params,
            url=reverse("outbox:failed"),
            key=f"message-failed:{message.pk}:{message.failed_at:%Y%m%d%H%M%S}",
        )


@transaction.atomic
def message_retry(*, user, pk: int) -> OutboundMessage:
    """Send a failed message again, with a fresh round of attempts."""
    message = get_for_user(
        OutboundMessage.objects.select_for_update(),
        user=user,
        pk=pk,
        roles=permissions.ROLES_FOR["resend"],
    )
    if message.status != MessageStatus.FAILED:
        raise Conflict(NOT_FAILED)
    message.status = MessageStatus.QUEUED
    message.attempts = 0
    message.failed_at = None
    message.next_attempt_at = timezone.now()
    message.save(update_fields=["status", "attempts", "failed_at", "next_attempt_at"])
    _enqueue(message.pk)
    return message


def messages_requeue_stale(*, now=None) -> int:
    """Queued messages whose attempt is long overdue (their task was lost with a broker or a
    worker) are enqueued again; the row lock in ``message_attempt`` keeps it to one send."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.OUTBOX_STALE_SECONDS)
    pks = list(
        OutboundMessage.objects.filter(
            status=MessageStatus.QUEUED, next_attempt_at__lt=cutoff
        ).values_list("pk", flat=True)[:500]
    )
    for pk in pks:
        _enqueue(pk)
    return len(pks)


# --- reminders -------------------------------------------------------------------------------


def reminder_record(*, shop_id: int, kind: str, key: str) -> Reminder | None:
    """Claim a reminder's key; None when it was claimed before (the caller then sends nothing).

    Call inside the transaction that sends the reminder: if sending fails, the claim rolls back
    with it and the next run tries again."""
    try:
        with transaction.atomic():
            return Reminder.objects.create(shop_id=shop_id, kind=kind, key=key[:160])
    except IntegrityError:
        if Reminder.objects.filter(key=key[:160]).exists():
            return None
        raise


def per_shop_range_q(field: str, *, ranges: dict, default: tuple):
    """One filter for a rule whose dates differ by shop: ``low <= field <= high`` with the
    record's shop's (low, high), the default for shops without their own. One query, so the
    (shop, field) index serves every shop's range. A None bound is left open."""

    def between(bounds) -> Q:
        low, high = bounds
        q = Q(**{f"{field}__lte": high})
        return q & Q(**{f"{field}__gte": low}) if low is not None else q

    q = ~Q(shop_id__in=list(ranges)) & between(default)
    for shop_id, bounds in ranges.items():
        if bounds is not None:  # None: the shop has the rule switched off
            q |= Q(shop_id=shop_id) & between(bounds)
    return q


def reminder_settings_by_shop() -> dict[int, ReminderSettings]:
    return {r.shop_id: r for r in ReminderSettings.objects.all()}


DEFAULT_REMINDER_SETTINGS = ReminderSettings()

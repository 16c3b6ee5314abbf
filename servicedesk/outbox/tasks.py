"""Delivery runs in the worker; the retry wait comes from the message row, not Celery's count,
so a redelivered or re-enqueued task continues the same round of attempts."""

from celery import shared_task

from . import services
from .models import MessageStatus


@shared_task(bind=True, name="outbox.deliver_message", max_retries=None, acks_late=True)
def deliver_message(self, message_id: int) -> str:
    while True:
        message = services.message_attempt(pk=message_id)
        if message is None:
            return "gone"
        if message.status != MessageStatus.QUEUED:
            return message.status
        # Failed but attempts remain: try again after the back-off. Run eagerly (tests, no
        # broker to wait on) the next attempt follows at once.
        if not self.request.is_eager:
            raise self.retry(countdown=services.backoff_seconds(message.attempts))


@shared_task(name="outbox.requeue_stale")
def requeue_stale() -> int:
    return services.messages_requeue_stale()

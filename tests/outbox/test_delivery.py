"""Queueing once per key, delivery, back-off and the visible final failure."""

import pytest
from django.core import mail
from django.urls import reverse

from servicedesk.notifications.models import Notification
from servicedesk.outbox import services
from servicedesk.outbox.models import MessageStatus, MessageTemplate, OutboundMessage


def queue(shop, *, key="k1", channel="sms", to="+8613800000001", responsible=None):
    return services.message_queue(
        shop_id=shop.pk,
        key=key,
        kind="next_visit_reminder",
        channel=channel,
        to=to,
        to_name="Ms Lin",
        language="en",
        subject="Hello",
        body="Your car is due.",
        responsible=responsible,
    )


def test_every_kind_has_a_template_in_both_languages(db):
    from importlib import import_module

    from servicedesk.outbox.models import MessageKind
    from servicedesk.outbox.services import SHIPPED_TEMPLATES

    shipped = {}
    for migration in SHIPPED_TEMPLATES:
        shipped.update(import_module(f"servicedesk.outbox.migrations.{migration}").TEMPLATES)
    pairs = {(kind, lang) for kind, words in shipped.items() for lang in words}
    assert pairs == {(k, lang) for k in MessageKind.values for lang in ("en", "zh-hans")}


def test_it_sends_an_sms_once_and_marks_it_sent(
    shop, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(shop)
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert message.attempts == 1
    assert sms_outbox == [{"to": "+8613800000001", "body": "Your car is due."}]


def test_the_same_key_is_never_sent_twice(shop, sms_outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert queue(shop) is not None
        assert queue(shop) is None
    assert len(sms_outbox) == 1
    assert OutboundMessage.objects.count() == 1


def test_a_redelivered_task_sends_nothing_twice(
    shop, sms_outbox, django_capture_on_commit_callbacks
):
    from servicedesk.outbox.tasks import deliver_message

    with django_capture_on_commit_callbacks(execute=True):
        message = queue(shop)
    deliver_message.delay(message.pk)
    assert len(sms_outbox) == 1


def test_email_goes_through_the_email_backend(shop, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue(shop, channel="email", to="lin@example.invalid")
    assert [(m.to, m.subject) for m in mail.outbox] == [(["lin@example.invalid"], "Hello")]


@pytest.mark.parametrize(
    ("attempts", "seconds"), [(1, 60), (2, 120), (3, 240), (4, 480), (9, 1800)]
)
def test_back_off_doubles_up_to_the_cap(settings, attempts, seconds):
    settings.OUTBOX_RETRY_BASE_SECONDS = 60
    settings.OUTBOX_RETRY_MAX_SECONDS = 1800
    assert services.backoff_seconds(attempts) == seconds


def test_the_cap_is_below_the_brokers_visibility_timeout(settings):
    assert settings.OUTBOX_RETRY_MAX_SECONDS < settings.CELERY_BROKER_VISIBILITY_TIMEOUT
    assert (
        settings.CELERY_BROKER_TRANSPORT_OPTIONS.get(
            "visibility_timeout", settings.CELERY_BROKER_VISIBILITY_TIMEOUT
        )
        > settings.OUTBOX_RETRY_MAX_SECONDS
    )


def test_a_failed_attempt_records_the_error_and_the_next_try(shop, sms_down, time_machine):
    time_machine.move_to("2026-03-02 10:00:00+08:00", tick=False)
    message = queue(shop)  # not delivered: on_commit callbacks are not run here
    message = services.message_attempt(pk=message.pk)
    assert message.status == MessageStatus.QUEUED
    assert message.attempts == 1
    assert message.last_error == "SmsError: HTTP 401: bad token"
    assert message.next_attempt_at.isoformat() == "2026-03-02T02:01:00+00:00"


def test_after_the_last_attempt_it_fails_and_tells_the_advisor(
    shop, advisor, manager, sms_down, settings, django_capture_on_commit_callbacks
):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(shop, responsible=advisor)
    message.refresh_from_db()
    # Eager Celery runs the retries at once; the row counts them.
    assert message.status == MessageStatus.FAILED
    assert message.attempts == 3
    assert message.failed_at is not None
    note = Notification.objects.get(recipient=advisor)
    assert note.kind == "message_failed"
    assert "Ms Lin" in note.title
    assert note.url == reverse("outbox:failed")
    assert not Notification.objects.filter(recipient=manager).exists()


def test_without_an_advisor_the_managers_are_told(
    shop, manager, email_down, settings, django_capture_on_commit_callbacks
):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(shop, channel="email", to="lin@example.invalid")
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    assert "ConnectionRefusedError" in message.last_error
    assert Notification.objects.filter(recipient=manager, kind="message_failed").count() == 1


def test_stale_queued_messages_are_enqueued_again(shop, sms_outbox, time_machine):
    time_machine.move_to("2026-03-02 10:00:00+08:00", tick=False)
    queue(shop)  # its task was lost: the on_commit callback never ran
    assert services.messages_requeue_stale() == 0
    time_machine.move_to("2026-03-02 12:00:00+08:00", tick=False)
    assert services.messages_requeue_stale() == 1


def test_without_template_rows_the_shipped_words_are_used(db):
    MessageTemplate.objects.all().delete()
    subject, _body, text = services.render(
        kind="next_visit_reminder", language="zh-hans", context={"shop": "North"}
    )
    assert subject == "North：下次保养提醒"

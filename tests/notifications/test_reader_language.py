"""Notifications and the texts the system writes are stored as a message key and parameters
and read in the reader's language, whatever language the writer (a person, a job, the shop)
was using. Rows written before keys existed stay readable."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from complaints import services as complaints
from complaints.tasks import escalate_overdue
from interactions.models import Escalation
from interactions.services import interaction_advance
from servicedesk.notifications.models import Notification
from servicedesk.outbox.models import Channel, MessageKind, MessageStatus, OutboundMessage
from servicedesk.outbox.services import _tell_of_failure
from tests.complaints import factories as cf
from tests.complaints.factories import ComplaintFactory
from tests.interactions.factories import InteractionFactory
from tests.vehicles.factories import CustomerFactory


def _read(client, language: str) -> str:
    client.cookies["django_language"] = language
    return client.get(reverse("notifications:list")).content.decode()


def _api_titles(api, language: str) -> list[str]:
    response = api.get("/api/v1/notifications/", HTTP_ACCEPT_LANGUAGE=language)
    return [row["title"] for row in response.json()["results"]]


@pytest.mark.parametrize("writer", ["zh-hans", "en"])
def test_a_remedy_decision_reads_in_the_readers_language(
    browser_as, api_as, advisor, manager, shop, writer
):
    with translation.override(writer):
        complaint = ComplaintFactory(shop=shop, user=advisor)
        cf.advance(complaint, to="investigating", advisor=advisor, manager=manager)
        remedy = complaints.remedy_propose(
            complaint_pk=complaint.pk, user=advisor, kind="discount", amount="150"
        )
        complaints.remedy_decide(pk=remedy.pk, user=manager, approve=True)
    client = browser_as(advisor)
    english, chinese = _read(client, "en"), _read(client, "zh-hans")
    assert f"Remedy approved: {complaint.number}" in english
    assert f"处理措施已批准：{complaint.number}" in chinese
    assert "Remedy" not in chinese and "Approved" not in chinese
    waiting = f"Remedy awaiting your approval: {complaint.number}"
    assert waiting in _read(browser_as(manager), "en")
    # The manager was also told the complaint was logged (seed 003 §2), read in Chinese too.
    assert sorted(_api_titles(api_as(manager), "zh-hans")) == sorted(
        [
            f"待您审批的处理措施：{complaint.number}",
            f"投诉 {complaint.number} 已登记（客户直接反映）：您是相关负责人之一",
        ]
    )


def test_a_jobs_alert_reaches_an_english_screen_in_english(
    browser_as, advisor, manager, shop, time_machine
):
    assert shop.language == "zh-hans"  # the job writes as the shop: in Chinese
    complaint = ComplaintFactory(shop=shop, user=advisor)
    time_machine.move_to(complaint.first_response_due + timedelta(minutes=1))
    assert escalate_overdue.delay().get() == 1
    english = _read(browser_as(manager), "en")
    assert f"Overdue: first response of complaint {complaint.number}" in english
    assert "首次响应" not in english and "超时" not in english
    chinese = _read(browser_as(manager), "zh-hans")
    assert f"已超时：投诉{complaint.number}的首次响应" in chinese


def test_a_low_score_at_keep_reads_in_the_readers_language(browser_as, advisor, manager, shop):
    interaction = InteractionFactory(customer=CustomerFactory(shop=shop), advisor=advisor)
    steps = [
        ("know_need", {"need_in_customer_words": "It squeals", "main_concern": "time"}),
        ("confirm", {"agreed_work": "Pads", "customer_agreed": True, "estimate": "480.00"}),
        ("help", {"delivered_summary": "Pads replaced"}),
        ("keep", {"satisfaction": 2, "satisfaction_words": "Too slow"}),
    ]
    with translation.override("zh-hans"):  # the advisor works in Chinese
        for stage, fields in steps:
            interaction_advance(user=advisor, pk=interaction.pk, stage=stage, fields=fields)
    escalation = Escalation.objects.get(interaction=interaction)
    assert escalation.reason == "Too slow"  # the customer's words only; the score is a key
    with translation.override("en"):
        assert escalation.display_reason == "Satisfaction 2 of 5 at keep. Too slow"
    english = _read(browser_as(manager), "en")
    assert "Satisfaction 2 of 5 at keep. Too slow" in english
    assert "Customer not satisfied" in english and "维系" not in english
    client = browser_as(manager)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("interactions:escalation", args=[escalation.pk])).content.decode()
    assert "Satisfaction 2 of 5 at keep." in page
    client.cookies["django_language"] = "zh-hans"
    page = client.get(reverse("interactions:escalation", args=[escalation.pk])).content.decode()
    assert "维系阶段满意度为2分（满分5分）。 Too slow" in page


def test_a_failed_message_names_its_kind_and_channel_in_the_readers_language(
    browser_as, advisor, manager, shop
):
    message = OutboundMessage.objects.create(
        shop=shop,
        key="k1",
        kind=MessageKind.SURVEY_INVITATION,
        channel=Channel.SMS,
        to="13800000000",
        to_name="Zhou Min",
        language="zh-hans",
        body="…",
        status=MessageStatus.FAILED,
        attempts=5,
        last_error="Timeout",
        failed_at=timezone.now(),
    )
    with translation.override("zh-hans"):
        _tell_of_failure(message)
    english = _read(browser_as(manager), "en")
    assert "A message to Zhou Min could not be sent" in english
    assert "Satisfaction survey invitation by" in english


def test_a_row_written_before_message_keys_stays_readable(browser_as, advisor, shop):
    Notification.objects.create(
        recipient=advisor,
        shop=shop,
        kind="old",
        title="Old English title",
        translations={"zh-hans": {"title": "旧的中文标题", "body": ""}},
    )
    Notification.objects.create(recipient=advisor, shop=shop, kind="older", title="Plain words")
    client = browser_as(advisor)
    assert "Old English title" in _read(client, "en") and "Plain words" in _read(client, "en")
    chinese = _read(client, "zh-hans")
    assert "旧的中文标题" in chinese and "Plain words" in chinese


def test_a_row_whose_message_is_no_longer_defined_shows_its_stored_words(advisor, shop):
    note = Notification.objects.create(
        recipient=advisor, shop=shop, kind="k", title="Stored", message="gone.away", params={}
    )
    assert note.display_title == "Stored"

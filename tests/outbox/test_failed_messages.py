"""The failed-messages page and API: who sees them, and sending one again."""

import pytest
from django.urls import reverse

from servicedesk.outbox.models import MessageStatus, OutboundMessage


@pytest.fixture
def failed(shop):
    return OutboundMessage.objects.create(
        shop=shop,
        key="failed-1",
        kind="survey_invitation",
        channel="sms",
        to="+8613800000009",
        to_name="Mr Zhou",
        language="zh-hans",
        body="…",
        status=MessageStatus.FAILED,
        attempts=5,
        last_error="SmsError: HTTP 500",
    )


def test_the_advisor_sees_failed_messages_of_their_shop(browser_as, advisor, failed):
    response = browser_as(advisor).get(reverse("outbox:failed"))
    assert response.status_code == 200
    assert "Mr Zhou" in response.content.decode()
    assert "SmsError: HTTP 500" in response.content.decode()


def test_the_page_hides_other_shops_messages(browser_as, outsider, failed):
    response = browser_as(outsider).get(reverse("outbox:failed"))
    assert response.status_code == 200
    assert "Mr Zhou" not in response.content.decode()


def test_a_technician_may_not_open_the_page(browser_as, technician, failed):
    assert browser_as(technician).get(reverse("outbox:failed")).status_code == 403


def test_the_page_needs_a_login(client, failed):
    response = client.get(reverse("outbox:failed"))
    assert response.status_code == 302
    assert "/login/" in response.url


def test_send_again_queues_and_sends_it(
    browser_as, advisor, failed, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = browser_as(advisor).post(reverse("outbox:retry", args=[failed.pk]))
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == MessageStatus.SENT
    assert failed.attempts == 1
    assert sms_outbox == [{"to": "+8613800000009", "body": "…"}]


def test_send_again_from_another_shop_is_404(browser_as, outsider, failed):
    assert browser_as(outsider).post(reverse("outbox:retry", args=[failed.pk])).status_code == 404


def test_api_lists_failed_messages(api_as, advisor, failed, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = api_as(advisor).get("/api/v1/messages/?status=failed")
    assert response.status_code == 200
    assert [m["id"] for m in response.json()["results"]] == [failed.pk]


def test_api_hides_other_shops_messages(api_as, outsider, failed):
    assert api_as(outsider).get("/api/v1/messages/").json()["count"] == 0


def test_api_needs_authentication(api, failed):
    assert api.get("/api/v1/messages/").status_code == 401


def test_api_retry(api_as, advisor, failed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(advisor).post(f"/api/v1/messages/{failed.pk}/retry/")
    assert response.status_code == 200
    failed.refresh_from_db()
    assert failed.status == MessageStatus.SENT


def test_api_retry_of_a_sent_message_is_409(api_as, advisor, failed):
    failed.status = MessageStatus.SENT
    failed.save()
    assert api_as(advisor).post(f"/api/v1/messages/{failed.pk}/retry/").status_code == 409


def test_api_retry_by_a_technician_is_403(api_as, technician, failed):
    assert api_as(technician).post(f"/api/v1/messages/{failed.pk}/retry/").status_code == 403


def test_api_retry_of_another_shops_message_is_404(api_as, outsider, failed):
    assert api_as(outsider).post(f"/api/v1/messages/{failed.pk}/retry/").status_code == 404

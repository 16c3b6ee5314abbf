"""Text messages in (issue 16): the provider's webhook, read and verified by the configured SMS
backend (HMAC of the body with the shared secret), onto the customer's log by their number."""

import json

import pytest
from django.test import override_settings

from interactions.models import InboundAddress, InboundMessage, InboundStatus
from servicedesk.notifications.models import Notification
from servicedesk.outbox.sms import SIGNATURE_HEADER, sign_inbound
from tests.vehicles.factories import CustomerFactory

from .factories import InteractionFactory

pytestmark = pytest.mark.django_db
SECRET = "sms-shared-secret"
URL = "/inbound/sms/"


@pytest.fixture(autouse=True)
def secret():
    with override_settings(SMS_INBOUND_SECRET=SECRET):
        yield


def post(client, payload, *, secret=SECRET):
    body = json.dumps(payload).encode()
    return client.post(
        URL,
        body,
        content_type="application/json",
        headers={SIGNATURE_HEADER: sign_inbound(body, secret)},
    )


@pytest.fixture
def zhou(shop):
    return CustomerFactory(shop=shop, name="Mrs Zhou", phone="13800138000")


@pytest.fixture
def shop_number(shop):
    return InboundAddress.objects.create(shop=shop, address="+861062345678")


def test_a_text_from_a_customer_lands_on_their_log(client, shop, advisor, zhou, shop_number):
    InteractionFactory(customer=zhou, advisor=advisor)
    sms = {"id": "p-1", "from": "13800138000", "to": "+86 10 6234 5678", "text": "Ready yet?"}
    answer = post(client, sms)
    assert answer.status_code == 200
    message = InboundMessage.objects.get()
    assert (message.shop, message.customer, message.sender) == (shop, zhou, "+8613800138000")
    assert (message.communication.channel, message.communication.summary) == ("sms", "Ready yet?")
    assert Notification.objects.filter(recipient=advisor).count() == 1


def test_a_wrong_signature_is_refused(client, zhou, shop_number):
    answer = post(client, {"id": "p-1", "from": "13800138000", "text": "x"}, secret="guess")
    assert answer.status_code == 403
    assert not InboundMessage.objects.exists()


def test_a_body_of_another_shape_is_refused(client, zhou, shop_number):
    assert post(client, {"text": "no id"}).status_code == 400


@override_settings(SMS_INBOUND_SECRET="")
def test_without_a_secret_there_is_no_endpoint(client):
    assert post(client, {"id": "p-1", "from": "1", "text": "x"}).status_code == 404


def test_a_redelivered_text_is_recorded_once(client, manager, zhou, shop_number):
    sms = [{"id": "p-9", "from": "+8613800138000", "to": "+861062345678", "text": "Hello"}]
    post(client, sms)
    post(client, sms)
    assert InboundMessage.objects.count() == 1
    assert Notification.objects.filter(recipient=manager).count() == 1


def test_an_unknown_number_waits_in_the_inbox(client, shop, shop_number):
    post(client, {"id": "p-2", "from": "+8613900000000", "to": "+861062345678", "text": "Hi"})
    message = InboundMessage.objects.get()
    assert (message.shop, message.status) == (shop, InboundStatus.INBOX)


def test_the_provider_posts_without_a_csrf_token(zhou, shop_number):
    from django.test import Client

    sms = {"id": "p-3", "from": "13800138000", "to": "+861062345678", "text": "Hi"}
    assert post(Client(enforce_csrf_checks=True), sms).status_code == 200

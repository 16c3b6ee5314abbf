"""POST /api/v1/work-orders/{id}/customer-link/ creates (and sends) the visit's link; DELETE
revokes it. Not yours: 404; a role that may not: 403."""

import pytest
from rest_framework.test import APIClient

from portal.models import CustomerLink, CustomerLinkEvent
from portal.services import errors as E
from servicedesk.outbox.models import OutboundMessage


def _api(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def _url(visit):
    return f"/api/v1/work-orders/{visit.pk}/customer-link/"


def test_it_creates_the_link_and_answers_its_url(advisor, visit):
    answer = _api(advisor).post(_url(visit), {}, format="json")
    assert answer.status_code == 201
    link = CustomerLink.objects.get(work_order=visit)
    assert answer.json()["url"].endswith(f"/c/{link.token}/")
    assert answer.json()["expires_at"]
    assert answer.json()["sent"] == []
    assert not OutboundMessage.objects.exists()


def test_a_second_create_answers_the_same_link(advisor, visit):
    first = _api(advisor).post(_url(visit), {}, format="json").json()["url"]
    second = _api(advisor).post(_url(visit), {}, format="json").json()["url"]
    assert first == second
    assert CustomerLink.objects.filter(work_order=visit).count() == 1


def test_it_sends_on_the_customers_channel_in_their_language(advisor, visit):
    answer = _api(advisor).post(_url(visit), {"send": True}, format="json")
    assert answer.status_code == 201
    assert answer.json()["sent"] == ["sms"]
    message = OutboundMessage.objects.get()
    assert message.kind == "customer_link"
    assert message.to == "+8613800138000"
    assert message.language == "en"
    assert answer.json()["url"] in message.body
    assert message.customer_ref == visit.customer_id
    assert message.vehicle_ref == visit.vehicle_id


def test_it_sends_on_both_channels_and_resends(advisor, visit):
    api = _api(advisor)
    assert api.post(_url(visit), {"send": True, "channel": "both"}, format="json").json()[
        "sent"
    ] == ["email", "sms"]
    assert api.post(_url(visit), {"send": True, "channel": "email"}, format="json").json()[
        "sent"
    ] == ["email"]
    assert OutboundMessage.objects.count() == 3
    assert CustomerLinkEvent.objects.filter(kind="sent").count() == 2


def test_it_refuses_a_channel_without_an_address(advisor, visit):
    visit.customer.email = ""
    visit.customer.save()
    answer = _api(advisor).post(_url(visit), {"send": True, "channel": "email"}, format="json")
    assert answer.status_code == 400
    assert answer.json()["channel"] == [str(E.NO_ADDRESS_ON_CHANNEL)]
    assert not CustomerLink.objects.exists()


def test_it_refuses_a_cancelled_visit(advisor, visit):
    visit.status = "cancelled"
    visit.save()
    answer = _api(advisor).post(_url(visit), {}, format="json")
    assert answer.status_code == 409
    assert answer.json()["detail"] == str(E.WORK_ORDER_CANCELLED)


def test_delete_revokes_and_the_link_stops_opening(advisor, visit, client):
    api = _api(advisor)
    url = api.post(_url(visit), {}, format="json").json()["url"]
    assert api.delete(_url(visit)).status_code == 204
    assert client.get(url.split("testserver")[-1]).status_code == 404
    assert api.delete(_url(visit)).status_code == 404  # no live link any more


def test_it_hides_other_shops_work_orders(outsider, visit):
    assert _api(outsider).post(_url(visit), {}, format="json").status_code == 404
    assert _api(outsider).delete(_url(visit)).status_code == 404
    assert not CustomerLink.objects.exists()


@pytest.mark.parametrize("role", ["technician", "cashier"])
def test_a_role_that_may_not_is_refused(request, visit, role):
    user = request.getfixturevalue(role)
    assert _api(user).post(_url(visit), {}, format="json").status_code == 403


def test_the_schema_documents_the_endpoint(client):
    schema = client.get("/api/schema/?format=json").json()
    operations = schema["paths"]["/api/v1/work-orders/{id}/customer-link/"]
    assert set(operations) >= {"post", "delete"}
    assert {"201", "404", "409"} <= set(operations["post"]["responses"])
    assert {"204", "404", "409"} <= set(operations["delete"]["responses"])

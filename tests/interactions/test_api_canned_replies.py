"""/api/v1/canned-replies/: list, create, update, render; another shop's → 404; a role that
does not keep the replies → 403."""

import pytest

from interactions.models import CannedReply
from interactions.services import REPLY_TEXT_REQUIRED, UNKNOWN_PLACEHOLDER
from interactions.services.canned_replies import PLACEHOLDERS
from tests.complaints.factories import ComplaintFactory
from tests.vehicles.factories import CustomerFactory, VehicleFactory, WorkOrderFactory

from .factories import CannedReplyFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/canned-replies/"
KNOWN = ", ".join(f"{{{n}}}" for n in PLACEHOLDERS)


@pytest.fixture
def ready(shop):
    return CannedReplyFactory(
        shop=shop,
        title="Ready",
        text_zh="{customer_name}您好，投诉{complaint_number}已处理。",
        text_en="Dear {customer_name}, complaint {complaint_number} is handled.",
    )


def test_every_member_lists_the_shops_replies(api_as, technician, ready, other_shop):
    CannedReplyFactory(shop=other_shop, title="Theirs")
    CannedReplyFactory(shop=ready.shop, title="Retired", active=False)
    body = api_as(technician).get(URL).json()
    assert [r["title"] for r in body["results"]] == ["Ready", "Retired"]
    assert body["results"][0]["allowed_actions"] == []
    active = api_as(technician).get(URL, {"active": "true"}).json()
    assert [r["title"] for r in active["results"]] == ["Ready"]


def test_a_manager_creates_one(api_as, manager, shop):
    response = api_as(manager).post(
        URL, {"title": "Ready", "text_en": "Hi {customer_name}"}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["shop"], body["text_zh"], body["active"]) == (shop.pk, "", True)
    assert body["allowed_actions"] == ["edit"]


def test_an_unknown_placeholder_is_a_400_naming_it(api_as, manager):
    response = api_as(manager).post(URL, {"title": "T", "text_zh": "{name}您好"}, format="json")
    assert response.status_code == 400
    message = str(UNKNOWN_PLACEHOLDER) % {"name": "name", "known": KNOWN}
    assert response.json() == {"text_zh": [message]}


def test_no_text_is_a_400(api_as, manager):
    response = api_as(manager).post(URL, {"title": "T"}, format="json")
    assert response.json() == {"text_zh": [str(REPLY_TEXT_REQUIRED)]}


def test_an_advisor_may_not_create_or_update(api_as, advisor, ready):
    client = api_as(advisor)
    assert client.post(URL, {"title": "T", "text_en": "x"}, format="json").status_code == 403
    assert client.patch(f"{URL}{ready.pk}/", {"active": False}, format="json").status_code == 403
    ready.refresh_from_db()
    assert ready.active


def test_a_manager_updates_and_retires_one(api_as, manager, ready):
    client = api_as(manager)
    response = client.patch(f"{URL}{ready.pk}/", {"active": False}, format="json")
    assert response.status_code == 200
    ready.refresh_from_db()
    assert not ready.active and ready.text_en.startswith("Dear")
    response = client.put(
        f"{URL}{ready.pk}/", {"title": "Ready now", "text_en": "Ready."}, format="json"
    )
    assert response.status_code == 200
    ready.refresh_from_db()
    assert (ready.title, ready.text_zh, ready.text_en, ready.active) == (
        "Ready now",
        "",
        "Ready.",
        True,
    )
    assert CannedReply.objects.count() == 1


def test_it_renders_for_a_complaint(api_as, advisor, shop, ready):
    customer = CustomerFactory(shop=shop, name="Mr Qian", preferred_language="en")
    wo = WorkOrderFactory(vehicle=VehicleFactory(owner=customer), advisor=advisor)
    complaint = ComplaintFactory(
        shop=shop, user=advisor, customer=customer, work_order=wo, vehicle=wo.vehicle
    )
    response = api_as(advisor).get(f"{URL}{ready.pk}/render/", {"complaint": complaint.pk})
    assert response.status_code == 200
    assert response.json() == {
        "reply": ready.pk,
        "title": "Ready",
        "language": "en",
        "text": f"Dear Mr Qian, complaint {complaint.number} is handled.",
        "missing": [],
    }


def test_it_renders_for_a_customer_leaving_out_what_is_unknown(api_as, advisor, shop, ready):
    customer = CustomerFactory(shop=shop, name="周女士", preferred_language="zh-hans")
    response = api_as(advisor).get(f"{URL}{ready.pk}/render/", {"customer": customer.pk})
    body = response.json()
    assert (body["language"], body["text"]) == ("zh-hans", "周女士您好，投诉已处理。")
    assert body["missing"] == ["complaint_number"]


def test_a_bad_id_in_the_query_is_a_400(api_as, advisor, ready):
    response = api_as(advisor).get(f"{URL}{ready.pk}/render/", {"customer": "abc"})
    assert response.status_code == 400
    assert "customer" in response.json()


def test_another_shops_records_are_404(api_as, outsider, advisor, ready, shop, other_shop):
    client = api_as(outsider)
    assert client.get(f"{URL}{ready.pk}/").status_code == 404
    assert client.get(f"{URL}{ready.pk}/render/").status_code == 404
    assert ready.title not in str(client.get(URL).json())
    theirs = CustomerFactory(shop=other_shop)
    their_complaint = ComplaintFactory(shop=other_shop)
    mine = api_as(advisor)
    url = f"{URL}{ready.pk}/render/"
    assert mine.get(url, {"customer": theirs.pk}).status_code == 404
    assert mine.get(url, {"complaint": their_complaint.pk}).status_code == 404


def test_a_manager_of_another_shop_may_not_edit_ours(api_as, ready, other_shop):
    from tests.factories import staff

    theirs = staff("their-manager", other_shop, "manager")
    response = api_as(theirs).put(
        f"{URL}{ready.pk}/", {"title": "x", "text_en": "y"}, format="json"
    )
    assert response.status_code == 404
    body = {"shop": ready.shop_id, "title": "x", "text_en": "y"}
    response = api_as(theirs).post(URL, body, format="json")
    assert response.status_code == 404


def test_anonymous_is_401(api):
    assert api.get(URL).status_code == 401


def test_the_list_costs_the_same_for_more_replies(
    api_as, advisor, shop, django_assert_max_num_queries
):
    client = api_as(advisor)
    for size in (2, 12):
        while CannedReply.objects.count() < size:
            CannedReplyFactory(shop=shop)
        with django_assert_max_num_queries(6):
            assert client.get(URL).status_code == 200

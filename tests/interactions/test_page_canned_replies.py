"""The canned replies' pages and the picker on the communication log (Django's test client)."""

import pytest
from django.utils.html import escape

from interactions.models import CannedReply
from interactions.services import UNKNOWN_PLACEHOLDER
from interactions.services.canned_replies import PLACEHOLDERS
from tests.vehicles.factories import VehicleFactory, WorkOrderFactory

from .factories import CannedReplyFactory

pytestmark = pytest.mark.django_db

LIST = "/interactions/canned-replies/"
KNOWN = ", ".join(f"{{{n}}}" for n in PLACEHOLDERS)


def test_a_manager_adds_a_reply(browser_as, manager, shop):
    client = browser_as(manager)
    assert "{customer_name}" in client.get(LIST).content.decode()  # the form says the syntax
    response = client.post(
        LIST, {"title": "Ready", "text_zh": "{customer_name}您好", "text_en": "", "active": "on"}
    )
    assert response.status_code == 302
    assert CannedReply.objects.get(shop=shop).text_zh == "{customer_name}您好"


def test_an_unknown_placeholder_is_refused_and_the_text_kept(browser_as, manager, shop):
    typed = "Dear {custmer_name}, your car is ready."
    response = browser_as(manager).post(LIST, {"title": "Ready", "text_en": typed})
    assert response.status_code == 400
    page = response.content.decode()
    message = str(UNKNOWN_PLACEHOLDER) % {"name": "custmer_name", "known": KNOWN}
    assert escape(message) in page
    assert escape(typed) in page
    assert not CannedReply.objects.exists()


def test_a_manager_takes_a_reply_out_of_use(browser_as, manager, shop):
    reply = CannedReplyFactory(shop=shop, title="Old")
    response = browser_as(manager).post(
        f"{LIST}{reply.pk}/", {"title": "Old", "text_en": "Bye {customer_name}"}
    )
    assert response.status_code == 302
    reply.refresh_from_db()
    assert (reply.active, reply.text_en) == (False, "Bye {customer_name}")


def test_an_advisor_reads_the_list_but_may_not_write(browser_as, advisor, shop):
    reply = CannedReplyFactory(shop=shop, title="Ready")
    client = browser_as(advisor)
    page = client.get(LIST).content.decode()
    assert "Ready" in page and f"{LIST}{reply.pk}/" not in page
    assert 'name="title"' not in page
    assert client.post(LIST, {"title": "x", "text_en": "y"}).status_code == 403
    assert client.get(f"{LIST}{reply.pk}/").status_code == 403


def test_another_shops_reply_is_not_found(browser_as, outsider, shop):
    reply = CannedReplyFactory(shop=shop, title="Ready")
    client = browser_as(outsider)
    assert client.get(f"{LIST}{reply.pk}/").status_code == 404
    assert "Ready" not in client.get(LIST).content.decode()


def test_the_log_offers_the_replies_filled_in_for_the_customer(browser_as, advisor, shop, customer):
    customer.preferred_language = "en"
    customer.save(update_fields=["preferred_language"])
    wo = WorkOrderFactory(vehicle=VehicleFactory(owner=customer), advisor=advisor)
    CannedReplyFactory(
        shop=shop, title="Ready", text_en="Dear {customer_name}, {work_order_number}"
    )
    CannedReplyFactory(shop=shop, title="Complaint", text_en="About {complaint_number}.")
    CannedReplyFactory(shop=shop, title="Retired", active=False)
    page = (
        browser_as(advisor)
        .get(f"/interactions/communications/new/?customer={customer.pk}&work_order={wo.pk}")
        .content.decode()
    )
    assert f'data-text="Dear Mrs Zhou, {wo.number}"' in page
    assert 'data-text="About ."' in page
    assert 'data-missing="the complaint&#x27;s number"' in page
    assert "Retired" not in page
    assert "js/canned_replies.js" in page


def test_a_role_that_logs_nothing_is_offered_no_reply(browser_as, technician, shop, customer):
    CannedReplyFactory(shop=shop, title="Ready")
    page = browser_as(technician).get(f"/interactions/communications/new/?customer={customer.pk}")
    assert "data-canned-replies" not in page.content.decode()


def test_the_interactions_log_card_offers_them_too(browser_as, advisor, shop, walk_in):
    CannedReplyFactory(shop=shop, title="Ready", text_zh="{customer_name}您好")
    page = browser_as(advisor).get(f"/interactions/{walk_in.pk}/").content.decode()
    assert 'data-text="Mrs Zhou您好"' in page
    assert "js/canned_replies.js" in page

"""Writing to the customer from the complaint's page, a canned reply filled in for the
complaint offered first; the message lands on the customer's communication log."""

import pytest

from interactions.models import CommunicationLog
from interactions.services import SUMMARY_REQUIRED
from tests.complaints.factories import ComplaintFactory
from tests.interactions.factories import CannedReplyFactory
from tests.vehicles.factories import CustomerFactory, VehicleFactory, WorkOrderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(shop, advisor):
    customer = CustomerFactory(shop=shop, name="Mr Qian", preferred_language="en")
    wo = WorkOrderFactory(vehicle=VehicleFactory(owner=customer), advisor=advisor)
    return ComplaintFactory(
        shop=shop, user=advisor, customer=customer, work_order=wo, vehicle=wo.vehicle
    )


def test_the_page_offers_the_replies_filled_in_for_the_complaint(browser_as, advisor, complaint):
    CannedReplyFactory(
        shop=complaint.shop,
        title="Received",
        text_en="Dear {customer_name}, complaint {complaint_number} is received.",
    )
    page = browser_as(advisor).get(f"/complaints/{complaint.pk}/").content.decode()
    assert 'data-target="id_message-summary"' in page
    assert f'data-text="Dear Mr Qian, complaint {complaint.number} is received."' in page
    assert "js/canned_replies.js" in page


def test_the_message_is_logged_for_the_customer(browser_as, advisor, complaint):
    response = browser_as(advisor).post(
        f"/complaints/{complaint.pk}/message/",
        {"message-channel": "sms", "message-kind": "information", "message-summary": "On it."},
    )
    assert response.status_code == 302
    entry = CommunicationLog.objects.get()
    assert (entry.customer, entry.work_order, entry.direction, entry.summary) == (
        complaint.customer,
        complaint.work_order,
        "outbound",
        "On it.",
    )


def test_an_empty_message_is_refused_on_the_page(browser_as, advisor, complaint):
    response = browser_as(advisor).post(
        f"/complaints/{complaint.pk}/message/",
        {"message-channel": "sms", "message-kind": "information", "message-summary": " "},
    )
    assert response.status_code == 400
    assert str(SUMMARY_REQUIRED) in response.content.decode()
    assert not CommunicationLog.objects.exists()


def test_a_complaint_without_a_customer_offers_no_message(browser_as, advisor, shop):
    anonymous = ComplaintFactory(shop=shop, user=advisor, customer_name="Walk-in")
    page = browser_as(advisor).get(f"/complaints/{anonymous.pk}/").content.decode()
    assert "message-to-customer" not in page
    response = browser_as(advisor).post(f"/complaints/{anonymous.pk}/message/", {})
    assert response.status_code == 404


def test_a_role_that_logs_nothing_is_not_offered_it(browser_as, technician, complaint):
    page = browser_as(technician).get(f"/complaints/{complaint.pk}/").content.decode()
    assert "message-to-customer" not in page


def test_another_shops_complaint_is_not_found(browser_as, outsider, complaint):
    response = browser_as(outsider).post(
        f"/complaints/{complaint.pk}/message/", {"message-summary": "x"}
    )
    assert response.status_code == 404

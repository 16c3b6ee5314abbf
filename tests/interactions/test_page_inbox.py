"""The shop's inbox page (issue 16): unmatched messages wait there; staff file one to a customer,
which records the log entry then. Other shops' messages are 404."""

import pytest
from django.urls import reverse
from django.utils import timezone

from interactions.models import (
    CommunicationLog,
    InboundAttachment,
    InboundMessage,
    InboundStatus,
)
from interactions.services.inbound import ALREADY_FILED, inbound_message_file
from servicedesk.errors import Conflict
from tests.vehicles.factories import CustomerFactory, VehicleFactory

from .inbound_mail import png_bytes

pytestmark = pytest.mark.django_db
INBOX = reverse("interactions:inbox")


def waiting(shop, n=0, **fields):
    return InboundMessage.objects.create(
        shop=shop,
        key=f"email:<{n}-{shop.pk}@x>",
        channel="email",
        provider="mailgun",
        sender=f"who{n}@example.net",
        subject=f"Question {n}",
        body="Can you call me?",
        received_at=timezone.now(),
        **fields,
    )


def test_the_inbox_lists_the_shop_s_waiting_messages(browser_as, advisor, shop, other_shop):
    waiting(shop, 1)
    waiting(other_shop, 2)
    page = browser_as(advisor).get(INBOX)
    assert page.status_code == 200
    assert "Question 1" in page.text and "Question 2" not in page.text


def test_the_inbox_reads_in_chinese(browser_as, advisor, shop):
    waiting(shop, 1)
    page = browser_as(advisor).get(INBOX, headers={"accept-language": "zh-hans"})
    assert "收件箱" in page.text


@pytest.mark.parametrize("rows", [2, 12])
def test_the_inbox_costs_the_same_at_any_length(
    browser_as, advisor, shop, rows, django_assert_max_num_queries
):
    for n in range(rows):
        waiting(shop, n)
    client = browser_as(advisor)
    with django_assert_max_num_queries(14):
        assert client.get(INBOX).status_code == 200


def test_filing_a_message_records_it_on_the_customer_log(browser_as, advisor, shop):
    message = waiting(shop, 1)
    customer = CustomerFactory(shop=shop, name="Mr Li")
    car = VehicleFactory(owner=customer)
    url = reverse("interactions:inbox-detail", args=[message.pk])
    client = browser_as(advisor)
    assert client.get(url).status_code == 200
    answer = client.post(url, {"customer": customer.pk, "vehicle": car.pk})
    assert answer.status_code == 302
    message.refresh_from_db()
    assert (message.status, message.customer, message.filed_by) == (
        InboundStatus.FILED,
        customer,
        advisor,
    )
    entry = CommunicationLog.objects.get()
    assert (entry.customer, entry.vehicle, entry.by, entry.direction) == (
        customer,
        car,
        None,
        "inbound",
    )


def test_a_customer_of_another_shop_is_refused_and_the_page_keeps_the_message(
    browser_as, advisor, shop, other_shop
):
    message = waiting(shop, 1)
    stranger = CustomerFactory(shop=other_shop)
    url = reverse("interactions:inbox-detail", args=[message.pk])
    answer = browser_as(advisor).post(url, {"customer": stranger.pk})
    assert answer.status_code == 400
    assert "Can you call me?" in answer.text
    assert not CommunicationLog.objects.exists()


def test_a_message_is_filed_once(advisor, shop):
    message = waiting(shop, 1)
    customer = CustomerFactory(shop=shop)
    inbound_message_file(user=advisor, pk=message.pk, customer_pk=customer.pk)
    with pytest.raises(Conflict) as refused:
        inbound_message_file(user=advisor, pk=message.pk, customer_pk=customer.pk)
    assert refused.value.message == ALREADY_FILED


def test_another_shop_s_message_and_file_are_not_found(browser_as, outsider, shop):
    message = waiting(shop, 1)
    kept = InboundAttachment(message=message, name="a.png", content_type="image/png")
    from django.core.files.base import ContentFile

    kept.file.save("a.png", ContentFile(png_bytes()))
    client = browser_as(outsider)
    assert client.get(reverse("interactions:inbox-detail", args=[message.pk])).status_code == 404
    assert client.get(reverse("interactions:inbox-attachment", args=[kept.pk])).status_code == 404


def test_staff_of_the_shop_open_an_emailed_photo(browser_as, advisor, shop):
    message = waiting(shop, 1)
    kept = InboundAttachment(message=message, name="a.png", content_type="image/png")
    from django.core.files.base import ContentFile

    kept.file.save("a.png", ContentFile(png_bytes()))
    answer = browser_as(advisor).get(reverse("interactions:inbox-attachment", args=[kept.pk]))
    assert answer.status_code == 200 and answer["X-Content-Type-Options"] == "nosniff"

"""The inbox over the API (issue 16): a list of the caller's shops, one message, and filing it."""

import pytest
from django.utils import timezone

from interactions.models import CommunicationLog, InboundMessage
from interactions.services import ALREADY_FILED
from tests.vehicles.factories import CustomerFactory

pytestmark = pytest.mark.django_db


def waiting(shop, n=0):
    return InboundMessage.objects.create(
        shop=shop,
        key=f"email:<api-{n}-{shop.pk}@x>",
        channel="email",
        provider="imap",
        sender=f"who{n}@example.net",
        subject=f"Question {n}",
        body="Call me",
        received_at=timezone.now(),
    )


def test_the_list_shows_the_caller_s_shops_only(api, advisor, shop, other_shop):
    mine = waiting(shop, 1)
    waiting(other_shop, 2)
    api.force_authenticate(advisor)
    answer = api.get("/api/v1/inbox/?status=inbox")
    assert answer.status_code == 200
    assert [m["id"] for m in answer.json()["results"]] == [mine.pk]


@pytest.mark.parametrize("rows", [2, 12])
def test_the_list_costs_the_same_at_any_length(
    api, advisor, shop, rows, django_assert_max_num_queries
):
    for n in range(rows):
        waiting(shop, n)
    api.force_authenticate(advisor)
    with django_assert_max_num_queries(8):
        assert api.get("/api/v1/inbox/").status_code == 200


def test_another_shop_s_message_is_not_found(api, outsider, shop):
    message = waiting(shop, 1)
    api.force_authenticate(outsider)
    assert api.get(f"/api/v1/inbox/{message.pk}/").status_code == 404
    customer = CustomerFactory(shop=outsider.memberships.first().shop)
    answer = api.post(f"/api/v1/inbox/{message.pk}/file/", {"customer": customer.pk}, format="json")
    assert answer.status_code == 404


def test_filing_records_the_log_entry_and_a_second_filing_is_refused(api, advisor, shop):
    message = waiting(shop, 1)
    customer = CustomerFactory(shop=shop)
    api.force_authenticate(advisor)
    answer = api.post(f"/api/v1/inbox/{message.pk}/file/", {"customer": customer.pk}, format="json")
    assert answer.status_code == 200
    assert (answer.json()["status"], answer.json()["customer"]) == ("filed", customer.pk)
    assert CommunicationLog.objects.get().customer == customer
    again = api.post(f"/api/v1/inbox/{message.pk}/file/", {"customer": customer.pk}, format="json")
    assert again.status_code == 409 and str(ALREADY_FILED) in again.content.decode()

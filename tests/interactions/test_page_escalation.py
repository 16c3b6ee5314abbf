import pytest
from django.urls import reverse

from interactions.services import interaction_escalate
from servicedesk.notifications.models import Notification
from tests.vehicles.factories import CustomerFactory

from .factories import InteractionFactory


@pytest.fixture
def escalation(advisor, manager, walk_in):
    return interaction_escalate(user=advisor, pk=walk_in.pk, reason="Wants a loaner")


def test_the_manager_answers_from_the_page(browser_as, manager, advisor, escalation):
    client = browser_as(manager)
    url = reverse("interactions:escalation", args=[escalation.pk])
    assert "Wants a loaner" in client.get(url).content.decode()
    answer = client.post(url, {"response": "Offer a ride"})
    assert answer.status_code == 302
    escalation.refresh_from_db()
    assert escalation.response == "Offer a ride"
    assert Notification.objects.filter(recipient=advisor, kind="escalation_response").exists()


def test_an_empty_response_is_refused(browser_as, manager, escalation):
    answer = browser_as(manager).post(
        reverse("interactions:escalation", args=[escalation.pk]), {"response": ""}
    )
    assert answer.status_code == 400
    escalation.refresh_from_db()
    assert escalation.responded_at is None


def test_an_advisor_sees_but_cannot_answer(browser_as, advisor, escalation):
    client = browser_as(advisor)
    url = reverse("interactions:escalation", args=[escalation.pk])
    assert "Record the response" not in client.get(url).content.decode()
    assert client.post(url, {"response": "x"}).status_code == 403


def test_another_shops_escalation_is_not_found(browser_as, outsider, escalation):
    url = reverse("interactions:escalation", args=[escalation.pk])
    assert browser_as(outsider).get(url).status_code == 404


@pytest.mark.parametrize("rows", [5, 30])
def test_the_queue_query_count_does_not_grow(
    browser_as, manager, advisor, shop, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        interaction = InteractionFactory(customer=CustomerFactory(shop=shop), advisor=advisor)
        interaction_escalate(user=advisor, pk=interaction.pk, reason="x")
    client = browser_as(manager)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("interactions:escalations")).status_code == 200

import pytest

from interactions.services import (
    ALREADY_ANSWERED,
    RESPONSE_REQUIRED,
    escalation_respond,
    interaction_escalate,
)
from servicedesk.errors import NOT_ALLOWED, NOT_FOUND, Conflict, Forbidden, Invalid, NotFound
from servicedesk.notifications.models import Notification

from .factories import InteractionFactory


@pytest.fixture
def escalation(advisor, manager, walk_in):
    return interaction_escalate(user=advisor, pk=walk_in.pk, reason="Wants a loaner car")


def test_the_manager_answers_and_the_advisor_is_notified(manager, advisor, escalation):
    answered = escalation_respond(
        user=manager, pk=escalation.pk, response="Offer a ride; loaner tomorrow"
    )
    assert answered.responded_by == manager and answered.responded_at is not None
    note = Notification.objects.get(recipient=advisor, kind="escalation_response")
    assert note.body == "Offer a ride; loaner tomorrow"
    assert f"/interactions/{escalation.interaction_id}/" in note.url


def test_the_duty_supervisor_may_answer(supervisor, escalation):
    assert escalation_respond(user=supervisor, pk=escalation.pk, response="OK").responded_by


def test_it_is_answered_once(manager, supervisor, escalation):
    escalation_respond(user=manager, pk=escalation.pk, response="First")
    with pytest.raises(Conflict) as refused:
        escalation_respond(user=supervisor, pk=escalation.pk, response="Second")
    assert refused.value.message == ALREADY_ANSWERED
    escalation.refresh_from_db()
    assert escalation.response == "First"


def test_it_needs_a_response(manager, escalation):
    with pytest.raises(Invalid) as exc:
        escalation_respond(user=manager, pk=escalation.pk, response=" ")
    assert exc.value.message == RESPONSE_REQUIRED
    assert exc.value.field == "response"


def test_an_advisor_cannot_answer(advisor, escalation):
    with pytest.raises(Forbidden) as refused:
        escalation_respond(user=advisor, pk=escalation.pk, response="Fine by me")
    assert refused.value.message == NOT_ALLOWED


def test_another_shops_escalation_is_not_found(outsider, other_shop, escalation):
    with pytest.raises(NotFound) as refused:
        escalation_respond(user=outsider, pk=escalation.pk, response="x")
    assert refused.value.message == NOT_FOUND


def test_escalation_on_an_interaction_without_customer_works(advisor, manager, shop):
    interaction = InteractionFactory(customer=None, shop=shop, advisor=advisor)
    escalation = interaction_escalate(user=advisor, pk=interaction.pk, reason="x")
    assert escalation_respond(user=manager, pk=escalation.pk, response="y").response == "y"

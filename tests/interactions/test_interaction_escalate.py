import pytest

from interactions import hooks
from interactions.models import Escalation, EscalationKind
from interactions.services import (
    ALREADY_CLOSED,
    ALREADY_NOT_SATISFIED,
    NOT_SATISFIED_ONLY_AT_KEEP,
    REASON_REQUIRED,
    interaction_advance,
    interaction_escalate,
    interaction_update,
)
from servicedesk.accounts.models import Membership
from servicedesk.errors import NOT_FOUND, Conflict, Invalid, NotFound
from servicedesk.notifications.models import Notification

from .test_interaction_advance import run_to


@pytest.fixture
def handled():
    """A not-satisfied handler registered for the test, as complaints registers its own."""
    seen = []

    def handler(*, escalation):
        seen.append(escalation)
        return "ignored"

    hooks.register_not_satisfied_handler(handler)
    yield seen
    hooks.unregister_not_satisfied_handler(handler)


def test_it_goes_to_the_manager_on_duty_who_is_notified(advisor, manager, supervisor, walk_in):
    escalation = interaction_escalate(
        user=advisor, pk=walk_in.pk, reason="Wants a loaner car today; none left"
    )
    assert escalation.assigned_to == manager
    assert (escalation.kind, escalation.stage) == (EscalationKind.UNEXPECTED_DEMAND, "greet")
    note = Notification.objects.get(recipient=manager)
    assert note.kind == "escalation" and f"/escalations/{escalation.pk}/" in note.url
    assert not Notification.objects.filter(recipient=supervisor).exists()


def test_without_a_manager_on_duty_it_goes_to_the_duty_supervisor(
    advisor, manager, supervisor, walk_in
):
    Membership.objects.filter(user=manager).update(on_duty=False)
    escalation = interaction_escalate(user=advisor, pk=walk_in.pk, reason="Wants a discount")
    assert escalation.assigned_to == supervisor
    assert Notification.objects.filter(recipient=supervisor, kind="escalation").exists()


def test_with_nobody_on_duty_every_manager_and_supervisor_is_told(
    advisor, manager, supervisor, walk_in
):
    Membership.objects.filter(user__in=[manager, supervisor]).update(on_duty=False)
    escalation = interaction_escalate(user=advisor, pk=walk_in.pk, reason="Wants a discount")
    assert escalation.assigned_to is None
    assert Notification.objects.filter(kind="escalation").count() == 2


@pytest.mark.parametrize("reason", ["", "   "])
def test_it_needs_a_reason(advisor, manager, walk_in, reason):
    with pytest.raises(Invalid) as exc:
        interaction_escalate(user=advisor, pk=walk_in.pk, reason=reason)
    assert exc.value.message == REASON_REQUIRED
    assert exc.value.field == "reason"
    assert not Escalation.objects.exists() and not Notification.objects.exists()


def test_a_closed_interaction_is_not_escalated(advisor, manager, walk_in):
    interaction_advance(user=advisor, pk=walk_in.pk, stage="closed", outcome="answered")
    with pytest.raises(Conflict) as refused:
        interaction_escalate(user=advisor, pk=walk_in.pk, reason="Too late")
    assert refused.value.message == ALREADY_CLOSED


def test_another_shops_interaction_is_not_found(advisor, theirs):
    with pytest.raises(NotFound) as refused:
        interaction_escalate(user=advisor, pk=theirs.pk, reason="x")
    assert refused.value.message == NOT_FOUND


def test_a_low_score_at_keep_escalates_as_not_satisfied_and_calls_the_hook(
    advisor, manager, walk_in, handled
):
    run_to(walk_in, advisor, "help")
    interaction_advance(
        user=advisor,
        pk=walk_in.pk,
        stage="keep",
        fields={"satisfaction": 2, "satisfaction_words": "Still squeals"},
    )
    escalation = Escalation.objects.get()
    assert escalation.kind == EscalationKind.NOT_SATISFIED and escalation.stage == "keep"
    assert "Still squeals" in escalation.reason and escalation.assigned_to == manager
    assert handled == [escalation]
    assert handled[0].interaction.pk == walk_in.pk


def test_a_low_score_entered_later_at_keep_escalates_once(advisor, manager, walk_in, handled):
    run_to(walk_in, advisor, "help")
    interaction_advance(user=advisor, pk=walk_in.pk, stage="keep")
    interaction_update(user=advisor, pk=walk_in.pk, fields={"satisfaction": 1})
    interaction_update(user=advisor, pk=walk_in.pk, fields={"satisfaction": 2})
    assert Escalation.objects.filter(kind="not_satisfied").count() == 1
    assert len(handled) == 1


def test_a_good_score_escalates_nothing(advisor, manager, walk_in, handled):
    run_to(walk_in, advisor, "keep")
    assert not Escalation.objects.exists() and handled == []


def test_the_advisor_marks_a_customer_not_satisfied_at_keep(advisor, manager, walk_in, handled):
    run_to(walk_in, advisor, "keep")
    escalation = interaction_escalate(
        user=advisor, pk=walk_in.pk, reason="Says 5 but is clearly unhappy", kind="not_satisfied"
    )
    assert handled == [escalation]
    with pytest.raises(Conflict) as refused:
        interaction_escalate(user=advisor, pk=walk_in.pk, reason="again", kind="not_satisfied")
    assert refused.value.message == ALREADY_NOT_SATISFIED


def test_not_satisfied_is_only_at_keep(advisor, manager, walk_in, handled):
    with pytest.raises(Conflict) as refused:
        interaction_escalate(user=advisor, pk=walk_in.pk, reason="x", kind="not_satisfied")
    assert refused.value.message == NOT_SATISFIED_ONLY_AT_KEEP
    assert handled == []


def test_a_failing_handler_rolls_the_escalation_back(advisor, manager, walk_in):
    def broken(*, escalation):
        raise RuntimeError("complaint could not be opened")

    hooks.register_not_satisfied_handler(broken)
    try:
        run_to(walk_in, advisor, "keep")
        with pytest.raises(RuntimeError):
            interaction_escalate(user=advisor, pk=walk_in.pk, reason="x", kind="not_satisfied")
    finally:
        hooks.unregister_not_satisfied_handler(broken)
    assert not Escalation.objects.exists()


def test_an_unexpected_demand_does_not_call_the_hook(advisor, manager, walk_in, handled):
    interaction_escalate(user=advisor, pk=walk_in.pk, reason="Wants it washed")
    assert handled == []

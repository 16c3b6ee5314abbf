from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from interactions.models import Stage
from interactions.services import (
    ALREADY_CLOSED,
    OUT_OF_ORDER,
    OUTCOME_COMPLETED_ONLY_FROM_KEEP,
    OUTCOME_REQUIRED,
    SATISFACTION_RANGE,
    STALE_COPY,
    UNKNOWN_OUTCOME,
    UNKNOWN_STAGE,
    WORK_ORDER_OTHER_CUSTOMER,
    interaction_advance,
)
from interactions.stages import AGREEMENT_REQUIRED, NEED_IN_WORDS_REQUIRED, SATISFACTION_REQUIRED
from servicedesk.errors import NOT_FOUND, Conflict, Invalid, NotFound
from tests.vehicles.factories import CustomerFactory, VehicleFactory, WorkOrderFactory

NEED = {"need_in_customer_words": "It squeals when I brake", "main_concern": "time"}
CONFIRM = {"agreed_work": "Replace front pads", "customer_agreed": True, "estimate": "480.00"}


def run_to(interaction, user, stage):
    steps = [
        (Stage.KNOW_NEED, NEED),
        (Stage.CONFIRM, CONFIRM),
        (Stage.HELP, {"delivered_summary": "Pads replaced"}),
        (Stage.KEEP, {"satisfaction": 5}),
    ]
    for target, fields in steps:
        interaction = interaction_advance(user=user, pk=interaction.pk, stage=target, fields=fields)
        if target == stage:
            break
    return interaction


def test_it_runs_greet_to_closed_keeping_each_stages_data(advisor, walk_in):
    promised = timezone.now() + timedelta(hours=3)
    pk = walk_in.pk
    interaction_advance(
        user=advisor,
        pk=pk,
        stage="know_need",
        fields={
            "need_in_customer_words": "It squeals when I brake",
            "restatement": "A squeal from the front when braking",
            "clarifying_questions": "Since when? A week.",
            "main_concern": "expense",
        },
    )
    interaction_advance(
        user=advisor,
        pk=pk,
        stage="confirm",
        fields={
            "agreed_work": "Replace front pads",
            "can_do": "Pads today",
            "cannot_do": "Rotors need ordering",
            "customer_responsibilities": "Collect by 18:00",
            "promised_at": promised,
            "estimate": "480.00",
            "customer_agreed": True,
        },
    )
    interaction_advance(
        user=advisor,
        pk=pk,
        stage="help",
        fields={"delivered_summary": "Pads replaced", "information_given": "Rotors at 60%"},
    )
    interaction_advance(
        user=advisor,
        pk=pk,
        stage="keep",
        fields={
            "satisfaction": 4,
            "satisfaction_words": "Quick",
            "thanked": True,
            "invited_back": True,
            "next_visit_on": "2027-01-15",
        },
    )
    closed = interaction_advance(user=advisor, pk=pk, stage="closed")
    closed.refresh_from_db()
    assert closed.stage == Stage.CLOSED and closed.outcome == "completed"
    assert closed.restatement.startswith("A squeal") and closed.main_concern == "expense"
    assert closed.estimate == Decimal("480.00") and closed.promised_at == promised
    assert closed.information_given == "Rotors at 60%"
    assert closed.satisfaction == 4 and closed.next_visit_on.isoformat() == "2027-01-15"
    stamps = [closed.greet_at, closed.know_need_at, closed.confirm_at, closed.help_at]
    stamps += [closed.keep_at, closed.closed_at]
    assert all(stamps) and stamps == sorted(stamps)
    assert closed.version == 6


@pytest.mark.parametrize("target", ["confirm", "help", "keep", "greet"])
def test_it_refuses_a_stage_out_of_order(advisor, walk_in, target):
    with pytest.raises(Conflict) as refused:
        interaction_advance(user=advisor, pk=walk_in.pk, stage=target)
    assert refused.value.message == OUT_OF_ORDER % {
        "current": Stage.GREET.label,
        "next": Stage.KNOW_NEED.label,
    }
    walk_in.refresh_from_db()
    assert walk_in.stage == Stage.GREET and walk_in.version == 1


def test_it_refuses_the_same_stage_again(advisor, walk_in):
    run_to(walk_in, advisor, Stage.KNOW_NEED)
    with pytest.raises(Conflict) as refused:
        interaction_advance(user=advisor, pk=walk_in.pk, stage="know_need", fields=NEED)
    assert refused.value.message == OUT_OF_ORDER % {
        "current": Stage.KNOW_NEED.label,
        "next": Stage.CONFIRM.label,
    }


def test_state_is_checked_before_fields(advisor, walk_in):
    with pytest.raises(Conflict) as refused:
        interaction_advance(user=advisor, pk=walk_in.pk, stage="keep", fields={"satisfaction": 9})
    assert refused.value.message == OUT_OF_ORDER % {
        "current": Stage.GREET.label,
        "next": Stage.KNOW_NEED.label,
    }


def test_it_refuses_an_unknown_stage(advisor, walk_in):
    with pytest.raises(Invalid) as exc:
        interaction_advance(user=advisor, pk=walk_in.pk, stage="celebrate")
    assert exc.value.message == UNKNOWN_STAGE
    assert exc.value.field == "stage"


def test_it_refuses_anything_past_closed(advisor, walk_in):
    interaction_advance(user=advisor, pk=walk_in.pk, stage="closed", outcome="answered")
    for stage, outcome in (("know_need", ""), ("closed", "answered")):
        with pytest.raises(Conflict) as refused:
            interaction_advance(user=advisor, pk=walk_in.pk, stage=stage, outcome=outcome)
        assert refused.value.message == ALREADY_CLOSED


@pytest.mark.parametrize("score", [0, 6, -1, "five", 2.5])
def test_it_refuses_a_score_outside_1_to_5(advisor, walk_in, score):
    run_to(walk_in, advisor, Stage.HELP)
    with pytest.raises(Invalid) as exc:
        interaction_advance(
            user=advisor, pk=walk_in.pk, stage="keep", fields={"satisfaction": score}
        )
    assert exc.value.message == SATISFACTION_RANGE
    assert exc.value.field == "satisfaction"
    walk_in.refresh_from_db()
    assert walk_in.stage == Stage.HELP and walk_in.satisfaction is None


def test_it_needs_the_customers_agreement_to_leave_confirm(advisor, walk_in):
    run_to(walk_in, advisor, Stage.KNOW_NEED)
    interaction_advance(
        user=advisor, pk=walk_in.pk, stage="confirm", fields={"agreed_work": "Pads"}
    )
    with pytest.raises(Invalid) as exc:
        interaction_advance(user=advisor, pk=walk_in.pk, stage="help")
    assert exc.value.message == AGREEMENT_REQUIRED
    assert exc.value.field == "customer_agreed"
    walk_in.refresh_from_db()
    assert walk_in.stage == Stage.CONFIRM


def test_it_needs_the_need_in_the_customers_words_to_leave_know_need(advisor, walk_in):
    interaction_advance(user=advisor, pk=walk_in.pk, stage="know_need")
    with pytest.raises(Invalid) as exc:
        interaction_advance(user=advisor, pk=walk_in.pk, stage="confirm", fields=CONFIRM)
    assert exc.value.message == NEED_IN_WORDS_REQUIRED
    assert exc.value.field == "need_in_customer_words"


def test_it_needs_a_satisfaction_check_to_close_as_completed(advisor, walk_in):
    run_to(walk_in, advisor, Stage.HELP)
    interaction_advance(user=advisor, pk=walk_in.pk, stage="keep")
    with pytest.raises(Invalid) as exc:
        interaction_advance(user=advisor, pk=walk_in.pk, stage="closed")
    assert exc.value.message == SATISFACTION_REQUIRED
    assert exc.value.field == "satisfaction"


def test_an_inquiry_closes_early_with_an_outcome(advisor, walk_in):
    interaction_advance(user=advisor, pk=walk_in.pk, stage="know_need", fields=NEED)
    closed = interaction_advance(user=advisor, pk=walk_in.pk, stage="closed", outcome="booked")
    assert (closed.stage, closed.outcome) == (Stage.CLOSED, "booked")
    assert closed.confirm_at is None and closed.closed_at is not None


def test_an_early_close_needs_an_outcome(advisor, walk_in):
    with pytest.raises(Invalid) as exc:
        interaction_advance(user=advisor, pk=walk_in.pk, stage="closed")
    assert exc.value.message == OUTCOME_REQUIRED
    assert exc.value.field == "outcome"
    with pytest.raises(Invalid) as refused:
        interaction_advance(user=advisor, pk=walk_in.pk, stage="closed", outcome="maybe")
    assert refused.value.message == UNKNOWN_OUTCOME


def test_only_keep_closes_as_completed(advisor, walk_in):
    with pytest.raises(Conflict) as refused:
        interaction_advance(user=advisor, pk=walk_in.pk, stage="closed", outcome="completed")
    assert refused.value.message == OUTCOME_COMPLETED_ONLY_FROM_KEEP


def test_it_refuses_a_stale_copy(advisor, walk_in):
    interaction_advance(user=advisor, pk=walk_in.pk, stage="know_need", version=1)
    with pytest.raises(Conflict) as exc:
        interaction_advance(user=advisor, pk=walk_in.pk, stage="confirm", version=1)
    assert exc.value.message == STALE_COPY
    assert exc.value.code == "stale"


def test_it_links_a_work_order_of_the_customer_at_confirm(advisor, walk_in, customer):
    order = WorkOrderFactory(vehicle=VehicleFactory(owner=customer), advisor=advisor)
    run_to(walk_in, advisor, Stage.KNOW_NEED)
    interaction = interaction_advance(
        user=advisor, pk=walk_in.pk, stage="confirm", fields={**CONFIRM, "work_order": order}
    )
    assert interaction.work_order == order


def test_it_refuses_another_customers_work_order(advisor, walk_in, shop):
    other = CustomerFactory(shop=shop)
    order = WorkOrderFactory(vehicle=VehicleFactory(owner=other), advisor=advisor)
    run_to(walk_in, advisor, Stage.KNOW_NEED)
    with pytest.raises(Invalid) as exc:
        interaction_advance(
            user=advisor, pk=walk_in.pk, stage="confirm", fields={**CONFIRM, "work_order": order}
        )
    assert exc.value.message == WORK_ORDER_OTHER_CUSTOMER
    assert exc.value.field == "work_order"


def test_the_main_concern_learned_at_know_need_goes_to_the_profile(advisor, walk_in, customer):
    run_to(walk_in, advisor, Stage.KNOW_NEED)
    customer.refresh_from_db()
    assert customer.main_concern == "time"


def test_another_shops_interaction_is_not_found(advisor, theirs):
    with pytest.raises(NotFound) as refused:
        interaction_advance(user=advisor, pk=theirs.pk, stage="know_need")
    assert refused.value.message == NOT_FOUND
    theirs.refresh_from_db()
    assert theirs.stage == Stage.GREET

"""Pages ask, they don't restate: every action ``interaction_actions`` offers, the service
accepts, and every action the service accepts is offered — for interactions at each stage, with
and without a known customer, for each role; the page shows the forms of exactly those actions,
and the API's ``allowed_actions`` says the same. The service is called in a savepoint rolled back
after; a refusal of what the fields say (a stage's requirement) is not a refusal of who or when,
and counts as accepted."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from interactions import services
from interactions.models import STAGE_ORDER, Interaction, Outcome, Stage
from interactions.stages import OPEN_STAGES
from servicedesk.accounts.models import Role
from servicedesk.errors import Conflict, Forbidden, Invalid, NotFound
from tests.factories import staff
from tests.vehicles.factories import VehicleFactory

from .factories import InteractionFactory


class _Rollback(Exception):
    pass


def _accepted(call) -> bool:
    try:
        with transaction.atomic():
            call()
            raise _Rollback
    except (_Rollback, Invalid):
        return True
    except (Conflict, Forbidden, NotFound):
        return False


def _service_calls(i: Interaction) -> dict:
    """Each action name with the service calls that do it (any one accepted: accepted)."""
    customer = i.customer
    calls = {
        "edit": [lambda user: services.interaction_update(user=user, pk=i.pk, fields={})],
        "advance": [
            lambda user, stage=stage: services.interaction_advance(user=user, pk=i.pk, stage=stage)
            for stage in OPEN_STAGES
        ],
        "complete": [
            lambda user: services.interaction_advance(
                user=user, pk=i.pk, stage=Stage.CLOSED, outcome=Outcome.COMPLETED
            )
        ],
        "close": [
            lambda user: services.interaction_advance(
                user=user, pk=i.pk, stage=Stage.CLOSED, outcome=Outcome.ANSWERED
            )
        ],
        "escalate": [
            lambda user: services.interaction_escalate(user=user, pk=i.pk, reason="A loaner")
        ],
        "open_work_order": [
            lambda user: services.interaction_open_work_order(user=user, pk=i.pk, mileage_in=42100)
        ],
        "log": [],
        "learn": [],
    }
    if customer is not None:  # with nobody known, there is no one to log or learn about
        calls["log"].append(
            lambda user: services.communication_log(
                user=user,
                customer_pk=customer.pk,
                direction="inbound",
                channel="in_person",
                kind="inquiry",
                summary="Asked about the brakes",
            )
        )
        calls["learn"].append(
            lambda user: services.customer_profile_learn(
                user=user, customer_pk=customer.pk, changes={"wants_ride": True}
            )
        )
    return calls


@pytest.fixture
def people(shop, other_shop, advisor, manager, supervisor, quality, cashier, reporting, technician):
    return {
        "advisor": advisor,
        "manager": manager,
        "supervisor": supervisor,
        "quality": quality,
        "cashier": cashier,
        "reporting": reporting,
        "technician": technician,
        "other shop's manager": staff("southmanager", other_shop, Role.MANAGER),
    }


def _interaction(shop, advisor, *, stage: str, known: bool) -> Interaction:
    """At ``stage``, with everything its stages ask recorded; ``known``: Mr Zhou and his car."""
    car = VehicleFactory(shop=shop, user=advisor, mileage=42000) if known else None
    return InteractionFactory(
        shop=shop,
        customer=car.owner if car else None,
        vehicle=car,
        advisor=advisor,
        stage=stage,
        need_in_customer_words="Squeak when braking",
        agreed_work="Replace the front brake pads",
        customer_agreed=True,
        promised_at=timezone.now() + timedelta(hours=3),
        satisfaction=5 if stage in (Stage.KEEP, Stage.CLOSED) else None,
        outcome=Outcome.COMPLETED if stage == Stage.CLOSED else "",
    )


@pytest.mark.parametrize("known", [True, False], ids=["known", "walk-in"])
@pytest.mark.parametrize("stage", STAGE_ORDER)
def test_interaction_actions_are_what_the_services_accept(stage, known, people, shop, advisor):
    interaction = _interaction(shop, advisor, stage=stage, known=known)
    calls = _service_calls(interaction)
    mismatches = []
    for who, user in people.items():
        offered = services.interaction_actions(Interaction.objects.get(pk=interaction.pk), user)
        assert offered <= set(calls)
        for action, tries in calls.items():
            accepted = any(_accepted(lambda call=call, user=user: call(user)) for call in tries)
            if (action in offered) != accepted:
                mismatches.append((who, action, "offered" if action in offered else "refused"))
    assert not mismatches


def _page_markers(interaction: Interaction) -> dict:
    """What on the interaction page offers each action."""
    pk = interaction.pk
    return {
        "edit": 'id="stage-form"',
        "advance": 'name="then" value="advance" class="btn btn-primary',
        "complete": 'name="then" value="advance" class="btn btn-success',
        "close": f'action="{reverse("interactions:close", args=[pk])}"',
        "escalate": 'id="escalate-form"',
        "open_work_order": f'action="{reverse("interactions:work-order", args=[pk])}"',
        "log": f'action="{reverse("interactions:communication-new")}?customer=',
        "learn": f'action="{reverse("interactions:learned", args=[pk])}"',
    }


@pytest.mark.parametrize("known", [True, False], ids=["known", "walk-in"])
@pytest.mark.parametrize("stage", STAGE_ORDER)
def test_the_page_offers_the_forms_of_what_the_user_may_do(
    stage, known, people, shop, advisor, client
):
    interaction = _interaction(shop, advisor, stage=stage, known=known)
    for who, user in people.items():
        if who == "other shop's manager":
            continue  # the page answers 404
        client.force_login(user)
        html = client.get(reverse("interactions:detail", args=[interaction.pk])).content.decode()
        offered = services.interaction_actions(Interaction.objects.get(pk=interaction.pk), user)
        shown = {action for action, marker in _page_markers(interaction).items() if marker in html}
        assert shown == offered, who


def test_the_api_says_what_the_caller_may_do(api_as, shop, advisor, quality):
    interaction = _interaction(shop, advisor, stage=Stage.CONFIRM, known=True)
    for user in (advisor, quality):
        body = api_as(user).get(f"/api/v1/interactions/{interaction.pk}/").json()
        assert body["allowed_actions"] == sorted(services.interaction_actions(interaction, user))
    body = api_as(advisor).get(f"/api/v1/interactions/{interaction.pk}/").json()
    assert {"edit", "advance", "close", "escalate", "open_work_order"} <= set(
        body["allowed_actions"]
    )

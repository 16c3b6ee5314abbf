import pytest

from interactions.models import Stage
from interactions.services import (
    ALREADY_CLOSED,
    IDENTITY_REQUIRED,
    NOT_A_STAGE_FIELD,
    NOT_CURRENT_STAGE,
    STALE_COPY,
    WRONG_SHOP,
    interaction_advance,
    interaction_update,
)
from servicedesk.errors import Conflict, Invalid
from tests.vehicles.factories import CustomerFactory, VehicleFactory


def test_it_edits_the_current_stages_fields_and_bumps_the_version(advisor, walk_in):
    interaction = interaction_update(
        user=advisor, pk=walk_in.pk, fields={"cue_upset": True}, version=1
    )
    assert interaction.cue_upset and interaction.version == 2


def test_it_refuses_a_field_of_another_stage(advisor, walk_in):
    with pytest.raises(Conflict) as refused:
        interaction_update(user=advisor, pk=walk_in.pk, fields={"agreed_work": "x"})
    stages = {"stage": Stage.CONFIRM.label, "current": Stage.GREET.label}
    assert refused.value.message == NOT_CURRENT_STAGE % stages


def test_it_refuses_an_unknown_field(advisor, walk_in):
    with pytest.raises(Invalid) as exc:
        interaction_update(user=advisor, pk=walk_in.pk, fields={"stage": "keep"})
    assert exc.value.field == "stage"
    assert exc.value.message == NOT_A_STAGE_FIELD % {"stage": Stage.GREET.label}


def test_a_closed_interaction_cannot_be_edited(advisor, walk_in):
    interaction_advance(user=advisor, pk=walk_in.pk, stage="closed", outcome="no_action")
    with pytest.raises(Conflict) as refused:
        interaction_update(user=advisor, pk=walk_in.pk, fields={"greet_notes": "late note"})
    assert refused.value.message == ALREADY_CLOSED
    walk_in.refresh_from_db()
    assert walk_in.greet_notes == ""


def test_it_refuses_a_stale_copy(advisor, walk_in):
    interaction_update(user=advisor, pk=walk_in.pk, fields={"cue_upset": True}, version=1)
    with pytest.raises(Conflict) as refused:
        interaction_update(user=advisor, pk=walk_in.pk, fields={"cue_upset": False}, version=1)
    assert refused.value.message == STALE_COPY


def test_a_walk_in_is_identified_later(advisor, walk_in, shop):
    walk_in.customer = None
    walk_in.walk_in_name = "Mr Qian"
    walk_in.save()
    qian = CustomerFactory(shop=shop, name="Qian Bo")
    car = VehicleFactory(owner=qian)
    interaction = interaction_update(
        user=advisor, pk=walk_in.pk, fields={"customer": qian, "vehicle": car}
    )
    assert (interaction.customer, interaction.vehicle) == (qian, car)
    assert interaction.stage == Stage.GREET


def test_saying_who_it_is_with_nobody_and_no_name_is_refused(advisor, walk_in):
    walk_in.customer = None
    walk_in.save()
    with pytest.raises(Invalid) as exc:
        interaction_update(
            user=advisor,
            pk=walk_in.pk,
            fields={"customer": None, "vehicle": None, "walk_in_name": "  "},
            version=1,
        )
    assert (exc.value.field, exc.value.message) == ("walk_in_name", IDENTITY_REQUIRED)
    walk_in.refresh_from_db()
    assert walk_in.version == 1
    named = interaction_update(user=advisor, pk=walk_in.pk, fields={"walk_in_name": "Mr Qian"})
    assert named.walk_in_name == "Mr Qian" and named.customer is None


def test_it_refuses_another_shops_vehicle(advisor, walk_in, other_shop):
    with pytest.raises(Invalid) as exc:
        interaction_update(
            user=advisor,
            pk=walk_in.pk,
            fields={"vehicle": VehicleFactory(owner=CustomerFactory(shop=other_shop))},
        )
    assert exc.value.message == WRONG_SHOP
    assert exc.value.field == "vehicle"

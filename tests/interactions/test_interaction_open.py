import pytest

from interactions.models import Stage
from interactions.services import NOT_A_STAGE_FIELD, WRONG_SHOP, interaction_open
from servicedesk.errors import NOT_ALLOWED, NOT_FOUND, Forbidden, Invalid, NotFound
from tests.vehicles.factories import CustomerFactory


def test_it_opens_at_greet_with_the_greet_fields(advisor, shop, customer):
    interaction = interaction_open(
        user=advisor,
        shop_id=shop.pk,
        channel="walk_in",
        customer_pk=customer.pk,
        greet={"wait_seconds": 40, "cue_in_a_hurry": True, "greet_notes": "Keys in hand"},
    )
    interaction.refresh_from_db()
    assert interaction.stage == Stage.GREET
    assert interaction.advisor == advisor and interaction.greet_at is not None
    assert (interaction.wait_seconds, interaction.cue_in_a_hurry) == (40, True)
    assert interaction.greet_notes == "Keys in hand"


def test_a_walk_in_not_yet_known_is_opened_with_a_name_only(advisor, shop):
    interaction = interaction_open(
        user=advisor, shop_id=shop.pk, channel="phone", walk_in_name=" Mr Qian "
    )
    assert interaction.customer is None and interaction.walk_in_name == "Mr Qian"


def test_it_refuses_a_field_of_another_stage(advisor, shop):
    with pytest.raises(Invalid) as exc:
        interaction_open(user=advisor, shop_id=shop.pk, channel="phone", greet={"satisfaction": 5})
    assert exc.value.field == "satisfaction"
    assert exc.value.message == NOT_A_STAGE_FIELD % {"stage": Stage.GREET.label}


def test_it_refuses_another_shops_customer(advisor, shop, other_shop):
    with pytest.raises(Invalid) as exc:
        interaction_open(
            user=advisor,
            shop_id=shop.pk,
            channel="walk_in",
            customer_pk=CustomerFactory(shop=other_shop).pk,
        )
    assert exc.value.message == WRONG_SHOP
    assert exc.value.field == "customer"


def test_a_technician_cannot_open_one(technician, shop):
    with pytest.raises(Forbidden) as refused:
        interaction_open(user=technician, shop_id=shop.pk, channel="walk_in")
    assert refused.value.message == NOT_ALLOWED


def test_an_outsider_cannot_open_one_in_this_shop(outsider, shop):
    with pytest.raises(NotFound) as refused:
        interaction_open(user=outsider, shop_id=shop.pk, channel="walk_in")
    assert refused.value.message == NOT_FOUND

import pytest

from servicedesk.errors import Invalid
from tests.vehicles.factories import VehicleFactory
from vehicles import services
from vehicles.models import Vehicle
from vehicles.services.errors import DUPLICATE_VIN, OWNER_OTHER_SHOP
from vehicles.vin import VIN_BAD_CHARACTERS, VIN_BAD_CHECK_DIGIT, VIN_WRONG_LENGTH

from . import factories as f


def test_it_registers_a_vehicle_with_its_owner_and_first_mileage(shop, advisor, zhou):
    vin = f.valid_vin()
    car = services.vehicle_create(
        shop_pk=shop.pk,
        owner_pk=zhou.pk,
        user=advisor,
        vin=vin.lower(),
        make="BYD",
        model="Qin",
        plate="沪B 88888",
        mileage=1200,
    )
    assert car.vin == vin and car.vin_tail == vin[-6:] and car.plate == "沪B88888"
    assert car.ownerships.get().customer == zhou
    assert car.mileage_readings.get().km == 1200


@pytest.mark.parametrize(
    ("vin", "says"),
    [
        ("1HGCM8263A00435", VIN_WRONG_LENGTH),
        ("1HGCM82633A00435O", VIN_BAD_CHARACTERS),
        ("1HGCM82634A004352", VIN_BAD_CHECK_DIGIT),
    ],
)
def test_it_refuses_an_invalid_vin(shop, advisor, zhou, vin, says):
    with pytest.raises(Invalid) as err:
        services.vehicle_create(
            shop_pk=shop.pk, owner_pk=zhou.pk, user=advisor, vin=vin, make="H", model="A"
        )
    assert err.value.field == "vin" and err.value.message == says
    assert not Vehicle.objects.exists()


def test_it_accepts_a_wrong_check_digit_with_a_recorded_override(shop, advisor, zhou):
    car = services.vehicle_create(
        shop_pk=shop.pk,
        owner_pk=zhou.pk,
        user=advisor,
        vin="WVWZZZ1KZ6W000001",
        make="VW",
        model="Golf",
        vin_check_override="European VIN, no check digit",
    )
    assert car.vin_override_by == advisor and car.vin_override_at


def test_it_refuses_a_vin_already_on_file(shop, advisor, lavida, zhou):
    with pytest.raises(Invalid) as refused:
        services.vehicle_create(
            shop_pk=shop.pk, owner_pk=zhou.pk, user=advisor, vin=lavida.vin, make="X", model="Y"
        )
    assert refused.value.message == DUPLICATE_VIN % {"vehicle": lavida}


def test_it_refuses_an_owner_of_another_shop(other_shop, advisor, zhou):
    with pytest.raises(Invalid) as refused:
        VehicleFactory(shop=other_shop, user=advisor, owner=zhou)
    assert refused.value.message == OWNER_OTHER_SHOP

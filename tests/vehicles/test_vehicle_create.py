import pytest

from servicedesk.errors import Invalid
from vehicles import services
from vehicles.models import Vehicle

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


@pytest.mark.parametrize("vin", ["1HGCM8263A00435", "1HGCM82633A00435O", "1HGCM82634A004352"])
def test_it_refuses_an_invalid_vin(shop, advisor, zhou, vin):
    with pytest.raises(Invalid) as err:
        services.vehicle_create(
            shop_pk=shop.pk, owner_pk=zhou.pk, user=advisor, vin=vin, make="H", model="A"
        )
    assert err.value.field == "vin"
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
    with pytest.raises(Invalid):
        services.vehicle_create(
            shop_pk=shop.pk, owner_pk=zhou.pk, user=advisor, vin=lavida.vin, make="X", model="Y"
        )


def test_it_refuses_an_owner_of_another_shop(other_shop, advisor, zhou):
    with pytest.raises(Invalid):
        f.vehicle(other_shop, advisor, owner=zhou)

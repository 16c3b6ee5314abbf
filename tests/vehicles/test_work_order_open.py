import pytest
import time_machine
from django.db import connection

from servicedesk.errors import Invalid
from tests.vehicles.factories import VehicleFactory, WorkOrderFactory
from vehicles import services
from vehicles.services.errors import MILEAGE_BACKWARDS


@time_machine.travel("2026-03-01 10:00 +08:00")
def test_it_numbers_orders_per_shop_and_year(shop, other_shop, advisor, outsider, lavida):
    first = services.work_order_open(vehicle_pk=lavida.pk, user=advisor, concern="Oil change")
    second = services.work_order_open(vehicle_pk=lavida.pk, user=advisor, concern="Wipers")
    elsewhere = WorkOrderFactory(shop=other_shop, advisor=outsider)
    assert (first.number, second.number) == ("WO-2026-00001", "WO-2026-00002")
    assert elsewhere.number == "WO-2026-00001"


def test_numbering_starts_again_in_the_shops_new_year(shop, advisor, lavida):
    with time_machine.travel("2026-12-31 23:30 +08:00"):
        last = services.work_order_open(vehicle_pk=lavida.pk, user=advisor, concern="A")
    with time_machine.travel("2027-01-01 00:10 +08:00"):
        first = services.work_order_open(vehicle_pk=lavida.pk, user=advisor, concern="B")
    assert last.number.startswith("WO-2026-") and first.number == "WO-2027-00001"


def test_it_records_mileage_in_on_the_vehicle(lavida, advisor):
    wo = services.work_order_open(
        vehicle_pk=lavida.pk, user=advisor, concern="Noise", mileage_in=42500
    )
    lavida.refresh_from_db()
    assert wo.mileage_in == 42500 and lavida.mileage == 42500
    assert wo.events.get().to_status == "open"


def test_it_refuses_a_lower_mileage_in_and_opens_nothing(lavida, advisor):
    with pytest.raises(Invalid) as refused:
        services.work_order_open(
            vehicle_pk=lavida.pk, user=advisor, concern="Noise", mileage_in=100
        )
    assert refused.value.message == MILEAGE_BACKWARDS % {"km": 100, "last": 42000}
    assert not lavida.work_orders.exists()


def test_it_needs_a_concern(lavida, advisor):
    with pytest.raises(Invalid) as refused:
        services.work_order_open(vehicle_pk=lavida.pk, user=advisor, concern="  ")
    assert refused.value.message == "Write down the customer's concern."  # no constant: inline


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent sessions")
def test_concurrent_openings_get_distinct_numbers():
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    from tests.factories import ShopFactory, staff

    shop = ShopFactory(code="busy")
    advisor = staff("busy-advisor", shop, "advisor")
    car = VehicleFactory(shop=shop, user=advisor)

    def open_one(_):
        try:
            return services.work_order_open(vehicle_pk=car.pk, user=advisor, concern="x").number
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=6) as pool:
        numbers = list(pool.map(open_one, range(12)))
    assert len(set(numbers)) == 12

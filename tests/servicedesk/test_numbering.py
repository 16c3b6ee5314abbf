"""Document numbers, one way for every app: the shop's year, a counter per shop, kind and year,
each number given once however many counters save at once."""

import threading

import pytest
import time_machine
from django.db import connection, connections

from complaints import services as complaint_services
from servicedesk.accounts.models import DocumentCounter, Role
from servicedesk.numbering import number_format
from tests.factories import ShopFactory, staff
from tests.vehicles.factories import VehicleFactory
from vehicles import services as vehicle_services

RACERS = 20


def test_each_kind_keeps_its_format():
    assert number_format("WO", 2026, 42) == "WO-2026-00042"
    assert number_format("INV", 2026, 7) == "INV-2026-00007"
    assert number_format("C", 2026, 7) == "C2026-0007"


@pytest.mark.django_db
def test_a_complaint_logged_after_midnight_on_new_years_day_in_the_shop_is_the_new_years():
    """Tokyo is an hour ahead of the site's Shanghai: 00:30 on 1 January in the shop is still
    the old year on the site's clock, and the number follows the shop, as a work order's does."""
    shop = ShopFactory(code="tokyo", timezone="Asia/Tokyo")
    advisor = staff("tokyo-advisor", shop, Role.ADVISOR)
    car = VehicleFactory(shop=shop, user=advisor)
    with time_machine.travel("2026-12-31 23:50 +09:00", tick=False):
        old = complaint_services.complaint_open(
            shop_pk=shop.pk, customer_words="Noise", channel="phone", user=advisor
        )
    with time_machine.travel("2027-01-01 00:30 +09:00", tick=False):
        complaint = complaint_services.complaint_open(
            shop_pk=shop.pk, customer_words="Noise", channel="phone", user=advisor
        )
        order = vehicle_services.work_order_open(vehicle_pk=car.pk, user=advisor, concern="Noise")
    assert old.number == "C2026-0001"
    assert (complaint.number, complaint.year) == ("C2027-0001", 2027)
    assert order.number == "WO-2027-00001"


def _race(call) -> list:
    """``RACERS`` calls at the same moment, each on its own connection: their results."""
    barrier = threading.Barrier(RACERS)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(call())
        except BaseException as exc:  # surfaced below, not lost in the thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


@pytest.mark.smoke
@pytest.mark.django_db(transaction=True)
def test_twenty_creations_at_once_get_twenty_numbers_in_a_row():
    """On PostgreSQL and on a SQLite file (the embedded default): the first complaint and work
    order of the year, twenty at once, make one counter each and twenty numbers without a gap."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("concurrent sessions need PostgreSQL or a SQLite file")
    shop = ShopFactory(code="busy")
    advisor = staff("busy-advisor", shop, Role.ADVISOR)
    car = VehicleFactory(shop=shop, user=advisor)

    complaints = _race(
        lambda: (
            complaint_services.complaint_open(
                shop_pk=shop.pk, customer_words="At once", channel="phone", user=advisor
            ).number
        )
    )
    orders = _race(
        lambda: (
            vehicle_services.work_order_open(vehicle_pk=car.pk, user=advisor, concern="x").number
        )
    )

    year = complaints[0][1:5]
    assert sorted(complaints) == [f"C{year}-{n:04d}" for n in range(1, RACERS + 1)]
    assert sorted(orders) == [f"WO-{year}-{n:05d}" for n in range(1, RACERS + 1)]
    counters = DocumentCounter.objects.filter(shop=shop).values_list("kind", "last")
    assert sorted(counters) == [("C", RACERS), ("WO", RACERS)]

"""compute_annual reads a bounded number of queries, whatever the number of records."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.world import World
from reports.figures import compute_annual

from . import dataset
from .dataset import NOW, YEAR, at

pytestmark = pytest.mark.django_db

BOUND = 40


def _queries(shop) -> int:
    with CaptureQueriesContext(connection) as ctx:
        compute_annual(shop.pk, YEAR, now=NOW)
    return len(ctx.captured_queries)


def _more(shop, n: int) -> None:
    """n more of everything: customers, work orders, surveys, interactions, complaints."""
    world = World(shop)
    li = world.person(f"extra-{n}", "advisor")
    for i in range(n):
        c = world.customer(f"Extra {i}")
        car = world.car(c, by=li)
        day = at(2025, 1 + i % 12, 1 + i % 27)
        wo = dataset._work_order(world, li, car, opened=day, delivered=day + timedelta(hours=5))
        dataset._survey(shop, customer=c, wo=wo, advisor=li, sent=day + timedelta(days=1),
                        csat=1 + i % 5, nps=i % 11)  # fmt: skip
        dataset._interaction(world, li, c, day)
        dataset._complaint(shop, day, customer=c, vehicle=car, work_order=wo, category="billing",
                           response_due=2, respond=i % 4, resolution_due=72, resolve=i % 90,
                           close=i % 200 + 1)  # fmt: skip


def test_it_reads_the_same_number_of_queries_for_ten_times_the_records(shop, year_of_records):
    small = _queries(shop)
    _more(shop, 40)
    large = _queries(shop)
    assert small == large
    assert large <= BOUND


def test_the_dashboard_reads_the_same_number_of_queries_for_more_records(
    browser_as, manager, shop, year_of_records
):
    client = browser_as(manager)
    client.get("/reports/")  # the first request of a session also saves the session

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/reports/").status_code == 200
        return len(ctx.captured_queries)

    with time_machine.travel(NOW, tick=False):
        small = count()
        _more(shop, 30)
        assert count() == small

"""The world-builder writes history through the services at the moments it is given: the stamps,
the numbers' years and the history rows all say when it happened, not when the test ran."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from complaints.models import State
from demo.world import World
from servicedesk.accounts.models import Role
from vehicles.models import WorkOrderEvent

SH = ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


def at(y, mo, d, h=10):
    return datetime(y, mo, d, h, tzinfo=SH)


@pytest.fixture
def world(shop):
    return World(shop)


@pytest.fixture
def li(world):
    return world.person("li", Role.ADVISOR, first_name="Li", last_name="Wei")


def test_a_visit_of_last_year_is_stamped_and_numbered_then(world, li):
    car = world.car(world.customer("Zhou Min"), by=li)
    order, invoice = world.visit(
        car, by=li, opened=at(2024, 12, 31, 20), at={"delivered": at(2025, 1, 2)}
    )
    assert order.opened_at == at(2024, 12, 31, 20)
    assert order.year == 2024 and invoice.year == 2025
    assert order.delivered_at == invoice.issued_at == at(2025, 1, 2)
    moments = list(WorkOrderEvent.objects.filter(work_order=order).values_list("at", flat=True))
    assert moments == sorted(moments)
    assert moments[0] == at(2024, 12, 31, 20) and moments[-1] == at(2025, 1, 2)


def test_a_complaint_of_last_year_keeps_its_clocks_and_history(world, li, manager, quality):
    received = at(2025, 1, 15)
    hours = lambda h: received + timedelta(hours=h)  # noqa: E731
    complaint = world.carry(
        world.complaint(by=li, received=received),
        to=State.CLOSED,
        advisor=li,
        manager=manager,
        quality=quality,
        at={
            State.INVESTIGATING: hours(1),
            State.CUSTOMER_CONFIRMED: hours(48),
            State.CLOSED: hours(120),
        },
    )
    assert complaint.number.startswith("C2025-")
    assert complaint.received_at == received
    assert complaint.first_responded_at == hours(1)
    assert complaint.resolved_at == hours(48)
    assert complaint.closed_at == hours(120)
    moments = list(complaint.history.order_by("pk").values_list("at", flat=True))
    assert moments[0] == received and moments[-1] == hours(120)
    assert moments == sorted(moments)


def test_an_interaction_and_a_survey_of_last_year(world, li):
    customer = world.customer("Zhou Min")
    greeted = at(2025, 3, 5, 9)
    interaction = world.interaction(
        customer, by=li, greeted=greeted, to="closed", at={"closed": greeted + timedelta(hours=1)}
    )
    assert interaction.greet_at == greeted
    assert interaction.closed_at == greeted + timedelta(hours=1)
    assert greeted < interaction.keep_at < interaction.closed_at
    order, _invoice = world.visit(world.car(customer, by=li), by=li, opened=greeted)
    survey = world.survey(order, sent=at(2025, 3, 7), answered=at(2025, 3, 7, 15), csat=5, nps=10)
    assert survey.sent_at == at(2025, 3, 7)
    assert survey.answered_at == at(2025, 3, 7, 15)

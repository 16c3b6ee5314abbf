"""The demo history: a year the annual report can be read from, made once."""

import pytest
from django.core.management import call_command

from complaints.models import Complaint, ComplaintHistory, State
from demo.history import MARKER_PHONE
from demo.surveys import SERVICE as SURVEYS_SERVICE
from interactions.models import Interaction
from reports.figures import compute_annual
from reports.services import current_year
from servicedesk.accounts.models import Shop
from servicedesk.phones import phone_e164
from surveys.models import Survey
from vehicles.models import WorkOrder, WorkOrderEvent

pytestmark = pytest.mark.usefixtures("seeded_demo")  # one seeding for the module


def _counts():
    return (
        WorkOrder.objects.count(),
        Interaction.objects.count(),
        Complaint.objects.count(),
        ComplaintHistory.objects.count(),
        Survey.objects.count(),
    )


def test_seed_demo_twice_makes_the_history_once(db):
    call_command("seed_demo")
    counts = _counts()
    assert counts[0] > 250 and counts[4] > 150
    call_command("seed_demo")
    assert _counts() == counts


def test_the_demo_year_reads_like_a_shops_year(db):
    call_command("seed_demo")
    demo = Shop.objects.get(code="demo")
    figures = compute_annual(demo.pk, current_year(demo))
    assert figures["surveys"]["answered"] > 50
    assert 4.0 <= figures["surveys"]["csat_mean"] <= 5.0
    assert 1 <= figures["complaints"]["per_100_work_orders"] <= 20
    assert len(figures["advisors"]) >= 3
    east = Shop.objects.get(code="demo-east")
    assert compute_annual(east.pk, current_year(east))["work_orders"]["delivered"] > 0


def test_the_history_is_what_the_services_would_have_written(db):
    call_command("seed_demo")
    demo = Shop.objects.get(code="demo")
    # The history's customers (the marker's phone and the 39 counted up from it); not the
    # surveys demo.surveys writes for them on its own.
    customers = phone_e164(MARKER_PHONE, country=demo.country)[:-2]
    history = Survey.objects.filter(shop=demo, customer__phone__startswith=customers).exclude(
        work_order__lines__description__in=SURVEYS_SERVICE.values()
    )
    assert history.count() > 150
    for survey in history.select_related("work_order")[:50]:
        assert survey.sent_at > survey.work_order.delivered_at
        assert survey.answered_at is None or survey.answered_at > survey.sent_at
    for order in WorkOrder.objects.filter(pk__in=history.values("work_order"))[:50]:
        stamps = [e.at for e in WorkOrderEvent.objects.filter(work_order=order).order_by("pk")]
        assert stamps == sorted(stamps) and stamps[0] == order.opened_at
        assert stamps[-1] == order.delivered_at
    closed = Complaint.objects.filter(
        shop=demo, state=State.CLOSED, work_order__in=history.values("work_order")
    )
    assert closed.count() >= 10
    for complaint in closed:
        rows = list(complaint.history.order_by("at", "pk"))
        assert rows[0].kind == "opened" and rows[0].at == complaint.received_at
        moves = [(r.from_state, r.to_state) for r in rows if r.kind == "transition"]
        assert moves[-1] == (State.FOLLOW_UP, State.CLOSED)
        assert rows[-1].at == complaint.closed_at
        assert complaint.received_at < complaint.first_responded_at < complaint.resolved_at

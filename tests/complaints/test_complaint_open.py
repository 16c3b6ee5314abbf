from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from complaints import services
from complaints.clocks import RESPONSE
from complaints.models import (
    CLOCK_TARGETS,
    Complaint,
    ComplaintHistory,
    ComplaintPolicy,
    Source,
    State,
)
from complaints.services import errors as service_errors
from interactions.hooks import run_not_satisfied_handlers
from servicedesk.errors import NOT_ALLOWED, Forbidden, Invalid
from tests.complaints.factories import ComplaintFactory
from tests.interactions.factories import EscalationFactory, InteractionFactory
from tests.vehicles.factories import CustomerFactory, WorkOrderFactory, WorkOrderLineFactory


def test_it_numbers_complaints_per_shop_and_year(shop, other_shop, advisor, outsider):
    with time_machine.travel("2025-03-01 10:00 +08:00", tick=False):
        first = ComplaintFactory(shop=shop, user=advisor)
        second = ComplaintFactory(shop=shop, user=advisor)
        elsewhere = ComplaintFactory(shop=other_shop, user=outsider)
    with time_machine.travel("2026-01-02 10:00 +08:00", tick=False):
        next_year = ComplaintFactory(shop=shop, user=advisor)
    assert (first.number, second.number) == ("C2025-0001", "C2025-0002")
    assert elsewhere.number == "C2025-0001"
    assert next_year.number == "C2026-0001"


def test_it_opens_at_received_with_a_history_row(complaint, advisor):
    assert complaint.state == State.RECEIVED
    row = ComplaintHistory.objects.get(complaint=complaint)
    assert (row.kind, row.by, row.to_state) == ("opened", advisor, "received")


@pytest.mark.parametrize(
    ("severity", "respond", "resolve"),
    [
        ("critical", timedelta(minutes=30), timedelta(hours=24)),
        ("normal", timedelta(hours=2), timedelta(days=3)),
        ("minor", timedelta(hours=12), timedelta(days=7)),
    ],
)
def test_its_clocks_follow_the_severity(shop, advisor, severity, respond, resolve):
    c = ComplaintFactory(shop=shop, user=advisor, severity=severity)
    assert c.first_response_due - c.received_at == respond
    assert c.resolution_due - c.received_at == resolve


def test_a_critical_complaint_is_not_late_the_moment_it_is_logged(shop, advisor):
    with time_machine.travel("2026-03-02 10:00 +08:00", tick=False):
        c = ComplaintFactory(shop=shop, user=advisor, severity="critical")
    with time_machine.travel("2026-03-02 10:01 +08:00", tick=False):
        assert not c.first_response_overdue()
        assert not c.is_overdue
        assert not Complaint.objects.filter(RESPONSE.late_q(timezone.now()), pk=c.pk).exists()
        services.complaint_transition(pk=c.pk, user=advisor, to="investigating")
    c.refresh_from_db()
    assert not c.first_response_overdue()


@pytest.mark.parametrize("field", CLOCK_TARGETS)
def test_a_clock_target_is_a_positive_duration(shop, field):
    policy = ComplaintPolicy(shop=shop, **{field: 0})
    with pytest.raises(ValidationError) as err:
        policy.full_clean()
    assert field in err.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        policy.save()


def test_a_shop_policy_sets_its_own_clocks(shop, advisor):
    ComplaintPolicy.objects.create(shop=shop, normal_response_minutes=30, normal_resolution_hours=8)
    c = ComplaintFactory(shop=shop, user=advisor)
    assert c.first_response_due - c.received_at == timedelta(minutes=30)
    assert c.resolution_due - c.received_at == timedelta(hours=8)


def test_it_refuses_records_of_another_shop(shop, other_shop, advisor):
    foreign = CustomerFactory(shop=other_shop)
    with pytest.raises(Invalid) as err:
        ComplaintFactory(shop=shop, user=advisor, customer=foreign)
    assert err.value.message == service_errors.NOT_IN_SHOP
    assert err.value.field == "customer"


def test_it_refuses_a_cashier(shop, cashier):
    with pytest.raises(Forbidden) as refused:
        ComplaintFactory(shop=shop, user=cashier)
    assert refused.value.message == NOT_ALLOWED


def test_it_needs_the_customers_words(shop, advisor):
    with pytest.raises(Invalid) as refused:
        ComplaintFactory(shop=shop, user=advisor, customer_words="  ")
    assert refused.value.message == service_errors.FIELD_REQUIRED


def test_it_fills_customer_and_vehicle_from_a_work_order_line(shop, advisor, technician):
    order = WorkOrderFactory(shop=shop, advisor=advisor)
    part = WorkOrderLineFactory(work_order=order, technician=technician)
    c = ComplaintFactory(shop=shop, user=advisor, work_order_line=part, source=Source.COMEBACK)
    assert (c.work_order, c.vehicle, c.customer, c.technician) == (
        order,
        order.vehicle,
        order.customer,
        technician,
    )


def test_a_low_survey_score_opens_one_without_a_person(shop, advisor):
    client = CustomerFactory(shop=shop)
    c = services.complaint_open(
        shop_pk=shop.pk,
        customer_words="Score 2: slow",
        channel="survey",
        source="survey",
        customer_pk=client.pk,
    )
    assert c.received_by is None and c.source == "survey"


def test_a_not_satisfied_escalation_opens_a_prefilled_complaint(shop, advisor):
    client = CustomerFactory(shop=shop)
    inter = InteractionFactory(
        customer=client,
        advisor=advisor,
        stage="keep",
        satisfaction=1,
        satisfaction_words="Nobody called me back",
    )
    esc = EscalationFactory(interaction=inter)
    run_not_satisfied_handlers(escalation=esc)
    first = esc.complaint
    run_not_satisfied_handlers(escalation=esc)  # twice: still the one complaint
    esc.refresh_from_db()
    c = esc.complaint
    assert c.pk == first.pk and Complaint.objects.filter(escalation=esc).count() == 1
    assert c.customer == client
    assert c.customer_words == "Nobody called me back"
    assert (c.source, c.channel, c.received_by, c.interaction) == (
        "interaction",
        "in_person",
        advisor,
        inter,
    )
    assert c.received_at <= timezone.now()

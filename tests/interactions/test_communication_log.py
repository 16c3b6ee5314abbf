from datetime import timedelta

import pytest
from django.utils import timezone

from interactions.services import (
    NOT_IN_FUTURE,
    SUMMARY_REQUIRED,
    WORK_ORDER_OTHER_CUSTOMER,
    communication_log,
    customer_profile_learn,
)
from servicedesk.errors import NOT_ALLOWED, NOT_FOUND, Forbidden, Invalid, NotFound
from tests.vehicles.factories import CustomerFactory, VehicleFactory, WorkOrderFactory

from .factories import InteractionFactory


def log(user, customer, **kwargs):
    defaults = {"direction": "inbound", "channel": "phone", "kind": "inquiry", "summary": "When?"}
    return communication_log(user=user, customer_pk=customer.pk, **{**defaults, **kwargs})


def test_it_logs_a_contact_linked_to_vehicle_work_order_and_interaction(advisor, customer):
    car = VehicleFactory(owner=customer)
    order = WorkOrderFactory(vehicle=car, advisor=advisor)
    interaction = InteractionFactory(customer=customer, advisor=advisor)
    entry = log(
        advisor,
        customer,
        vehicle_pk=car.pk,
        work_order_pk=order.pk,
        interaction_pk=interaction.pk,
    )
    assert (entry.shop, entry.by, entry.vehicle, entry.work_order) == (
        customer.shop,
        advisor,
        car,
        order,
    )
    assert entry.interaction == interaction and entry.at is not None


def test_what_is_learned_updates_the_profile(advisor, customer):
    log(
        advisor,
        customer,
        learned={"customer_type": "price_minded", "main_concern": "expense", "wants_ride": True},
    )
    customer.refresh_from_db()
    assert (customer.customer_type, customer.main_concern, customer.wants_ride) == (
        "price_minded",
        "expense",
        True,
    )


def test_blank_learned_values_leave_the_profile_alone(advisor, customer):
    customer.customer_type = "fleet"
    customer.save()
    customer_profile_learn(user=advisor, customer_pk=customer.pk, changes={"customer_type": ""})
    customer.refresh_from_db()
    assert customer.customer_type == "fleet"


def test_it_refuses_an_unknown_profile_value(advisor, customer):
    with pytest.raises(Invalid) as exc:
        customer_profile_learn(
            user=advisor, customer_pk=customer.pk, changes={"customer_type": "vip"}
        )
    assert exc.value.field == "customer_type"
    assert exc.value.message == "Choose one of the listed values."  # no constant: said inline


def test_it_needs_a_summary(advisor, customer):
    with pytest.raises(Invalid) as exc:
        log(advisor, customer, summary="  ")
    assert exc.value.message == SUMMARY_REQUIRED
    assert exc.value.field == "summary"


def test_it_refuses_a_time_in_the_future(advisor, customer):
    with pytest.raises(Invalid) as refused:
        log(advisor, customer, at=timezone.now() + timedelta(days=1))
    assert refused.value.message == NOT_IN_FUTURE


def test_it_refuses_another_customers_work_order(advisor, customer, shop):
    order = WorkOrderFactory(vehicle=VehicleFactory(owner=CustomerFactory(shop=shop)))
    with pytest.raises(Invalid) as exc:
        log(advisor, customer, work_order_pk=order.pk)
    assert exc.value.message == WORK_ORDER_OTHER_CUSTOMER
    assert exc.value.field == "work_order"


def test_an_outsider_cannot_log_for_this_shops_customer(outsider, customer):
    with pytest.raises(NotFound) as refused:
        log(outsider, customer)
    assert refused.value.message == NOT_FOUND


def test_a_cashier_does_not_log_contacts(cashier, customer):
    with pytest.raises(Forbidden) as refused:
        log(cashier, customer)
    assert refused.value.message == NOT_ALLOWED

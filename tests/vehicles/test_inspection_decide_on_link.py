"""The customer's decisions on the visit's link go through the same decide service as the
counter's, recorded as by the customer via link, once, with their name and signature."""

from decimal import Decimal

import pytest

from servicedesk.errors import Conflict, Invalid, NotFound
from servicedesk.signatures import SIGNATURE_BLANK, SIGNATURE_REQUIRED
from vehicles import services
from vehicles.models import DecidedVia, Decision
from vehicles.services import reminders
from vehicles.services.errors import (
    ALREADY_DECIDED,
    CUSTOMER_NAME_REQUIRED,
    DECIDE_SOMETHING,
    LINK_IS_CUSTOMERS,
    ONLY_APPROVE_DEFERRED,
)
from vehicles.services.inspections import customer_consent

from . import factories as f


@pytest.fixture
def wo(shop, advisor):
    return f.WorkOrderFactory(shop=shop, advisor=advisor, lines=1)


@pytest.fixture
def items(wo, technician):
    insp = services.inspection_create(work_order_pk=wo.pk, user=technician)
    return [
        services.inspection_item_add(
            inspection_pk=insp.pk,
            user=technician,
            name=name,
            condition="red",
            recommended_job=f"Replace {name.lower()}",
            price=Decimal(price),
        )
        for name, price in (("Brake pads", "800"), ("Wipers", "120"), ("Battery", "650"))
    ]


def decide(wo, choices, signature, name="周先生"):
    return services.inspection_decide_on_link(
        work_order_pk=wo.pk,
        decisions={item.pk: d for item, d in choices},
        signed_name=name,
        signature=signature,
    )


def test_the_customers_decisions_are_recorded_as_by_the_customer_via_link(wo, items, signature):
    pads, wipers, battery = items
    decide(wo, [(pads, "approved"), (wipers, "declined"), (battery, "deferred")], signature)
    for it in items:
        it.refresh_from_db()
        assert it.decided_via == DecidedVia.LINK and it.decided_by is None
        assert it.decided_by_name == "周先生" and it.decided_at and it.decision_signature
    assert [it.decision for it in items] == ["approved", "declined", "deferred"]
    # The same service as at the counter: the approved job is a new, unauthorized line.
    assert pads.line.description == "Replace brake pads" and pads.line.authorization is None
    assert wo.lines.count() == 2


def test_a_second_phone_is_refused_and_changes_nothing(wo, items, signature):
    pads = items[0]
    decide(wo, [(pads, "declined")], signature)
    with pytest.raises(Conflict) as refused:
        decide(wo, [(items[1], "approved"), (pads, "approved")], signature)
    assert refused.value.message == ALREADY_DECIDED % {"decision": Decision.DECLINED.label}
    items[1].refresh_from_db()
    assert items[1].decision == Decision.PENDING and wo.lines.count() == 1


def test_a_deferred_item_is_approved_later_from_the_link_or_at_the_counter(
    wo, items, signature, advisor
):
    pads, wipers, _battery = items
    decide(wo, [(pads, "deferred"), (wipers, "deferred")], signature)
    decide(wo, [(pads, "approved")], signature)
    services.inspection_item_decide(pk=wipers.pk, user=advisor, decision="approved")
    pads.refresh_from_db()
    wipers.refresh_from_db()
    assert pads.decision == wipers.decision == Decision.APPROVED and pads.line and wipers.line
    assert wipers.decided_via == DecidedVia.COUNTER and wipers.decided_by == advisor


def test_a_deferred_item_cannot_be_declined_afterwards(wo, items, signature):
    decide(wo, [(items[0], "deferred")], signature)
    with pytest.raises(Conflict) as refused:
        decide(wo, [(items[0], "declined")], signature)
    assert refused.value.message == ONLY_APPROVE_DEFERRED % {"decision": Decision.DEFERRED.label}


def test_it_needs_a_signature_with_ink_and_a_name(wo, items, signature, png_bytes):
    with pytest.raises(Invalid) as unsigned:
        decide(wo, [(items[0], "approved")], "")
    assert unsigned.value.message == SIGNATURE_REQUIRED
    blank = "data:image/png;base64," + __import__("base64").b64encode(png_bytes).decode()
    with pytest.raises(Invalid) as empty_pad:
        decide(wo, [(items[0], "approved")], blank)
    assert empty_pad.value.message == SIGNATURE_BLANK
    with pytest.raises(Invalid) as nameless:
        decide(wo, [(items[0], "approved")], signature, name="  ")
    assert nameless.value.message == CUSTOMER_NAME_REQUIRED
    with pytest.raises(Invalid) as nothing:
        decide(wo, [], signature)
    assert nothing.value.message == DECIDE_SOMETHING


def test_another_visits_item_answers_not_found(shop, advisor, items, signature):
    other = f.WorkOrderFactory(shop=shop, advisor=advisor, lines=1)
    with pytest.raises(NotFound):
        decide(other, [(items[0], "approved")], signature)
    items[0].refresh_from_db()
    assert items[0].decision == Decision.PENDING


def test_staff_cannot_pass_as_the_customer(wo, items, signature, advisor):
    consent = customer_consent(work_order_pk=wo.pk, name="Zhou", signature=signature)
    with pytest.raises(Invalid) as refused:
        services.inspection_item_decide(
            pk=items[0].pk, user=advisor, decision="approved", customer=consent
        )
    assert refused.value.message == LINK_IS_CUSTOMERS


def test_declined_and_deferred_on_the_link_feed_the_reminders(shop, wo, items, signature):
    wo.customer.reminder_consent = True
    wo.customer.save(update_fields=["reminder_consent"])
    pads, wipers, battery = items
    decide(wo, [(pads, "declined"), (wipers, "deferred"), (battery, "deferred")], signature)
    decide(wo, [(battery, "approved")], signature)
    later = pads.inspection.created_at + __import__("datetime").timedelta(days=31)
    assert reminders.inspection_reminders_due(now=later) == [pads.inspection_id]
    reminders.inspection_remind(pk=pads.inspection_id, now=later)
    reminded = sorted(i.name for i in pads.inspection.items.filter(reminded_at__isnull=False))
    assert reminded == ["Brake pads", "Wipers"]

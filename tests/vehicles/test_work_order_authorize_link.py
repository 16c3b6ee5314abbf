"""Remote authorization on the visit's link: the same service and rule as in person, signed."""

import pytest

from servicedesk.errors import Conflict, Invalid
from servicedesk.signatures import SIGNATURE_REQUIRED
from vehicles import services
from vehicles.models import AuthorizationMethod, WorkOrderStatus
from vehicles.services.errors import LINK_IS_CUSTOMERS, NOTHING_TO_AUTHORIZE, UNAUTHORIZED_LINES

from . import factories as f


@pytest.fixture
def wo(shop, advisor):
    return f.WorkOrderFactory(shop=shop, advisor=advisor, lines=2)


def by_link(wo, signature, **kw):
    return services.work_order_authorize(
        user=None,
        pk=wo.pk,
        method=AuthorizationMethod.LINK,
        authorized_by_name="周先生",
        signature=signature,
        **kw,
    )


def test_the_customer_authorizes_every_line_with_a_signature(wo, signature, technician):
    auth = by_link(wo, signature)
    wo.refresh_from_db()
    assert wo.status == WorkOrderStatus.AUTHORIZED and auth.recorded_by is None
    assert auth.signature and auth.amount == wo.lines.all()[0].total * 2
    event = wo.events.get(to_status=WorkOrderStatus.AUTHORIZED)
    assert event.actor is None and event.note == "Estimate authorized by the customer, via link"
    services.work_order_start(pk=wo.pk, user=technician)


def test_no_signature_no_authorization(wo):
    with pytest.raises(Invalid) as refused:
        by_link(wo, "")
    assert refused.value.message == SIGNATURE_REQUIRED


def test_staff_cannot_record_the_links_method(wo, advisor, signature):
    with pytest.raises(Invalid) as refused:
        services.work_order_authorize(
            user=advisor,
            pk=wo.pk,
            method=AuthorizationMethod.LINK,
            authorized_by_name="Zhou",
            signature=signature,
        )
    assert refused.value.message == LINK_IS_CUSTOMERS


def test_a_second_authorization_from_another_phone_is_refused(wo, signature):
    by_link(wo, signature)
    with pytest.raises(Conflict) as refused:
        by_link(wo, signature)
    assert refused.value.message == NOTHING_TO_AUTHORIZE


def test_work_on_a_job_approved_after_authorization_waits_for_a_new_one(wo, signature, technician):
    by_link(wo, signature)
    services.work_order_line_add(
        work_order_pk=wo.pk, user=technician, kind="labour", description="Pads", unit_price=1
    )
    with pytest.raises(Conflict) as refused:
        services.work_order_start(pk=wo.pk, user=technician)
    assert refused.value.message == UNAUTHORIZED_LINES % {"lines": "Pads"}

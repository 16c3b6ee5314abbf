from datetime import timedelta

import pytest

from complaints import services
from complaints.models import ComplaintHistory
from complaints.services import errors as service_errors
from servicedesk.errors import Conflict, Invalid
from tests.vehicles.factories import SupplierFactory


def test_it_edits_and_records_the_changed_fields(complaint, advisor):
    c = services.complaint_update(
        pk=complaint.pk, user=advisor, version=1, category="billing", severity="critical"
    )
    # critical: the clocks are set again, to the critical (30 minutes) response target
    assert c.version == 2 and c.first_response_due - c.received_at == timedelta(minutes=30)
    row = ComplaintHistory.objects.filter(complaint=c, kind="edit").get()
    assert set(row.changes) == {"category", "severity"}
    assert row.changes["category"] == ["", "billing"]


def test_it_refuses_a_stale_copy(complaint, advisor, manager):
    services.complaint_update(pk=complaint.pk, user=manager, version=1, category="billing")
    with pytest.raises(Conflict) as err:
        services.complaint_update(pk=complaint.pk, user=advisor, version=1, category="other")
    assert err.value.message == service_errors.STALE_COPY
    assert err.value.code == "stale"


def test_it_requires_the_version(complaint, advisor):
    with pytest.raises(Invalid) as refused:
        services.complaint_update(pk=complaint.pk, user=advisor, version=None, category="other")
    assert refused.value.message == service_errors.VERSION_REQUIRED


def test_it_refuses_a_link_to_another_shop(complaint, advisor, other_shop):
    with pytest.raises(Invalid) as refused:
        services.complaint_update(
            pk=complaint.pk, user=advisor, version=1, supplier=SupplierFactory(shop=other_shop)
        )
    assert refused.value.message == service_errors.NOT_IN_SHOP


def test_an_immediate_response_starts_the_first_response_clock(complaint, advisor):
    c = services.complaint_update(
        pk=complaint.pk, user=advisor, version=1, immediate_response="Apologised, offered coffee"
    )
    assert c.first_responded_at is not None

from datetime import timedelta

import pytest

from complaints import services
from complaints.models import ComplaintHistory
from complaints.services import errors as service_errors
from servicedesk.errors import Conflict, Invalid, NotFound
from tests.complaints.factories import ComplaintFactory
from tests.vehicles.factories import CustomerFactory, SupplierFactory


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


def test_it_links_records_given_by_id_and_records_them_as_they_read(
    complaint, advisor, technician, shop
):
    maker = SupplierFactory(shop=shop, name="Brakes Ltd")
    c = services.complaint_update(
        pk=complaint.pk, user=advisor, version=1, supplier_pk=maker.pk, technician_pk=technician.pk
    )
    assert c.supplier == maker and c.technician == technician
    row = ComplaintHistory.objects.filter(complaint=c, kind="edit").get()
    assert row.changes == {
        "supplier": ["", "Brakes Ltd"],
        "technician": ["", str(technician)],
    }


def test_a_none_id_unlinks_the_record(shop, advisor):
    customer = CustomerFactory(shop=shop, name="Zhou Min")
    c = ComplaintFactory(shop=shop, user=advisor, customer=customer)
    c = services.complaint_update(pk=c.pk, user=advisor, version=c.version, customer_pk=None)
    c.refresh_from_db()
    assert c.customer is None
    row = ComplaintHistory.objects.filter(complaint=c, kind="edit").get()
    assert row.changes == {"customer": [str(customer), ""]}


def test_it_refuses_a_link_to_another_shop(complaint, advisor, other_shop):
    with pytest.raises(Invalid) as refused:
        services.complaint_update(
            pk=complaint.pk,
            user=advisor,
            version=1,
            supplier_pk=SupplierFactory(shop=other_shop).pk,
        )
    assert refused.value.message == service_errors.NOT_IN_SHOP
    assert refused.value.field == "supplier"


def test_it_answers_not_found_for_a_missing_record(complaint, advisor):
    with pytest.raises(NotFound):
        services.complaint_update(pk=complaint.pk, user=advisor, version=1, supplier_pk=999999)


def test_it_refuses_a_record_instead_of_its_id(complaint, advisor, shop):
    with pytest.raises(Invalid) as refused:
        services.complaint_update(
            pk=complaint.pk, user=advisor, version=1, supplier=SupplierFactory(shop=shop)
        )
    assert refused.value.field == "supplier"


def test_an_immediate_response_starts_the_first_response_clock(complaint, advisor):
    c = services.complaint_update(
        pk=complaint.pk, user=advisor, version=1, immediate_response="Apologised, offered coffee"
    )
    assert c.first_responded_at is not None

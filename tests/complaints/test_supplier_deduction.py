import pytest

from complaints import services
from complaints.permissions import ONLY_THE_CASHIER
from complaints.services import errors as service_errors
from servicedesk.errors import Conflict, Forbidden
from tests.vehicles.factories import SupplierFactory


@pytest.fixture
def supplier_fault(shop, complaint, advisor):
    maker = SupplierFactory(shop=shop, name="Brakes Ltd")
    return services.complaint_update(
        pk=complaint.pk,
        user=advisor,
        version=complaint.version,
        responsibility="supplier",
        supplier_pk=maker.pk,
    )


def _raise(c, by, amount="380"):
    return services.supplier_deduction_raise(
        complaint_pk=c.pk,
        user=by,
        amount=amount,
        part="Brake pads",
        improvement_request="Check the batch",
    )


def test_it_is_raised_only_when_the_supplier_is_responsible(complaint, manager):
    with pytest.raises(Conflict) as refused:
        _raise(complaint, manager)
    assert refused.value.message == service_errors.DEDUCTION_ONLY_SUPPLIER


def test_the_cashier_is_told_and_applies_it_once(supplier_fault, manager, cashier):
    deduction = _raise(supplier_fault, manager)
    assert deduction.supplier.name == "Brakes Ltd"
    assert cashier.notifications.count() == 1
    deduction = services.supplier_deduction_apply(pk=deduction.pk, user=cashier, reference="S-1")
    assert deduction.applied_by == cashier
    with pytest.raises(Conflict) as refused:
        services.supplier_deduction_apply(pk=deduction.pk, user=cashier)
    assert refused.value.message == service_errors.ALREADY_APPLIED


def test_only_the_cashier_applies(supplier_fault, manager):
    deduction = _raise(supplier_fault, manager)
    with pytest.raises(Forbidden) as refused:
        services.supplier_deduction_apply(pk=deduction.pk, user=manager)
    assert refused.value.message == ONLY_THE_CASHIER

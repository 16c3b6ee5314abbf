import pytest

from complaints import services
from servicedesk.errors import Conflict, Forbidden

from . import factories as f


@pytest.fixture
def supplier_fault(shop, complaint, advisor):
    maker = f.supplier(shop, "Brakes Ltd")
    return services.complaint_update(
        pk=complaint.pk,
        user=advisor,
        version=complaint.version,
        responsibility="supplier",
        supplier=maker,
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
    with pytest.raises(Conflict):
        _raise(complaint, manager)


def test_the_cashier_is_told_and_applies_it_once(supplier_fault, manager, cashier):
    deduction = _raise(supplier_fault, manager)
    assert deduction.supplier.name == "Brakes Ltd"
    assert cashier.notifications.count() == 1
    deduction = services.supplier_deduction_apply(pk=deduction.pk, user=cashier, reference="S-1")
    assert deduction.applied_by == cashier
    with pytest.raises(Conflict):
        services.supplier_deduction_apply(pk=deduction.pk, user=cashier)


def test_only_the_cashier_applies(supplier_fault, manager):
    deduction = _raise(supplier_fault, manager)
    with pytest.raises(Forbidden):
        services.supplier_deduction_apply(pk=deduction.pk, user=manager)

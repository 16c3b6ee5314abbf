from decimal import Decimal

import pytest

from servicedesk.errors import Conflict, Invalid
from tests.vehicles.factories import SupplierFactory, WorkOrderFactory
from vehicles import services
from vehicles.models import WorkOrderLine
from vehicles.services.errors import (
    LINE_AUTHORIZED_IN_PROGRESS,
    LINE_DISCOUNT_TOO_HIGH,
    STALE_COPY,
    SUPPLIER_OTHER_SHOP,
    TECHNICIAN_OTHER_SHOP,
)

from . import factories as f


def add(wo, user, **kw):
    kw.setdefault("kind", "part")
    kw.setdefault("description", "Oil filter")
    kw.setdefault("unit_price", Decimal("80"))
    return services.work_order_line_add(work_order_pk=wo.pk, user=user, **kw)


def test_it_adds_a_line_with_its_figures(shop, advisor, technician):
    wo = WorkOrderFactory(shop=shop, advisor=advisor)
    line = add(
        wo,
        advisor,
        quantity=Decimal("2"),
        tax_rate=Decimal("13"),
        discount=Decimal("10"),
        technician_pk=technician.pk,
        supplier_pk=SupplierFactory(shop=shop).pk,
        warranty_months=12,
        warranty_km=20000,
    )
    assert (line.net, line.tax, line.total) == (
        Decimal("150.00"),
        Decimal("19.50"),
        Decimal("169.50"),
    )
    assert line.authorization is None


@pytest.mark.parametrize(
    ("field", "kw", "says"),
    # Only the discount's ceiling is a constant; the others are said inline in the service.
    [
        ("quantity", {"quantity": Decimal("-1")}, "The quantity must be more than zero."),
        ("quantity", {"quantity": Decimal("0")}, "The quantity must be more than zero."),
        ("unit_price", {"unit_price": Decimal("-5")}, "The unit price cannot be negative."),
        ("discount", {"discount": Decimal("-1")}, "The discount cannot be negative."),
        ("discount", {"discount": Decimal("1000")}, LINE_DISCOUNT_TOO_HIGH),
        ("tax_rate", {"tax_rate": Decimal("120")}, "The tax rate is a percentage from 0 to 100."),
        ("kind", {"kind": "gift"}, "Choose labour, part or fee."),
        ("description", {"description": ""}, "Describe the line."),
    ],
)
def test_it_refuses_bad_figures_and_adds_nothing(shop, advisor, field, kw, says):
    wo = WorkOrderFactory(shop=shop, advisor=advisor)
    with pytest.raises(Invalid) as err:
        add(wo, advisor, **kw)
    assert err.value.field == field and err.value.message == says
    assert not WorkOrderLine.objects.exists()


def test_it_refuses_a_supplier_or_technician_of_another_shop(shop, other_shop, advisor, outsider):
    wo = WorkOrderFactory(shop=shop, advisor=advisor)
    with pytest.raises(Invalid) as refused:
        add(wo, advisor, supplier_pk=SupplierFactory(shop=other_shop).pk)
    assert refused.value.message == SUPPLIER_OTHER_SHOP
    with pytest.raises(Invalid) as refused:
        add(wo, advisor, technician_pk=outsider.pk)
    assert refused.value.message == TECHNICIAN_OTHER_SHOP


def test_changing_the_price_of_an_authorized_line_needs_a_new_authorization(shop, advisor):
    wo = WorkOrderFactory(shop=shop, advisor=advisor, lines=1)
    f.authorize(wo, advisor)
    line = wo.lines.get()
    services.work_order_line_update(pk=line.pk, user=advisor, unit_price=Decimal("150"))
    line.refresh_from_db()
    assert line.authorization is None


def test_assigning_a_technician_keeps_the_authorization(shop, advisor, technician):
    wo = WorkOrderFactory(shop=shop, advisor=advisor, lines=1)
    f.authorize(wo, advisor)
    line = wo.lines.get()
    services.work_order_line_update(pk=line.pk, user=advisor, technician_pk=technician.pk)
    line.refresh_from_db()
    assert line.authorization is not None and line.technician == technician


def test_it_removes_a_line_before_work_starts(shop, advisor):
    wo = WorkOrderFactory(shop=shop, advisor=advisor, lines=2)
    services.work_order_line_remove(pk=wo.lines.first().pk, user=advisor)
    assert wo.lines.count() == 1


def test_it_refuses_to_remove_an_authorized_line_once_work_started(shop, advisor):
    wo = WorkOrderFactory(shop=shop, advisor=advisor, lines=1)
    f.authorize(wo, advisor)
    services.work_order_start(pk=wo.pk, user=advisor)
    with pytest.raises(Conflict) as refused:
        services.work_order_line_remove(pk=wo.lines.get().pk, user=advisor)
    assert refused.value.message == LINE_AUTHORIZED_IN_PROGRESS


def test_lines_are_locked_once_ready(shop, advisor):
    wo = WorkOrderFactory(shop=shop, advisor=advisor, lines=1)
    f.authorize(wo, advisor)
    services.work_order_start(pk=wo.pk, user=advisor)
    services.work_order_ready(pk=wo.pk, user=advisor)
    with pytest.raises(Conflict) as err:
        add(wo, advisor)
    assert "Ready" in str(err.value.message)


def test_it_refuses_a_stale_copy(shop, advisor):
    wo = WorkOrderFactory(shop=shop, advisor=advisor)
    stale = wo.version
    add(wo, advisor)
    with pytest.raises(Conflict) as refused:
        add(wo, advisor, version=stale)
    assert refused.value.message == STALE_COPY

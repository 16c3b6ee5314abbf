"""A work-order line takes the shop's tax rate unless it is given its own: typed at the counter,
sent through the API, or approved from a courtesy inspection (which once made 0 % lines beside
the 13 % ones)."""

from decimal import Decimal

import pytest

from tests.vehicles.factories import WorkOrderFactory
from vehicles import services
from vehicles.models import WorkOrderLine


@pytest.fixture
def wo(shop, advisor):
    shop.tax_rate = Decimal("9")
    shop.save(update_fields=["tax_rate"])
    return WorkOrderFactory(shop=shop, advisor=advisor)


def test_a_shop_charges_13_percent_unless_it_says_otherwise(db):
    from tests.factories import ShopFactory

    assert ShopFactory().tax_rate == Decimal("13")


def test_an_approved_inspection_item_is_taxed_at_the_shops_rate(wo, advisor, technician):
    inspection = services.inspection_create(work_order_pk=wo.pk, user=technician)
    item = services.inspection_item_add(
        inspection_pk=inspection.pk,
        user=technician,
        name="Wipers",
        condition="yellow",
        recommended_job="Replace wiper blades",
        price=Decimal("100"),
    )
    services.inspection_item_decide(pk=item.pk, user=advisor, decision="approved")
    item.refresh_from_db()
    assert item.line.tax_rate == Decimal("9")
    assert item.line.tax == Decimal("9.00")


def test_a_line_without_a_rate_takes_the_shops(wo, advisor):
    line = services.work_order_line_add(
        work_order_pk=wo.pk, user=advisor, kind="part", description="Pads", unit_price=Decimal("50")
    )
    assert line.tax_rate == Decimal("9")


def test_a_line_given_its_own_rate_keeps_it(wo, advisor):
    line = services.work_order_line_add(
        work_order_pk=wo.pk,
        user=advisor,
        kind="fee",
        description="Disposal",
        unit_price=Decimal("10"),
        tax_rate=Decimal("0"),
    )
    assert line.tax_rate == Decimal("0")


def test_the_api_line_without_a_rate_takes_the_shops(api_as, advisor, wo):
    res = api_as(advisor).post(
        f"/api/v1/work-orders/{wo.pk}/lines/",
        {"kind": "labour", "description": "Brake bleed", "unit_price": "80.00"},
        format="json",
    )
    assert res.status_code == 201, res.content
    assert WorkOrderLine.objects.get(work_order=wo).tax_rate == Decimal("9")


def test_the_line_form_offers_the_shops_rate_and_uses_it(browser_as, advisor, wo):
    browser = browser_as(advisor)
    page = browser.get(f"/work-orders/{wo.pk}/").content.decode()
    assert 'name="l-tax_rate" value="9.00"' in page
    r = browser.post(
        f"/work-orders/{wo.pk}/",
        {
            "form": "line",
            "l-kind": "labour",
            "l-description": "Brake bleed",
            "l-quantity": "1",
            "l-unit_price": "80",
            "l-tax_rate": "",
        },
    )
    assert r.status_code == 302
    assert WorkOrderLine.objects.get(work_order=wo).tax_rate == Decimal("9")

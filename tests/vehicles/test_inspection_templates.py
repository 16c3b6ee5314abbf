"""A shop's checklists: kept by its service manager, an inspection started from one has its
items ready to tick."""

from decimal import Decimal

import pytest

from servicedesk.errors import Conflict, Forbidden, Invalid, NotFound
from vehicles import services
from vehicles.services.errors import (
    CONDITION_REQUIRED,
    TEMPLATE_ITEMS_REQUIRED,
    TEMPLATE_NAME_TAKEN,
    TEMPLATE_NOT_IN_USE,
)

from . import factories as f

CHECKS = ["Tyres", "Brake pads", "Wipers", "Battery"]


@pytest.fixture
def checklist(shop, manager):
    return services.inspection_template_create(
        user=manager, shop_pk=shop.pk, name="Courtesy check", items=CHECKS
    )


def test_an_inspection_from_a_checklist_has_its_items_to_tick(shop, advisor, technician, checklist):
    wo = f.WorkOrderFactory(shop=shop, advisor=advisor)
    insp = services.inspection_create(
        work_order_pk=wo.pk, user=technician, template_pk=checklist.pk
    )
    items = list(insp.items.all())
    assert [i.name for i in items] == CHECKS and {i.condition for i in items} == {""}
    services.inspection_item_update(
        pk=items[0].pk,
        user=technician,
        condition="red",
        recommended_job="Two front tyres",
        price=Decimal("900"),
    )
    items[0].refresh_from_db()
    assert items[0].condition == "red"


def test_an_unticked_item_cannot_be_decided(shop, advisor, technician, checklist):
    wo = f.WorkOrderFactory(shop=shop, advisor=advisor)
    insp = services.inspection_create(
        work_order_pk=wo.pk, user=technician, template_pk=checklist.pk
    )
    item = insp.items.first()
    item.recommended_job, item.price = "Tyres", Decimal("1")
    item.save()
    with pytest.raises(Conflict) as refused:
        services.inspection_item_decide(pk=item.pk, user=advisor, decision="approved")
    assert refused.value.message == CONDITION_REQUIRED


def test_only_the_service_manager_keeps_checklists(shop, advisor, checklist):
    with pytest.raises(Forbidden):
        services.inspection_template_create(user=advisor, shop_pk=shop.pk, name="X", items=["A"])


def test_a_checklist_needs_items_and_a_name_of_its_own(shop, manager, checklist):
    with pytest.raises(Invalid) as empty:
        services.inspection_template_create(user=manager, shop_pk=shop.pk, name="B", items=[" "])
    assert empty.value.message == TEMPLATE_ITEMS_REQUIRED
    with pytest.raises(Invalid) as taken:
        services.inspection_template_create(
            user=manager, shop_pk=shop.pk, name="courtesy CHECK", items=["A"]
        )
    assert taken.value.message == TEMPLATE_NAME_TAKEN


def test_a_checklist_out_of_use_starts_nothing(shop, advisor, technician, manager, checklist):
    services.inspection_template_update(
        user=manager, pk=checklist.pk, name="Courtesy check", items=CHECKS, active=False
    )
    wo = f.WorkOrderFactory(shop=shop, advisor=advisor)
    with pytest.raises(Invalid) as refused:
        services.inspection_create(work_order_pk=wo.pk, user=technician, template_pk=checklist.pk)
    assert refused.value.message == TEMPLATE_NOT_IN_USE


def test_another_shops_checklist_is_not_found(other_shop, outsider, shop, advisor, technician):
    theirs = services.inspection_template_create(
        user=None, shop_pk=other_shop.pk, name="Theirs", items=["A"]
    )
    wo = f.WorkOrderFactory(shop=shop, advisor=advisor)
    with pytest.raises(NotFound):
        services.inspection_create(work_order_pk=wo.pk, user=technician, template_pk=theirs.pk)


def test_the_manager_edits_a_checklist_on_its_page(browser_as, manager, checklist):
    client = browser_as(manager)
    page = client.get("/inspection-templates/")
    assert "Courtesy check" in page.content.decode()
    saved = client.post(
        f"/inspection-templates/{checklist.pk}/",
        {"name": "Courtesy check", "items": "Tyres\nLights", "active": "on"},
    )
    assert saved.status_code == 302
    assert [i.name for i in checklist.items.all()] == ["Tyres", "Lights"]


def test_checklists_through_the_api(api_as, manager, advisor, checklist):
    made = api_as(manager).post(
        "/api/v1/inspection-templates/",
        {"name": "Winter", "items": ["Antifreeze", "Tyres"]},
        format="json",
    )
    assert made.status_code == 201 and made.json()["items"] == ["Antifreeze", "Tyres"]
    refused = api_as(advisor).post(
        "/api/v1/inspection-templates/", {"name": "Y", "items": ["A"]}, format="json"
    )
    assert refused.status_code == 403
    listed = api_as(advisor).get("/api/v1/inspection-templates/")
    assert {t["name"] for t in listed.json()["results"]} == {"Courtesy check", "Winter"}


def test_the_technician_ticks_an_item_on_the_inspection_page(
    browser_as, shop, advisor, technician, checklist
):
    wo = f.WorkOrderFactory(shop=shop, advisor=advisor)
    insp = services.inspection_create(
        work_order_pk=wo.pk, user=technician, template_pk=checklist.pk
    )
    item = insp.items.first()
    client = browser_as(technician)
    page = client.get(f"/inspections/{insp.pk}/").content.decode()
    assert "Not checked yet" in page and f'id="c{item.pk}red"' in page
    ticked = client.post(
        f"/inspections/{insp.pk}/",
        {
            "form": "tick",
            "item": item.pk,
            "condition": "yellow",
            "notes": "Tread at 3 mm",
            "recommended_job": "Two tyres",
            "price": "900",
        },
    )
    assert ticked.status_code == 302
    item.refresh_from_db()
    assert (item.condition, item.recommended_job, item.price) == ("yellow", "Two tyres", 900)

"""Field edits of customers, vehicles, work orders and their lines are kept (django-simple-history):
what changed, who changed it and when — from a page, the API, or a job with no request."""

from decimal import Decimal

from django.urls import reverse

from tests.vehicles.factories import WorkOrderFactory
from vehicles import services


def latest(record):
    return record.history.first()


def changed(row) -> list[str]:
    return sorted(row.diff_against(row.prev_record).changed_fields)


def test_a_service_edit_records_the_changed_field_and_who_made_it(advisor, zhou):
    services.customer_update(pk=zhou.pk, user=advisor, notes="Likes photos")
    row = latest(zhou)
    assert row.history_type == "~" and changed(row) == ["notes"]
    assert row.history_user == advisor and row.notes == "Likes photos"


def test_an_edit_without_a_user_is_kept_with_no_author(zhou):
    """The demo and the system itself call services with no user: nothing breaks."""
    services.customer_update(pk=zhou.pk, notes="From the demo")
    row = latest(zhou)
    assert changed(row) == ["notes"] and row.history_user is None


def test_the_edit_page_records_the_signed_in_user(browser_as, manager, zhou):
    data = {
        "name": zhou.name,
        "phone": zhou.phone,
        "email": zhou.email,
        "preferred_channel": "wechat",
        "preferred_language": zhou.preferred_language,
        "main_concern": zhou.main_concern,
        "customer_type": zhou.customer_type,
        "notes": zhou.notes,
    }
    page = browser_as(manager).post(reverse("vehicles:customer-edit", args=[zhou.pk]), data)
    assert page.status_code == 302, page.content.decode()[:2000]
    row = latest(zhou)
    assert changed(row) == ["preferred_channel"] and row.history_user == manager


def test_the_api_records_the_authenticated_user(api_as, advisor, zhou):
    answer = api_as(advisor).patch(
        f"/api/v1/customers/{zhou.pk}/", {"notes": "Call after 5"}, format="json"
    )
    assert answer.status_code == 200, answer.content
    row = latest(zhou)
    assert changed(row) == ["notes"] and row.history_user == advisor


def test_a_vehicle_edit_and_a_mileage_reading_name_who_made_them(advisor, manager, lavida):
    services.vehicle_update(pk=lavida.pk, user=manager, colour="White")
    assert changed(latest(lavida)) == ["colour"] and latest(lavida).history_user == manager
    services.vehicle_record_mileage(pk=lavida.pk, km=43000, user=advisor)
    row = latest(lavida)
    assert changed(row) == ["mileage"] and row.history_user == advisor


def test_a_work_order_edit_names_its_author(shop, advisor, manager, lavida):
    wo = WorkOrderFactory(vehicle=lavida, advisor=advisor)
    assert latest(wo).history_type == "+" and latest(wo).history_user == advisor
    services.work_order_update(pk=wo.pk, user=manager, version=wo.version, cause="Worn pads")
    row = latest(wo)
    assert changed(row) == ["cause", "version"] and row.history_user == manager


def test_line_edits_are_kept_and_the_orders_version_bump_adds_no_row(shop, advisor, lavida):
    wo = WorkOrderFactory(vehicle=lavida, advisor=advisor)
    rows_of_the_order = wo.history.count()
    line = services.work_order_line_add(
        work_order_pk=wo.pk,
        user=advisor,
        kind="part",
        description="Pads",
        unit_price=Decimal("300"),
    )
    services.work_order_line_update(pk=line.pk, user=advisor, unit_price=Decimal("280"))
    row = latest(line)
    assert changed(row) == ["unit_price"] and row.history_user == advisor
    services.work_order_line_remove(pk=line.pk, user=advisor)
    assert [r.history_type for r in line.history.all()] == ["-", "~", "+"]
    assert line.history.first().history_user == advisor
    assert wo.history.count() == rows_of_the_order

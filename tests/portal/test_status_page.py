"""The customer's page: the car's progress, the promised time, a complaint's state in plain
words with the expected date — and nothing internal: no notes, no staff names beyond the
advisor's first name, no other customer's data."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from portal.selectors import COMPLAINT_WORDS
from tests.complaints.factories import ComplaintFactory
from tests.vehicles.factories import CustomerFactory, WorkOrderLineFactory, authorize
from vehicles import services as vehicle_services


def _page(client, link, **params):
    answer = client.get(f"/c/{link.token}/", params)
    assert answer.status_code == 200
    return answer.content.decode()


def test_it_shows_the_progress_and_the_promise(client, visit, link):
    visit.status = "in_progress"
    visit.promised_at = timezone.now() + timedelta(hours=3)
    visit.save()
    page = _page(client, link)
    current = page.split('aria-current="step"')[1].split("</li>")[0]
    assert "In progress" in current
    assert 'id="portal-promised"' in page
    assert 'id="portal-ready"' not in page


def test_ready_says_ready_for_pickup(client, visit, link):
    visit.status = "ready"
    visit.save()
    assert "Your car is ready for pickup." in _page(client, link)


def test_it_speaks_the_customers_language_and_switches(client, visit, link):
    visit.customer.preferred_language = "zh-hans"
    visit.customer.save()
    assert "您的车辆进度" in _page(client, link)
    assert "Your car's progress" in _page(client, link, lang="en")
    # The switch is kept for the next visit of the page.
    assert "Your car's progress" in _page(client, link)


def test_it_shows_the_visits_complaint_in_plain_words(client, shop, advisor, visit, link):
    complaint = ComplaintFactory(
        shop=shop, user=advisor, customer=visit.customer, vehicle=visit.vehicle, work_order=visit
    )
    page = _page(client, link)
    assert str(COMPLAINT_WORDS["received"]) in page
    assert complaint.number in page
    assert "We expect to resolve it by" in page


def test_it_shows_nothing_internal(client, shop, advisor, manager, technician, visit, link):
    advisor.first_name, advisor.last_name = "Wei", "Zhang"
    advisor.save()
    visit.cause = "INTERNAL-CAUSE-NOTE"
    visit.save()
    WorkOrderLineFactory(work_order=visit, technician=technician, description="Brake pads")
    ComplaintFactory(
        shop=shop,
        user=manager,
        customer=visit.customer,
        work_order=visit,
        customer_words="SECRET-CUSTOMER-WORDS-IN-FILE",
    )
    stranger = CustomerFactory(shop=shop, name="Other Person")
    ComplaintFactory(
        shop=shop, user=advisor, customer=stranger, customer_words="SOMEONE-ELSES-COMPLAINT"
    )
    page = _page(client, link)
    assert "Wei" in page
    for hidden in (
        "Zhang",
        "INTERNAL-CAUSE-NOTE",
        "SECRET-CUSTOMER-WORDS-IN-FILE",
        "SOMEONE-ELSES-COMPLAINT",
        "Other Person",
        technician.username,
        manager.username,
    ):
        assert hidden not in page, hidden


def _offers(client, link) -> tuple[bool, bool]:
    page = _page(client, link)
    return f"/c/{link.token}/inspection/" in page, f"/c/{link.token}/authorize/" in page


def test_it_offers_the_inspection_and_the_authorization_only_with_something_in_them(
    client, advisor, technician, visit, link
):
    assert _offers(client, link) == (False, False)
    WorkOrderLineFactory(work_order=visit, user=advisor, description="Oil change")
    assert _offers(client, link) == (False, True)
    inspection = vehicle_services.inspection_create(work_order_pk=visit.pk, user=technician)
    assert _offers(client, link) == (False, True)  # an inspection with nothing to show yet
    vehicle_services.inspection_item_add(
        inspection_pk=inspection.pk,
        user=technician,
        name="Wipers",
        condition="yellow",
        recommended_job="New blades",
        price=Decimal("80"),
    )
    assert _offers(client, link) == (True, True)
    authorize(visit, advisor)
    assert _offers(client, link) == (True, False)

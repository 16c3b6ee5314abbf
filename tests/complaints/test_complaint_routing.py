"""Who is told, and who handles: seed 003 §2 (when a complaint is logged, the people responsible
for the product or the job are told) and §5(3) (a service-content error goes to the duty
supervisor or the service manager)."""

import pytest

from complaints import services
from complaints.models import Source
from complaints.permissions import SERVICE_CONTENT_SUPERVISED, told_at_intake
from servicedesk.accounts.models import Role
from servicedesk.errors import Forbidden
from servicedesk.notifications.models import Notification
from tests.complaints.factories import ComplaintFactory, set_duty
from tests.factories import staff
from tests.vehicles.factories import WorkOrderFactory


def _told(message):
    return set(Notification.objects.filter(message=message).values_list("recipient", flat=True))


def test_the_manager_and_the_people_of_the_work_order_are_told(shop, advisor, manager, technician):
    order = WorkOrderFactory(shop=shop)
    c = ComplaintFactory(shop=shop, user=advisor, work_order=order, technician=technician)
    assert set(told_at_intake(c)) == {manager, order.advisor, technician}
    assert _told("complaints.logged") == {manager.pk, order.advisor_id, technician.pk}
    note = Notification.objects.get(recipient=technician, message="complaints.logged")
    assert c.number in note.title and "brakes squeal" in note.body.lower()


def test_not_the_person_who_logged_it(shop, advisor, manager):
    ComplaintFactory(shop=shop, user=manager)
    assert manager.pk not in _told("complaints.logged")


def test_every_manager_when_none_is_on_duty(shop, advisor, manager, second_manager):
    set_duty(manager, shop, False)
    set_duty(second_manager, shop, False)
    c = ComplaintFactory(shop=shop, user=advisor)
    assert set(told_at_intake(c)) == {manager, second_manager}


def test_an_internal_nonconformity_tells_the_department_heads(shop, technician, manager, quality):
    c = services.complaint_open(
        shop_pk=shop.pk, user=technician, source=Source.INTERNAL, customer_words="Lift leaks"
    )
    assert set(told_at_intake(c)) == {manager, quality}
    assert _told("complaints.logged") == {manager.pk, quality.pk}


def test_a_service_content_error_goes_to_the_duty_supervisor_and_manager(
    shop, advisor, manager, supervisor, complaint
):
    services.complaint_update(
        pk=complaint.pk, user=advisor, version=1, category="service_content_error"
    )
    assert _told("complaints.service_content_error") == {manager.pk, supervisor.pk}
    complaint.refresh_from_db()
    # From now on theirs to handle, not the advisor's.
    with pytest.raises(Forbidden) as refused:
        services.complaint_update(
            pk=complaint.pk, user=advisor, version=complaint.version, severity="minor"
        )
    assert refused.value.message == SERVICE_CONTENT_SUPERVISED
    services.complaint_update(
        pk=complaint.pk, user=supervisor, version=complaint.version, severity="minor"
    )


def test_its_remedy_is_approved_by_the_duty_supervisor_when_no_manager_is_on_duty(
    shop, advisor, manager, supervisor, complaint, carry
):
    set_duty(manager, shop, False)
    c = carry(complaint, "resolving")
    c = services.complaint_update(
        pk=c.pk, user=manager, version=c.version, category="service_content_error"
    )
    remedy = services.remedy_propose(complaint_pk=c.pk, user=supervisor, kind="discount", amount=50)
    other = staff("supervisor2", shop, Role.SUPERVISOR, on_duty=True)
    assert services.remedy_decide(pk=remedy.pk, user=other, approve=True).status == "approved"


def test_told_once_however_often_it_is_reclassified(shop, manager, supervisor, complaint):
    for version, category in enumerate(["service_content_error", "billing"], start=1):
        services.complaint_update(pk=complaint.pk, user=manager, version=version, category=category)
    complaint.refresh_from_db()
    services.complaint_update(
        pk=complaint.pk,
        user=manager,
        version=complaint.version,
        category="service_content_error",
    )
    assert Notification.objects.filter(message="complaints.service_content_error").count() == 1

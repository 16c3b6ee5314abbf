"""Every message the system sends a customer — the link to their visit, a survey link, a
reminder — is on the customer's and the vehicle's communication log (their timelines): the
outbox files each under the customer and the vehicle, and the log reads it there."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from interactions import reminders as visit_reminders
from interactions.models import Interaction
from portal import services
from servicedesk.outbox.models import OutboundMessage
from surveys import services as surveys
from vehicles.models import Inspection, InspectionItem
from vehicles.services import reminders as inspection_reminders

SH = ZoneInfo("Asia/Shanghai")


def _send_all_three(shop, advisor, visit):
    customer = visit.customer
    customer.reminder_consent = True
    customer.save()
    services.customer_link_send(user=advisor, work_order_pk=visit.pk)
    visit.status, visit.delivered_at = "delivered", timezone.now() - timedelta(days=3)
    visit.save()
    survey = surveys.survey_create(work_order_pk=visit.pk)[0]
    surveys.survey_send(pk=survey.pk)
    inspection = Inspection.objects.create(
        shop=shop, work_order=visit, vehicle=visit.vehicle, inspected_by=advisor
    )
    decided = timezone.now() - timedelta(days=30)
    InspectionItem.objects.create(
        inspection=inspection,
        shop=shop,
        name="Wiper blades",
        condition="yellow",
        recommended_job="Replace the wiper blades",
        price=Decimal("80"),
        decision="declined",
        decided_at=decided,
    )
    assert inspection_reminders.inspection_remind(pk=inspection.pk)
    kept = Interaction.objects.create(
        shop=shop,
        customer=customer,
        vehicle=visit.vehicle,
        channel="walk_in",
        advisor=advisor,
        greet_at=datetime(2026, 3, 1, 10, tzinfo=SH),
        stage="closed",
        next_visit_on=date(2026, 6, 10),
    )
    assert visit_reminders.next_visit_remind(interaction_id=kept.pk)


def test_the_link_survey_and_reminders_are_on_both_logs(client, shop, advisor, visit):
    _send_all_three(shop, advisor, visit)
    kinds = {"customer_link", "survey_invitation", "inspection_reminder", "next_visit_reminder"}
    assert set(OutboundMessage.objects.values_list("kind", flat=True)) == kinds
    assert (
        set(
            OutboundMessage.objects.filter(
                customer_ref=visit.customer_id, vehicle_ref=visit.vehicle_id
            ).values_list("kind", flat=True)
        )
        == kinds
    )
    client.force_login(advisor)
    for page in (f"/customers/{visit.customer_id}/", f"/vehicles/{visit.vehicle_id}/"):
        content = client.get(page).content.decode()
        for label in (
            "Link to the visit",
            "Satisfaction survey invitation",
            "Declined or deferred work reminder",
            "Next visit reminder",
        ):
            assert label in content, (page, label)


def test_another_customers_messages_stay_off_the_log(
    client, shop, advisor, visit, other_visit_link
):
    services.customer_link_send(user=advisor, work_order_pk=other_visit_link.work_order_id)
    client.force_login(advisor)
    content = client.get(f"/customers/{visit.customer_id}/").content.decode()
    assert "Link to the visit" not in content

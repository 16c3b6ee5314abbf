from django.core.management import call_command

from vehicles.models import Customer, Decision, InspectionItem, Invoice, WorkOrder, WorkOrderStatus


def test_the_demo_has_every_status_an_inspection_an_invoice_and_a_comeback(db):
    call_command("seed_demo")
    statuses = set(WorkOrder.objects.filter(shop__code="demo").values_list("status", flat=True))
    assert statuses == set(WorkOrderStatus.values)
    assert WorkOrder.objects.filter(comeback_of__isnull=False).exists()
    assert Invoice.objects.exists()
    decisions = set(InspectionItem.objects.values_list("decision", flat=True))
    assert {Decision.APPROVED, Decision.DECLINED, Decision.DEFERRED} <= decisions


def test_the_demo_runs_twice_without_duplicates(db):
    call_command("seed_demo")
    counts = (Customer.objects.count(), WorkOrder.objects.count())
    call_command("seed_demo")
    assert (Customer.objects.count(), WorkOrder.objects.count()) == counts

from django.core.management import call_command

from complaints.models import Complaint, CorrectiveAction, Remedy, State, SupplierDeduction


def test_the_demo_has_every_state_and_is_idempotent(db):
    call_command("seed_demo")
    states = set(Complaint.objects.values_list("state", flat=True))
    assert states == set(State.values)
    assert Remedy.objects.filter(status="approved").exists()
    assert Remedy.objects.filter(status="rejected").exists()
    assert Complaint.objects.exclude(confirmation_signature="").exists()
    assert SupplierDeduction.objects.exists()
    assert CorrectiveAction.objects.filter(effective=True).exists()
    count = Complaint.objects.count()
    call_command("seed_demo")
    assert Complaint.objects.count() == count

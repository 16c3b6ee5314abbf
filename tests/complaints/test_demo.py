import pytest
from django.core.management import call_command

from complaints.models import Complaint, CorrectiveAction, Remedy, State, SupplierDeduction

pytestmark = pytest.mark.usefixtures("seeded_demo")  # one seeding for the module


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


def test_the_demos_approved_discounts_are_money_for_the_cashier(db):
    from django.db.models import Q

    from complaints.models import MONEY_KINDS, CustomerSettlement

    call_command("seed_demo")
    approved = Remedy.objects.filter(status="approved", kind__in=MONEY_KINDS, amount__gt=0)
    assert approved.filter(kind="discount").exists()
    settlements = CustomerSettlement.objects.all()
    assert set(settlements.values_list("remedy", flat=True)) == set(
        approved.values_list("pk", flat=True)
    )
    # Some still to pay on the cashier's list, some paid by the demo's cashier.
    assert settlements.filter(settled_at__isnull=True).exists()
    assert settlements.filter(~Q(settled_at=None), settled_by__username="cashier").exists()

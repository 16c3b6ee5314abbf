"""Complaints and work orders are never hard-deleted; the complaint history is never rewritten,
through the ORM, the admin or (on PostgreSQL) plain SQL."""

import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, transaction

from complaints.models import AppendOnlyError, Complaint, ComplaintHistory
from servicedesk.records import HardDeleteRefused
from tests.complaints.factories import ComplaintFactory
from tests.vehicles.factories import WorkOrderFactory
from vehicles.models import WorkOrder


@pytest.fixture
def complaint(shop, advisor):
    return ComplaintFactory(shop=shop, user=advisor)


def test_a_complaint_cannot_be_deleted_through_the_orm(complaint):
    with pytest.raises(HardDeleteRefused):
        complaint.delete()
    with pytest.raises(HardDeleteRefused):
        Complaint.objects.filter(pk=complaint.pk).delete()
    assert Complaint.objects.filter(pk=complaint.pk).exists()


def test_a_work_order_cannot_be_deleted_through_the_orm(shop, advisor):
    wo = WorkOrderFactory(shop=shop, advisor=advisor)
    with pytest.raises(HardDeleteRefused):
        wo.delete()
    with pytest.raises(HardDeleteRefused):
        WorkOrder.objects.all().delete()
    assert WorkOrder.objects.filter(pk=wo.pk).exists()


def test_the_history_cannot_be_changed_or_deleted_through_the_orm(complaint):
    row = ComplaintHistory.objects.filter(complaint=complaint).first()
    row.note = "rewritten"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        ComplaintHistory.objects.filter(pk=row.pk).update(note="rewritten")
    with pytest.raises(AppendOnlyError):
        ComplaintHistory.objects.all().delete()


def test_the_admin_offers_no_change_or_delete(client, complaint):
    admin = get_user_model().objects.create_superuser("root", "root@example.invalid", "pw")
    client.force_login(admin)
    row = ComplaintHistory.objects.filter(complaint=complaint).first()
    page = client.get(f"/admin/complaints/complainthistory/{row.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert (
        client.post(
            f"/admin/complaints/complainthistory/{row.pk}/delete/", {"post": "yes"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"/admin/complaints/complaint/{complaint.pk}/delete/", {"post": "yes"}
        ).status_code
        == 403
    )
    listing = client.get("/admin/complaints/complaint/")
    assert b"delete_selected" not in listing.content
    assert Complaint.objects.filter(pk=complaint.pk).exists()
    assert ComplaintHistory.objects.filter(pk=row.pk).exists()


def test_postgresql_refuses_a_stray_update_or_delete_of_the_history(complaint):
    if connection.vendor != "postgresql":
        pytest.skip("the trigger is PostgreSQL's")
    row = ComplaintHistory.objects.filter(complaint=complaint).first()
    for sql in (
        "UPDATE complaints_complainthistory SET note = 'rewritten' WHERE id = %s",
        "DELETE FROM complaints_complainthistory WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [row.pk])
    assert ComplaintHistory.objects.get(pk=row.pk).note == row.note

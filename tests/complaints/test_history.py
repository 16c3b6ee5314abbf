import pytest
from django.contrib import admin
from django.test import RequestFactory

from complaints.models import AppendOnlyError, ComplaintHistory


def test_a_history_row_cannot_be_changed(complaint):
    row = ComplaintHistory.objects.get(complaint=complaint)
    row.note = "rewritten"
    with pytest.raises(AppendOnlyError):
        row.save()


def test_a_history_row_cannot_be_deleted(complaint):
    row = ComplaintHistory.objects.get(complaint=complaint)
    with pytest.raises(AppendOnlyError):
        row.delete()


def test_history_cannot_be_updated_or_deleted_in_bulk(complaint):
    with pytest.raises(AppendOnlyError):
        ComplaintHistory.objects.filter(complaint=complaint).update(note="x")
    with pytest.raises(AppendOnlyError):
        ComplaintHistory.objects.all().delete()
    assert ComplaintHistory.objects.filter(complaint=complaint).count() == 1


def test_the_admin_shows_history_read_only(complaint, manager):
    model_admin = admin.site._registry[ComplaintHistory]
    request = RequestFactory().get("/")
    request.user = manager
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)

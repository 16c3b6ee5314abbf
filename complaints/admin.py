from django.contrib import admin

from servicedesk.read_only_admin import ReadOnlyAdmin

from .models import (
    Complaint,
    ComplaintHistory,
    ComplaintPolicy,
    CorrectiveAction,
    FollowUp,
    Remedy,
    SupplierDeduction,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class HistoryInline(ReadOnlyInline):
    model = ComplaintHistory
    fields = ["at", "kind", "by", "from_state", "to_state", "note", "changes"]
    readonly_fields = fields


class RemedyInline(ReadOnlyInline):
    model = Remedy
    fields = ["kind", "amount", "status", "proposed_by", "decided_by", "decided_at"]
    readonly_fields = fields


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
    """Read-only: complaints change only through the services, which keep the history."""

    list_display = ["number", "shop", "state", "severity", "category", "received_at"]
    list_filter = ["shop", "state", "severity", "category"]
    search_fields = ["number", "customer_words", "customer__name"]
    inlines = [RemedyInline, HistoryInline]


@admin.register(ComplaintHistory)
class ComplaintHistoryAdmin(ReadOnlyAdmin):
    """Append-only: viewable, never added, changed or deleted here."""

    list_display = ["complaint", "at", "kind", "by", "from_state", "to_state"]
    list_filter = ["kind"]


@admin.register(ComplaintPolicy)
class ComplaintPolicyAdmin(admin.ModelAdmin):
    list_display = ["shop", "normal_response_minutes", "normal_resolution_hours"]


for model in (Remedy, CorrectiveAction, SupplierDeduction, FollowUp):
    admin.site.register(model, ReadOnlyAdmin)

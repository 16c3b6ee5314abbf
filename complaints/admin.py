from django.contrib import admin

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
class ComplaintAdmin(admin.ModelAdmin):
    """Read-only: complaints change only through the services, which keep the history."""

    list_display = ["number", "shop", "state", "severity", "category", "received_at"]
    list_filter = ["shop", "state", "severity", "category"]
    search_fields = ["number", "customer_words", "customer__name"]
    inlines = [RemedyInline, HistoryInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ComplaintHistory)
class ComplaintHistoryAdmin(admin.ModelAdmin):
    """Append-only: viewable, never added, changed or deleted here."""

    list_display = ["complaint", "at", "kind", "by", "from_state", "to_state"]
    list_filter = ["kind"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ComplaintPolicy)
class ComplaintPolicyAdmin(admin.ModelAdmin):
    list_display = ["shop", "normal_response_minutes", "normal_resolution_hours"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


for model in (Remedy, CorrectiveAction, SupplierDeduction, FollowUp):
    admin.site.register(model, ReadOnlyAdmin)

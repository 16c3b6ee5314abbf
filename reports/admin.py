from django.contrib import admin

from .models import AnnualSnapshot, ReportJob


@admin.register(AnnualSnapshot)
class AnnualSnapshotAdmin(admin.ModelAdmin):
    """Read-only: snapshots are computed, never typed in."""

    list_display = ["shop", "year", "computed_at"]
    list_filter = ["shop", "year"]
    readonly_fields = ["shop", "year", "figures", "computed_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    list_display = ["shop", "year", "status", "progress", "requested_by", "created_at"]
    list_filter = ["status", "shop", "year"]
    readonly_fields = [
        "shop", "year", "status", "progress", "error", "requested_by", "created_at",
        "started_at", "attempt", "heartbeat_at", "finished_at",
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False

from django.contrib import admin

from servicedesk.field_history_admin import FieldHistoryAdmin

from .models import CoachingTip, CommunicationLog, Escalation, Interaction


@admin.register(CoachingTip)
class CoachingTipAdmin(admin.ModelAdmin):
    """Managers rewrite the coaching shown at each stage (and on the complaint intake page)
    here; *shown when* narrows a tip to a situation (an upset customer, time or expense first,
    a call)."""

    list_display = [
        "stage",
        "customer_type",
        "when",
        "language",
        "kind",
        "short_text",
        "ordering",
        "active",
    ]
    list_filter = ["stage", "language", "customer_type", "when", "kind", "active"]
    list_editable = ["ordering", "active"]
    search_fields = ["short_text", "long_text"]


@admin.register(Interaction)
class InteractionAdmin(FieldHistoryAdmin):
    """Its History page lists every field edit: who, when, what changed (read-only: no
    revert, the stage moves only through interactions.services)."""

    list_display = ["pk", "shop", "customer", "walk_in_name", "advisor", "stage", "greet_at"]
    list_filter = ["shop", "stage", "channel"]
    list_select_related = ["shop", "customer", "advisor"]
    raw_id_fields = ["customer", "vehicle", "work_order", "advisor"]
    # The stage moves only through interactions.services: read-only here.
    readonly_fields = ["stage", "outcome", "version", "closed_at"]


@admin.register(Escalation)
class EscalationAdmin(admin.ModelAdmin):
    list_display = ["pk", "shop", "kind", "stage", "raised_by", "assigned_to", "responded_at"]
    list_filter = ["shop", "kind"]
    raw_id_fields = ["interaction", "raised_by", "assigned_to", "responded_by"]


@admin.register(CommunicationLog)
class CommunicationLogAdmin(admin.ModelAdmin):
    list_display = ["pk", "shop", "customer", "kind", "direction", "channel", "at"]
    list_filter = ["shop", "kind", "channel"]
    raw_id_fields = ["customer", "vehicle", "work_order", "interaction", "by"]

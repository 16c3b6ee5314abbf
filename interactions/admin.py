from django.contrib import admin

from servicedesk.field_history_admin import FieldHistoryAdmin
from servicedesk.read_only_admin import ReadOnlyAdmin

from .models import (
    CoachingTip,
    CommunicationLog,
    Escalation,
    InboundAddress,
    InboundAttachment,
    InboundMessage,
    Interaction,
)


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


@admin.register(InboundAddress)
class InboundAddressAdmin(admin.ModelAdmin):
    """The addresses each shop receives on: where a message sent to one of them belongs, and
    whether it opens complaints (docs/jobs.md)."""

    list_display = ["address", "shop", "purpose"]
    list_filter = ["shop", "purpose"]
    search_fields = ["address"]


class InboundAttachmentInline(admin.TabularInline):
    model = InboundAttachment
    fields = ["name", "content_type", "size", "refused"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(InboundMessage)
class InboundMessageAdmin(ReadOnlyAdmin):
    """Every message received, also those no shop could be found for (sent to no address of
    ours, from no known customer): only here."""

    list_display = ["received_at", "channel", "sender", "subject", "shop", "status", "claimed_as"]
    list_filter = ["channel", "status", "shop"]
    search_fields = ["sender", "subject", "message_id"]
    inlines = [InboundAttachmentInline]

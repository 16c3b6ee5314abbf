from django.contrib import admin

from .models import (
    MessageTemplate,
    OutboundAttachment,
    OutboundMessage,
    Reminder,
    ReminderSettings,
)


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    list_display = ["kind", "language", "subject"]
    list_filter = ["kind", "language"]
    search_fields = ["subject", "body", "sms_body"]


class OutboundAttachmentInline(admin.TabularInline):
    model = OutboundAttachment
    fields = ["filename", "content_type"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(OutboundMessage)
class OutboundMessageAdmin(admin.ModelAdmin):
    inlines = [OutboundAttachmentInline]
    list_display = ["created_at", "shop", "kind", "channel", "to", "status", "attempts"]
    list_filter = ["status", "channel", "kind", "shop"]
    search_fields = ["to", "to_name", "subject", "key"]
    readonly_fields = [f.name for f in OutboundMessage._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["created_at", "shop", "kind", "key"]
    list_filter = ["kind", "shop"]
    search_fields = ["key"]
    readonly_fields = ["created_at", "shop", "kind", "key"]

    def has_add_permission(self, request):
        return False


@admin.register(ReminderSettings)
class ReminderSettingsAdmin(admin.ModelAdmin):
    list_display = ["shop", "inspection_after_days", "next_visit_days_before"]

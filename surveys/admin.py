from django.contrib import admin

from .models import Survey, SurveySettings


@admin.register(SurveySettings)
class SurveySettingsAdmin(admin.ModelAdmin):
    list_display = [
        "shop",
        "enabled",
        "days_after_delivery",
        "expiry_days",
        "low_csat_at_most",
        "low_nps_at_most",
        "low_score_action",
    ]


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["created_at", "shop", "customer", "sent_at", "answered_at", "csat", "nps"]
    list_filter = ["shop", "low_score"]
    search_fields = ["customer__name", "work_order__number"]
    readonly_fields = [f.name for f in Survey._meta.fields]

    def has_add_permission(self, request):
        return False

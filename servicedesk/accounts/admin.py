from django.contrib import admin
from rest_framework.authtoken.models import TokenProxy

from servicedesk.read_only_admin import ReadOnlyAdmin

from .models import (
    ApiToken,
    AuthorityLimit,
    GroupMembership,
    Membership,
    Profile,
    SecurityEvent,
    Shop,
    ShopGroup,
)

# DRF's one-token-per-user model is replaced by ApiToken (its rows were carried over): a token
# added there would open nothing.
if admin.site.is_registered(TokenProxy):
    admin.site.unregister(TokenProxy)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Listed and revoked (deleted) here; issued only through POST /api/v1/auth/token/."""

    list_display = ["user", "name", "prefix", "created_at", "expires_at", "last_used_at"]
    list_filter = ["expires_at"]
    search_fields = ["user__username", "name", "prefix"]
    list_select_related = ["user"]
    readonly_fields = list_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class AuthorityLimitInline(admin.TabularInline):
    model = AuthorityLimit
    extra = 0


@admin.register(Shop)
class ShopAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "country", "timezone", "currency", "tax_rate", "language"]
    search_fields = ["name", "code"]
    inlines = [MembershipInline, AuthorityLimitInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "shop", "role", "on_duty", "department"]
    list_filter = ["shop", "role", "on_duty"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_select_related = ["user", "shop"]


class GroupMembershipInline(admin.TabularInline):
    model = GroupMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(ShopGroup)
class ShopGroupAdmin(admin.ModelAdmin):
    """A dealer group: its shops, and who reads their reports side by side."""

    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    filter_horizontal = ["shops"]
    inlines = [GroupMembershipInline]


@admin.register(GroupMembership)
class GroupMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "group", "role"]
    list_filter = ["group", "role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]
    list_select_related = ["user", "group"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    """Each user's own choices (their language): made when they first choose, or here."""

    list_display = ["user", "language"]
    list_filter = ["language"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]
    list_select_related = ["user"]


@admin.register(SecurityEvent)
class SecurityEventAdmin(ReadOnlyAdmin):
    """The security log: read here, written only by ``servicedesk.security``."""

    list_display = ["at", "kind", "username", "ip_address", "method", "path", "detail"]
    list_filter = ["kind"]
    search_fields = ["username", "ip_address", "path"]
    date_hierarchy = "at"

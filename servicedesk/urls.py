from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from servicedesk.accounts import apis as account_apis
from servicedesk.accounts import views as account_views
from servicedesk.notifications import apis as notification_apis

from . import pickers
from .health import healthz, ready

api_v1 = [
    path("auth/token/", account_apis.TokenApi.as_view(), name="api-token"),
    path("auth/tokens/", account_apis.ApiTokenListApi.as_view(), name="api-tokens"),
    path("auth/tokens/<int:pk>/", account_apis.ApiTokenApi.as_view(), name="api-token-detail"),
    path("me/", account_apis.MeApi.as_view(), name="api-me"),
    path("shops/<int:pk>/", account_apis.ShopApi.as_view(), name="api-shop"),
    path(
        "notifications/", notification_apis.NotificationListApi.as_view(), name="api-notifications"
    ),
    path(
        "notifications/<int:pk>/read/",
        notification_apis.NotificationReadApi.as_view(),
        name="api-notification-read",
    ),
    # Each app mounts its own endpoints.
    path("", include("vehicles.api_urls")),
    path("", include("interactions.api_urls")),
    path("", include("complaints.api_urls")),
    path("", include("servicedesk.outbox.api_urls")),
    path("", include("portal.api_urls")),
    path("", include("reports.api_urls")),
]

urlpatterns = [
    # First: a call is matched among the API's patterns only, not after every page's (no page's
    # pattern starts with api/v1/, so the order changes nothing else).
    path("api/v1/", include(api_v1)),
    path("", account_views.home, name="home"),
    path("start/", account_views.landing, name="landing"),
    path("on-duty/", account_views.on_duty, name="on-duty"),
    path("account/", account_views.account, name="account"),
    path("shops/<int:pk>/hours/", account_views.shop_hours, name="shop-hours"),
    path("account/language/", account_views.account_language, name="account-language"),
    path(
        "account/tokens/<int:pk>/revoke/",
        account_views.api_token_revoke,
        name="account-token-revoke",
    ),
    path("notifications/", include("servicedesk.notifications.urls")),
    path("outbox/", include("servicedesk.outbox.urls")),
    path("pick/<slug:kind>/", pickers.search_view, name="picker"),
    path("", include("vehicles.urls")),
    path("", include("interactions.urls")),
    path("", include("complaints.urls")),
    path("", include("surveys.urls")),
    path("", include("portal.urls")),
    path("", include("reports.urls")),
    path("login/", account_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Django's switcher, extended: a logged-in user's choice is also stored as theirs.
    path("i18n/setlang/", account_views.set_language, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
    path("healthz/ready", ready, name="healthz-ready"),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script (CSP).
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Under /api/ Django's own error answers are JSON too (servicedesk.errors).
handler400 = "servicedesk.errors.bad_request"
handler403 = "servicedesk.errors.permission_denied"
handler404 = "servicedesk.errors.page_not_found"
handler500 = "servicedesk.errors.server_error"

"""REST endpoints of the portal app, mounted under /api/v1/."""

from django.urls import path

from . import apis

urlpatterns = [
    path(
        "work-orders/<int:pk>/customer-link/",
        apis.CustomerLinkApi.as_view(),
        name="api-work-order-customer-link",
    ),
]

from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    # the customer's pages: the token is the only key
    path("c/<str:token>/", views.status, name="status"),
    path("c/<str:token>/inspection/", views.inspection, name="inspection"),
    path("c/<str:token>/authorize/", views.authorize, name="authorize"),
    path(
        "c/<str:token>/files/<str:kind>/<int:pk>/",
        views.inspection_media,
        name="inspection-file",
    ),
    # the front desk's
    path("work-orders/<int:pk>/customer-link/send/", views.link_send, name="send"),
    path("customer-links/<int:pk>/revoke/", views.link_revoke, name="revoke"),
]

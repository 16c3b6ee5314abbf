from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("c/<str:token>/", views.status, name="status"),
    path("c/<str:token>/inspection/", views.inspection, name="inspection"),
    path("c/<str:token>/authorize/", views.authorize, name="authorize"),
    path(
        "c/<str:token>/files/<str:kind>/<int:pk>/",
        views.inspection_media,
        name="inspection-file",
    ),
]

from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("c/<str:token>/", views.status, name="status"),
]

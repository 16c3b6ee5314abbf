from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
    path("s/<slug:token>/", views.answer, name="answer"),
    path("surveys/<int:pk>/", views.detail, name="detail"),
]

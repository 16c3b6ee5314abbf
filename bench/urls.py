"""URLs under the benchmark settings: the project's own, plus the bare view."""

from django.urls import path

from servicedesk.urls import urlpatterns as project_urlpatterns

from . import views

urlpatterns = [path("bench/bare/", views.bare, name="bench-bare"), *project_urlpatterns]

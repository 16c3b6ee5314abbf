"""Browser pages of the reports app."""

from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("reports/", views.dashboard, name="dashboard"),
    path("reports/panel/", views.home_panel, name="home-panel"),
    path("reports/group/", views.groups, name="groups"),
    path("reports/group/<int:pk>/", views.group, name="group"),
    path("reports/group/<int:pk>/progress/", views.group_progress, name="group-progress"),
    path("reports/group/<int:pk>/figures.csv", views.group_figures_csv, name="group-csv"),
    path("reports/group/<int:pk>/figures.xlsx", views.group_figures_xlsx, name="group-xlsx"),
    path("reports/annual-satisfaction/", views.annual_pick, name="annual-pick"),
    path("reports/annual-satisfaction/<int:year>/", views.annual, name="annual"),
    path("reports/annual-satisfaction/<int:year>/report.pdf", views.annual_pdf, name="annual-pdf"),
    path(
        "reports/annual-satisfaction/<int:year>/refresh/",
        views.annual_refresh,
        name="annual-refresh",
    ),
    path("reports/quality/", views.quality, name="quality"),
    path("reports/quality/refresh/", views.quality_refresh, name="quality-refresh"),
    path("reports/quality/complaints/", views.quality_complaints, name="quality-complaints"),
    path("reports/quality/figures.csv", views.quality_figures_csv, name="quality-csv"),
    path("reports/quality/figures.xlsx", views.quality_figures_xlsx, name="quality-xlsx"),
    path("reports/quality/report.pdf", views.quality_pdf, name="quality-pdf"),
    path("reports/jobs/<int:pk>/progress/", views.job_progress, name="job-progress"),
]

"""REST endpoints of the reports app, mounted under /api/v1/."""

from django.urls import path

from . import apis

urlpatterns = [
    path(
        "reports/annual-satisfaction/<int:year>/",
        apis.AnnualSatisfactionApi.as_view(),
        name="api-annual-satisfaction",
    ),
    path(
        "reports/annual-satisfaction/<int:year>/refresh/",
        apis.AnnualSatisfactionRefreshApi.as_view(),
        name="api-annual-satisfaction-refresh",
    ),
    path("reports/quality/", apis.QualityApi.as_view(), name="api-quality"),
    path(
        "reports/quality/complaints/",
        apis.QualityComplaintsApi.as_view(),
        name="api-quality-complaints",
    ),
    path("reports/group/<int:group_id>/", apis.GroupReportApi.as_view(), name="api-report-group"),
    path("reports/jobs/<int:pk>/", apis.ReportJobApi.as_view(), name="api-report-job"),
]

"""REST endpoints of the complaints app, mounted under /api/v1/."""

from django.urls import path

from . import apis

urlpatterns = [
    path("complaints/", apis.ComplaintListApi.as_view(), name="api-complaints"),
    path(
        "complaints/register/",
        apis.ComplaintRegisterApi.as_view(),
        name="api-complaint-register",
    ),
    path("complaints/<int:pk>/", apis.ComplaintDetailApi.as_view(), name="api-complaint"),
    path(
        "complaints/<int:pk>/transition/",
        apis.ComplaintTransitionApi.as_view(),
        name="api-complaint-transition",
    ),
    path(
        "complaints/<int:pk>/pause/", apis.ComplaintPauseApi.as_view(), name="api-complaint-pause"
    ),
    path(
        "complaints/<int:pk>/resume/",
        apis.ComplaintResumeApi.as_view(),
        name="api-complaint-resume",
    ),
    path(
        "complaints/<int:pk>/history/",
        apis.ComplaintHistoryApi.as_view(),
        name="api-complaint-history",
    ),
    path(
        "complaints/<int:pk>/remedies/",
        apis.RemedyCreateApi.as_view(),
        name="api-complaint-remedies",
    ),
    path(
        "complaints/<int:pk>/confirmation/",
        apis.ConfirmationApi.as_view(),
        name="api-complaint-confirmation",
    ),
    path(
        "complaints/<int:pk>/corrective-actions/",
        apis.CorrectiveActionCreateApi.as_view(),
        name="api-complaint-corrective-actions",
    ),
    path(
        "complaints/<int:pk>/follow-ups/",
        apis.FollowUpCreateApi.as_view(),
        name="api-complaint-follow-ups",
    ),
    path(
        "complaints/<int:pk>/supplier-deductions/",
        apis.SupplierDeductionCreateApi.as_view(),
        name="api-complaint-supplier-deductions",
    ),
    path(
        "complaints/<int:pk>/report.pdf",
        apis.ComplaintReportPdfApi.as_view(),
        name="api-complaint-report-pdf",
    ),
    path("remedies/<int:pk>/approve/", apis.RemedyApproveApi.as_view(), name="api-remedy-approve"),
    path("remedies/<int:pk>/reject/", apis.RemedyRejectApi.as_view(), name="api-remedy-reject"),
    path(
        "corrective-actions/<int:pk>/result/",
        apis.CorrectiveActionResultApi.as_view(),
        name="api-corrective-action-result",
    ),
    path(
        "corrective-actions/<int:pk>/verify/",
        apis.CorrectiveActionVerifyApi.as_view(),
        name="api-corrective-action-verify",
    ),
    path(
        "supplier-deductions/",
        apis.SupplierDeductionListApi.as_view(),
        name="api-supplier-deductions",
    ),
    path(
        "supplier-deductions/<int:pk>/apply/",
        apis.SupplierDeductionApplyApi.as_view(),
        name="api-supplier-deduction-apply",
    ),
    path(
        "supplier-deductions/<int:pk>/answer/",
        apis.SupplierDeductionAnswerApi.as_view(),
        name="api-supplier-deduction-answer",
    ),
    path(
        "customer-settlements/",
        apis.CustomerSettlementListApi.as_view(),
        name="api-customer-settlements",
    ),
    path(
        "customer-settlements/<int:pk>/settle/",
        apis.CustomerSettlementSettleApi.as_view(),
        name="api-customer-settlement-settle",
    ),
]

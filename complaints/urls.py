"""Browser pages of the complaints app."""

from django.urls import path

from . import views

app_name = "complaints"
urlpatterns = [
    path("complaints/", views.complaint_list, name="list"),
    path("complaints/new/", views.complaint_new, name="new"),
    path("complaints/report-a-problem/", views.internal_report, name="report-problem"),
    path("complaints/register.csv", views.complaint_export, name="export"),
    path("complaints/register.xlsx", views.complaint_export_xlsx, name="export-xlsx"),
    path("complaints/approvals/", views.approval_queue, name="approvals"),
    path("complaints/actions/", views.action_list, name="actions"),
    path("complaints/deductions/", views.deduction_list, name="deductions"),
    path("complaints/settlements/", views.settlement_list, name="settlements"),
    path(
        "complaints/settlements/<int:pk>/settle/",
        views.settlement_settle,
        name="settlement-settle",
    ),
    path("complaints/<int:pk>/", views.complaint_detail, name="detail"),
    path("complaints/<int:pk>/edit/", views.complaint_edit, name="edit"),
    path("complaints/<int:pk>/transition/", views.complaint_transition, name="transition"),
    path("complaints/<int:pk>/pause/", views.complaint_pause, name="pause"),
    path("complaints/<int:pk>/resume/", views.complaint_resume, name="resume"),
    path("complaints/<int:pk>/remedies/", views.remedy_propose, name="remedy-propose"),
    path("complaints/<int:pk>/confirm/", views.complaint_confirm, name="confirm"),
    path("complaints/<int:pk>/actions/", views.action_plan, name="action-plan"),
    path("complaints/<int:pk>/deductions/", views.deduction_raise, name="deduction-raise"),
    path("complaints/<int:pk>/message/", views.complaint_message, name="message"),
    path("complaints/<int:pk>/follow-ups/", views.follow_up_record, name="follow-up"),
    path("complaints/<int:pk>/signature.png", views.signature_image, name="signature"),
    path("complaints/<int:pk>/report/", views.complaint_report, name="report"),
    path("complaints/<int:pk>/report.pdf", views.complaint_report_pdf, name="report-pdf"),
    path("complaints/remedies/<int:pk>/decide/", views.remedy_decide, name="remedy-decide"),
    path("complaints/actions/<int:pk>/result/", views.action_result, name="action-result"),
    path("complaints/actions/<int:pk>/verify/", views.action_verify, name="action-verify"),
    path("complaints/deductions/<int:pk>/apply/", views.deduction_apply, name="deduction-apply"),
    path("complaints/deductions/<int:pk>/answer/", views.deduction_answer, name="deduction-answer"),
]

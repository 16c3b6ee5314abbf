"""Browser pages of the interactions app."""

from django.urls import path, re_path

from . import views

app_name = "interactions"
urlpatterns = [
    path("desk/", views.desk, name="desk"),
    path("interactions/team/", views.team, name="team"),
    path("interactions/", views.interaction_list, name="list"),
    path("interactions/start/", views.start, name="start"),
    path("interactions/new/", views.new, name="new"),
    path("interactions/<int:pk>/", views.detail, name="detail"),
    path("interactions/<int:pk>/stage/", views.stage_save, name="stage"),
    path("interactions/<int:pk>/close/", views.close, name="close"),
    path("interactions/<int:pk>/work-order/", views.work_order_open, name="work-order"),
    path("interactions/<int:pk>/escalate/", views.escalate, name="escalate"),
    path("interactions/<int:pk>/customer/", views.identify, name="identify"),
    path("interactions/<int:pk>/customer/new/", views.customer_new, name="customer-new"),
    path("interactions/<int:pk>/learned/", views.learned, name="learned"),
    path("interactions/escalations/", views.escalation_queue, name="escalations"),
    path("interactions/escalations/<int:pk>/", views.escalation, name="escalation"),
    path("interactions/communications/", views.communication_list, name="communications"),
    path("interactions/communications/new/", views.communication_new, name="communication-new"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<int:pk>/", views.inbox_detail, name="inbox-detail"),
    path("inbox/files/<int:pk>/", views.inbox_attachment, name="inbox-attachment"),
    # Webhooks: providers post here (no login; each checks its own signature).
    re_path(
        r"^inbound/email/mailgun/inbound(_mime)?/$", views.mailgun_inbound, name="mailgun-inbound"
    ),
    path("inbound/sms/", views.sms_inbound, name="sms-inbound"),
    path("interactions/canned-replies/", views.canned_replies, name="canned-replies"),
    path(
        "interactions/canned-replies/<int:pk>/", views.canned_reply_edit, name="canned-reply-edit"
    ),
]

"""REST endpoints of the interactions app, mounted under /api/v1/."""

from django.urls import path

from . import apis

urlpatterns = [
    path("interactions/", apis.InteractionListApi.as_view(), name="api-interactions"),
    path("interactions/<int:pk>/", apis.InteractionDetailApi.as_view(), name="api-interaction"),
    path(
        "interactions/<int:pk>/advance/",
        apis.InteractionAdvanceApi.as_view(),
        name="api-interaction-advance",
    ),
    path(
        "interactions/<int:pk>/escalate/",
        apis.InteractionEscalateApi.as_view(),
        name="api-interaction-escalate",
    ),
    path(
        "interactions/<int:pk>/work-order/",
        apis.InteractionWorkOrderApi.as_view(),
        name="api-interaction-work-order",
    ),
    path("escalations/", apis.EscalationListApi.as_view(), name="api-escalations"),
    path(
        "escalations/<int:pk>/respond/",
        apis.EscalationRespondApi.as_view(),
        name="api-escalation-respond",
    ),
    path("communications/", apis.CommunicationListApi.as_view(), name="api-communications"),
    path("inbox/", apis.InboundListApi.as_view(), name="api-inbox"),
    path("inbox/<int:pk>/", apis.InboundDetailApi.as_view(), name="api-inbox-message"),
    path("inbox/<int:pk>/file/", apis.InboundFileApi.as_view(), name="api-inbox-file"),
    path("canned-replies/", apis.CannedReplyListApi.as_view(), name="api-canned-replies"),
    path("canned-replies/<int:pk>/", apis.CannedReplyDetailApi.as_view(), name="api-canned-reply"),
    path(
        "canned-replies/<int:pk>/render/",
        apis.CannedReplyRenderApi.as_view(),
        name="api-canned-reply-render",
    ),
]

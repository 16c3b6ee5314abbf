from django.urls import path

from . import apis

urlpatterns = [
    path("messages/", apis.OutboundMessageListApi.as_view(), name="api-messages"),
    path(
        "messages/<int:pk>/retry/",
        apis.OutboundMessageRetryApi.as_view(),
        name="api-message-retry",
    ),
]

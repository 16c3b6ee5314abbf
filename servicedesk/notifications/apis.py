from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Notification
from .selectors import notifications_for_user
from .services import notification_mark_read


class NotificationSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="display_title", read_only=True)
    body = serializers.CharField(source="display_body", read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "shop", "kind", "title", "body", "url", "created_at", "read_at"]


class NotificationListApi(generics.ListAPIView):
    """The caller's notifications, newest first; `?unread=1` for the unread ones."""

    serializer_class = NotificationSerializer
    filterset_fields = ["kind"]
    queryset = Notification.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return notifications_for_user(
            user=self.request.user, unread_only=self.request.query_params.get("unread") == "1"
        )


class NotificationReadApi(APIView):
    @extend_schema(request=None, responses=NotificationSerializer)
    def post(self, request, pk: int):
        return Response(
            NotificationSerializer(notification_mark_read(user=request.user, pk=pk)).data
        )

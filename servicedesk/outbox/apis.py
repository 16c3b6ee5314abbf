from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from . import permissions
from .models import OutboundMessage
from .selectors import messages_for_user
from .services import message_retry


class OutboundMessageSerializer(serializers.ModelSerializer):
    class Meta:
        model = OutboundMessage
        fields = [
            "id",
            "shop",
            "kind",
            "channel",
            "language",
            "to",
            "to_name",
            "subject",
            "body",
            "status",
            "attempts",
            "last_error",
            "next_attempt_at",
            "created_at",
            "sent_at",
            "failed_at",
        ]


class OutboundMessageListApi(generics.ListAPIView):
    """Emails and text messages of your shops; `?status=failed` lists those never delivered."""

    serializer_class = OutboundMessageSerializer
    filterset_fields = ["status", "kind", "channel"]
    queryset = OutboundMessage.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return messages_for_user(user=self.request.user)


class OutboundMessageRetryApi(APIView):
    write_roles = permissions.ROLES_FOR["resend"]

    @extend_schema(
        request=None,
        responses={
            200: OutboundMessageSerializer,
            403: OpenApiResponse(description="Your role does not allow this."),
            404: OpenApiResponse(description="Not found (or another shop's)."),
            409: OpenApiResponse(description="The message has not failed."),
        },
    )
    def post(self, request, pk: int):
        """Send a failed message again, with a fresh round of attempts."""
        return Response(OutboundMessageSerializer(message_retry(user=request.user, pk=pk)).data)

"""``/api/v1/work-orders/{id}/customer-link/``: create (and send) the visit's link, or revoke
it. The same services as the work order's page."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from servicedesk.schema import REFUSALS

from . import services
from .permissions import ROLES_FOR
from .serializers import CustomerLinkInputSerializer, CustomerLinkSerializer


def _answer(link, sent=()) -> dict:
    return {
        "url": services.link_url(link),
        "expires_at": link.expires_at,
        "first_opened_at": link.first_opened_at,
        "last_opened_at": link.last_opened_at,
        "sent": [m.channel for m in sent],
    }


class CustomerLinkApi(APIView):
    write_roles = {"post": ROLES_FOR["create"], "delete": ROLES_FOR["revoke"]}

    @extend_schema(
        operation_id="work_orders_customer_link_create",
        request=CustomerLinkInputSerializer,
        responses={201: CustomerLinkSerializer, **REFUSALS},
        description=(
            "The visit's live link (created when it has none: one per visit). With "
            '`{"send": true}` it is also sent to the customer, in their language, on their '
            "usual channel or on `channel` (email, sms, both). 409 for a cancelled work order."
        ),
    )
    def post(self, request, pk: int):
        data = CustomerLinkInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if values["send"]:
            link, sent = services.customer_link_send(
                user=request.user, work_order_pk=pk, channel=values["channel"]
            )
        else:
            link, sent = services.customer_link_create(user=request.user, work_order_pk=pk), []
        return Response(CustomerLinkSerializer(_answer(link, sent)).data, status=201)

    @extend_schema(
        operation_id="work_orders_customer_link_destroy",
        request=None,
        responses={
            204: OpenApiResponse(description="Revoked: the link answers 404 from now."),
            **REFUSALS,
        },
        description="Revoke the visit's live link. 404 when it has none.",
    )
    def delete(self, request, pk: int):
        link = services.live_link_get_for_user(user=request.user, work_order_pk=pk)
        services.customer_link_revoke(user=request.user, pk=link.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)

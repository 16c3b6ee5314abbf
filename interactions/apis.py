"""REST endpoints (DESIGN.md, REST contract v1): interactions, advance, escalate, escalations,
communications. Thin: parse, call one service or selector, answer."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, mixins, status
from rest_framework.response import Response
from rest_framework.views import APIView

from servicedesk.accounts.selectors import memberships_for_user
from servicedesk.errors import Forbidden, Invalid, NotFound
from servicedesk.filters import id_filter
from servicedesk.schema import REFUSALS
from vehicles import selectors as vehicle_selectors
from vehicles.serializers import WorkOrderDetailSerializer

from . import permissions, selectors, services
from .models import (
    CannedReply,
    CommunicationLog,
    Escalation,
    InboundMessage,
    Interaction,
    Stage,
)
from .serializers import (
    STAGE_SERIALIZERS,
    AdvanceSchemaSerializer,
    AdvanceSerializer,
    CannedReplyInputSerializer,
    CannedReplyRenderedSerializer,
    CannedReplyRenderQuerySerializer,
    CannedReplySerializer,
    CommunicationSerializer,
    EscalateSerializer,
    EscalationSerializer,
    InboundFileSerializer,
    InboundMessageSerializer,
    InteractionDetailSerializer,
    InteractionEditSerializer,
    InteractionOpenSerializer,
    InteractionSerializer,
    InteractionWorkOrderSerializer,
    RespondSerializer,
)
from .stages import STAGE_FIELDS, next_stage


class InteractionFilter(django_filters.FilterSet):
    advisor = id_filter("advisor")
    customer = id_filter("customer")
    vehicle = id_filter("vehicle")
    date = django_filters.DateFilter(field_name="greet_at", lookup_expr="date")
    date_from = django_filters.DateFilter(field_name="greet_at", lookup_expr="date__gte")
    date_to = django_filters.DateFilter(field_name="greet_at", lookup_expr="date__lte")

    class Meta:
        model = Interaction
        fields = ["stage", "advisor", "customer", "vehicle", "channel", "outcome"]


class InteractionListApi(generics.ListAPIView):
    """Interactions of the caller's shops, newest first; `POST` opens one at greet."""

    write_roles = {"post": permissions.ROLES_FOR["run"]}

    serializer_class = InteractionSerializer
    filterset_class = InteractionFilter
    ordering_fields = ["greet_at", "id"]
    queryset = Interaction.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.interactions_for_user(user=self.request.user)

    @extend_schema(
        request=InteractionOpenSerializer, responses={201: InteractionDetailSerializer, **REFUSALS}
    )
    def post(self, request):
        data = InteractionOpenSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        shop_id = values.pop("shop", None) or _default_shop(request.user)
        interaction = services.interaction_open(
            user=request.user,
            shop_id=shop_id,
            channel=values.pop("channel"),
            customer_pk=_pk(values.pop("customer", None)),
            vehicle_pk=_pk(values.pop("vehicle", None)),
            walk_in_name=values.pop("walk_in_name", ""),
            greet=values,
        )
        return Response(
            InteractionDetailSerializer(interaction, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


def _pk(record) -> int | None:
    """A record the serializer checked, as the services take it: its id (None for none)."""
    return None if record is None else record.pk


def _default_shop(user) -> int:
    writable = [m for m in memberships_for_user(user) if m.role in permissions.ROLES_FOR["run"]]
    if len(writable) == 1 or (writable and len(memberships_for_user(user)) == 1):
        return writable[0].shop_id
    if not writable:
        raise Forbidden()
    raise Invalid(_("You work at several shops: say which one."), field="shop")


class InteractionDetailApi(mixins.RetrieveModelMixin, generics.GenericAPIView):
    """One interaction; `PATCH` edits the current stage's fields (and who the customer is)."""

    write_roles = permissions.ROLES_FOR["run"]

    serializer_class = InteractionDetailSerializer
    queryset = Interaction.objects.none()

    def get_object(self):
        return selectors.interaction_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(responses={200: InteractionDetailSerializer})
    def get(self, request, pk: int):
        return self.retrieve(request, pk=pk)

    @extend_schema(
        request=AdvanceSchemaSerializer, responses={200: InteractionDetailSerializer, **REFUSALS}
    )
    def patch(self, request, pk: int):
        interaction = self.get_object()
        edit = InteractionEditSerializer(data=request.data, context={"request": request})
        edit.is_valid(raise_exception=True)
        fields = {k: v for k, v in edit.validated_data.items() if k != "version"}
        stage_fields = {
            k: v
            for k, v in request.data.items()
            if k not in ("version", "customer", "vehicle", "walk_in_name")
        }
        if interaction.stage in STAGE_SERIALIZERS and stage_fields:
            parsed = STAGE_SERIALIZERS[interaction.stage](
                data=stage_fields, context={"request": request}, partial=True
            )
            parsed.is_valid(raise_exception=True)
            stage_fields = {**stage_fields, **parsed.validated_data}
        interaction = services.interaction_update(
            user=request.user,
            pk=pk,
            fields={**stage_fields, **fields},
            version=edit.validated_data.get("version"),
        )
        return Response(InteractionDetailSerializer(interaction, context={"request": request}).data)


class InteractionAdvanceApi(APIView):
    """Enter the next stage with its fields, or `closed` with an `outcome`."""

    write_roles = permissions.ROLES_FOR["run"]

    @extend_schema(
        request=AdvanceSchemaSerializer, responses={200: InteractionDetailSerializer, **REFUSALS}
    )
    def post(self, request, pk: int):
        head = AdvanceSerializer(data=request.data)
        head.is_valid(raise_exception=True)
        stage = head.validated_data["stage"]
        raw = {k: v for k, v in request.data.items() if k not in ("stage", "outcome", "version")}
        fields = raw
        # Parse the fields only once the state allows the move: a refused move answers 409.
        interaction = selectors.interaction_get_for_user(user=request.user, pk=pk)
        if (
            stage in STAGE_SERIALIZERS
            and stage != Stage.GREET
            and interaction.stage != Stage.CLOSED
        ):
            unknown = [k for k in raw if k not in STAGE_FIELDS[stage]]
            parsed = STAGE_SERIALIZERS[stage](data=raw, context={"request": request})
            if not unknown and stage == next_stage(interaction.stage):
                parsed.is_valid(raise_exception=True)
                fields = dict(parsed.validated_data)
        interaction = services.interaction_advance(
            user=request.user,
            pk=pk,
            stage=stage,
            fields=fields,
            outcome=head.validated_data.get("outcome", ""),
            version=head.validated_data.get("version"),
        )
        return Response(InteractionDetailSerializer(interaction, context={"request": request}).data)


class InteractionEscalateApi(APIView):
    """Escalate to the manager on duty (or the duty supervisor); `reason` is required."""

    write_roles = permissions.ROLES_FOR["run"]

    @extend_schema(request=EscalateSerializer, responses={201: EscalationSerializer, **REFUSALS})
    def post(self, request, pk: int):
        data = EscalateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        escalation = services.interaction_escalate(
            user=request.user,
            pk=pk,
            reason=data.validated_data["reason"],
            kind=data.validated_data["kind"],
        )
        return Response(EscalationSerializer(escalation).data, status=status.HTTP_201_CREATED)


class InteractionWorkOrderApi(APIView):
    """Open the work order the interaction agreed on — at the confirm or help stage, with its
    customer and vehicle chosen — prefilled from the interaction, and link it (409 when one is
    already linked or the stage does not allow it)."""

    write_roles = permissions.ROLES_FOR["run"]

    @extend_schema(
        request=InteractionWorkOrderSerializer,
        responses={201: WorkOrderDetailSerializer, **REFUSALS},
    )
    def post(self, request, pk: int):
        data = InteractionWorkOrderSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        work_order = services.interaction_open_work_order(
            user=request.user, pk=pk, **data.validated_data
        )
        work_order = vehicle_selectors.work_order_get_for_user(user=request.user, pk=work_order.pk)
        data = WorkOrderDetailSerializer(work_order, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED)


class EscalationFilter(django_filters.FilterSet):
    assigned_to = id_filter("assigned_to")
    raised_by = id_filter("raised_by")
    interaction = id_filter("interaction")

    class Meta:
        model = Escalation
        fields = ["kind"]


class EscalationListApi(generics.ListAPIView):
    """Escalations of the caller's shops; `?open=1` for the unanswered queue."""

    serializer_class = EscalationSerializer
    filterset_class = EscalationFilter
    queryset = Escalation.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        qs = selectors.escalations_for_user(user=self.request.user)
        if self.request.query_params.get("open") == "1":
            qs = qs.filter(responded_at__isnull=True)
        return qs


class EscalationRespondApi(APIView):
    """The manager's (or duty supervisor's) response; the advisor is notified."""

    write_roles = permissions.ROLES_FOR["respond"]

    @extend_schema(request=RespondSerializer, responses={200: EscalationSerializer, **REFUSALS})
    def post(self, request, pk: int):
        data = RespondSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        escalation = services.escalation_respond(
            user=request.user, pk=pk, response=data.validated_data["response"]
        )
        return Response(EscalationSerializer(escalation).data)


class CommunicationFilter(django_filters.FilterSet):
    customer = id_filter("customer")
    vehicle = id_filter("vehicle")
    work_order = id_filter("work_order")
    interaction = id_filter("interaction")

    class Meta:
        model = CommunicationLog
        fields = ["kind", "channel"]


class CommunicationListApi(generics.ListAPIView):
    """The communication log of the caller's shops; filter by customer, vehicle …"""

    write_roles = {"post": permissions.ROLES_FOR["log"]}

    serializer_class = CommunicationSerializer
    filterset_class = CommunicationFilter
    queryset = CommunicationLog.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.communications_for_user(user=self.request.user)

    @extend_schema(
        request=CommunicationSerializer, responses={201: CommunicationSerializer, **REFUSALS}
    )
    def post(self, request):
        data = CommunicationSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        for name in ("customer", "vehicle", "work_order", "interaction"):
            if name in values:
                values[f"{name}_pk"] = _pk(values.pop(name))
        entry = services.communication_log(user=request.user, **values)
        return Response(CommunicationSerializer(entry).data, status=status.HTTP_201_CREATED)


# ---------------------------------------------------------------- the inbox


class InboundFilter(django_filters.FilterSet):
    customer = id_filter("customer")

    class Meta:
        model = InboundMessage
        fields = ["status", "channel"]


class InboundListApi(generics.ListAPIView):
    """Messages customers sent in (email, text) to the caller's shops, newest first: those
    waiting in the inbox (``?status=inbox``) and those filed to a customer."""

    serializer_class = InboundMessageSerializer
    filterset_class = InboundFilter
    queryset = InboundMessage.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.inbound_messages_for_user(user=self.request.user).prefetch_related(
            "attachments"
        )


class InboundDetailApi(generics.RetrieveAPIView):
    serializer_class = InboundMessageSerializer
    queryset = InboundMessage.objects.none()

    def get_object(self):
        return selectors.inbound_message_get_for_user(user=self.request.user, pk=self.kwargs["pk"])


class InboundFileApi(APIView):
    """File a waiting message to a customer: recorded on their communication log as written by
    the customer. A message filed before answers 409."""

    write_roles = permissions.ROLES_FOR["log"]

    @extend_schema(
        request=InboundFileSerializer, responses={200: InboundMessageSerializer, **REFUSALS}
    )
    def post(self, request, pk: int):
        selectors.inbound_message_get_for_user(user=request.user, pk=pk)  # 404 before 400
        data = InboundFileSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        vehicle = data.validated_data.get("vehicle")
        message = services.inbound_message_file(
            user=request.user,
            pk=pk,
            customer_pk=data.validated_data["customer"].pk,
            vehicle_pk=vehicle.pk if vehicle else None,
        )
        fresh = selectors.inbound_message_get_for_user(user=request.user, pk=message.pk)
        return Response(InboundMessageSerializer(fresh).data)


# ---------------------------------------------------------------- canned replies


class CannedReplyFilter(django_filters.FilterSet):
    shop = id_filter("shop")
    active = django_filters.BooleanFilter()

    class Meta:
        model = CannedReply
        fields = ["shop", "active"]


def _keeping_shop(user, shop_id) -> int:
    """The shop a new reply goes to: the one named (one of the user's, else 404), or the one
    where the user keeps the replies; the service says whether their role may."""
    member_of = [m.shop_id for m in memberships_for_user(user)]
    if shop_id:
        if shop_id not in member_of:
            raise NotFound()
        return shop_id
    keeping = [shop.pk for shop in permissions.shops(user, "canned_replies")]
    if len(keeping) > 1:
        raise Invalid(_("You work at several shops: say which one."), field="shop")
    if keeping:
        return keeping[0]
    if not member_of:
        raise NotFound()
    return member_of[0]


class CannedReplyListApi(generics.ListAPIView):
    """The canned replies of the caller's shops, by title; `POST` adds one (the shop's service
    manager). Placeholders are written in braces, `{customer_name}`; an unknown one is refused."""

    write_roles = {"post": permissions.ROLES_FOR["canned_replies"]}

    serializer_class = CannedReplySerializer
    filterset_class = CannedReplyFilter
    queryset = CannedReply.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.canned_replies(user=self.request.user)

    @extend_schema(
        request=CannedReplyInputSerializer, responses={201: CannedReplySerializer, **REFUSALS}
    )
    def post(self, request):
        data = CannedReplyInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        shop_id = _keeping_shop(request.user, values.pop("shop"))
        reply = services.canned_reply_create(user=request.user, shop_pk=shop_id, **values)
        return Response(
            CannedReplySerializer(reply, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


class CannedReplyDetailApi(mixins.RetrieveModelMixin, generics.GenericAPIView):
    """One canned reply; `PUT` rewrites it, `PATCH` changes the fields sent (`"active": false`
    takes it out of use: replies are never deleted)."""

    write_roles = permissions.ROLES_FOR["canned_replies"]

    serializer_class = CannedReplySerializer
    queryset = CannedReply.objects.none()

    def get_object(self):
        return selectors.canned_reply_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def get(self, request, pk):
        return self.retrieve(request, pk)

    def _write(self, request, *, partial: bool):
        reply = self.get_object()
        data = CannedReplyInputSerializer(data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        values = {
            "title": reply.title,
            "text_zh": reply.text_zh,
            "text_en": reply.text_en,
            "active": reply.active,
        }
        if not partial:
            values.update(text_zh="", text_en="", active=True)
        values.update(data.validated_data)
        values.pop("shop", None)
        reply = services.canned_reply_update(user=request.user, pk=reply.pk, **values)
        return Response(CannedReplySerializer(reply, context={"request": request}).data)

    @extend_schema(
        request=CannedReplyInputSerializer, responses={200: CannedReplySerializer, **REFUSALS}
    )
    def put(self, request, pk):
        return self._write(request, partial=False)

    @extend_schema(
        request=CannedReplyInputSerializer, responses={200: CannedReplySerializer, **REFUSALS}
    )
    def patch(self, request, pk):
        return self._write(request, partial=True)


class CannedReplyRenderApi(APIView):
    """The reply filled in for a customer, a work order or a complaint (each optional; a work
    order or a complaint brings its customer), in the customer's language: the same rule as
    the pages'. Placeholders with no value here are left out and listed in `missing`."""

    @extend_schema(
        parameters=[CannedReplyRenderQuerySerializer],
        responses={200: CannedReplyRenderedSerializer, **REFUSALS},
    )
    def get(self, request, pk):
        reply = selectors.canned_reply_get_for_user(user=request.user, pk=pk)
        query = CannedReplyRenderQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        context = services.reply_context(
            user=request.user,
            shop_id=reply.shop_id,
            customer_pk=query.validated_data.get("customer"),
            work_order_pk=query.validated_data.get("work_order"),
            complaint_pk=query.validated_data.get("complaint"),
        )
        rendered = services.canned_reply_render(reply=reply, context=context)
        return Response(CannedReplyRenderedSerializer(rendered).data)

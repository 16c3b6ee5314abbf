"""REST endpoints (DESIGN.md, REST contract v1): interactions, advance, escalate, escalations,
communications. Thin: parse, call one service or selector, answer."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, mixins, status
from rest_framework.response import Response
from rest_framework.views import APIView

from servicedesk.accounts.selectors import memberships_for_user
from servicedesk.errors import Forbidden, Invalid
from servicedesk.filters import id_filter
from servicedesk.schema import REFUSALS
from vehicles import selectors as vehicle_selectors
from vehicles.serializers import WorkOrderDetailSerializer

from . import permissions, selectors, services
from .models import CommunicationLog, Escalation, Interaction, Stage
from .serializers import (
    STAGE_SERIALIZERS,
    AdvanceSchemaSerializer,
    AdvanceSerializer,
    CommunicationSerializer,
    EscalateSerializer,
    EscalationSerializer,
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

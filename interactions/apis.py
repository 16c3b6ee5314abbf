"""REST endpoints (DESIGN.md, REST contract v1): interactions, advance, escalate, escalations,
communications. Thin: parse, call one service or selector, answer."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, mixins, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from servicedesk import api_fields
from servicedesk.accounts.selectors import memberships_for_user, scope_to_user
from servicedesk.errors import Forbidden, Invalid
from servicedesk.filters import id_filter
from servicedesk.limits import NARRATIVE
from vehicles import selectors as vehicle_selectors
from vehicles.models import Customer, Vehicle, WorkOrder
from vehicles.serializers import WorkOrderDetailSerializer

from . import permissions, selectors, services
from .models import (
    CommunicationLog,
    Escalation,
    EscalationKind,
    Interaction,
    Outcome,
    Stage,
)
from .stages import STAGE_FIELDS, next_stage

ERRORS = {
    400: OpenApiResponse(description=_("Invalid fields")),
    403: OpenApiResponse(description=_("Your role does not allow this")),
    404: OpenApiResponse(description=_("Not found, or another shop's")),
    409: OpenApiResponse(description=_("The current state refuses this")),
}


class ScopedPrimaryKey(serializers.PrimaryKeyRelatedField):
    """A related record of the caller's shops only: another shop's id answers like a missing one."""

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return self.queryset.none()
        return scope_to_user(self.queryset, user=request.user)


class EscalationSerializer(serializers.ModelSerializer):
    reason = serializers.CharField(source="display_reason", read_only=True)

    class Meta:
        model = Escalation
        fields = [
            "id",
            "interaction",
            "kind",
            "stage",
            "reason",
            "raised_by",
            "raised_at",
            "assigned_to",
            "response",
            "responded_by",
            "responded_at",
        ]
        read_only_fields = fields


ALL_STAGE_FIELDS = [name for names in STAGE_FIELDS.values() for name in names]


class InteractionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Interaction
        fields = [
            "id",
            "shop",
            "customer",
            "walk_in_name",
            "vehicle",
            "channel",
            "advisor",
            "stage",
            "outcome",
            "version",
            "greet_at",
            "know_need_at",
            "confirm_at",
            "help_at",
            "keep_at",
            "closed_at",
            *ALL_STAGE_FIELDS,
        ]
        read_only_fields = fields


class InteractionDetailSerializer(InteractionSerializer):
    allowed_actions = serializers.SerializerMethodField()

    class Meta(InteractionSerializer.Meta):
        fields = [*InteractionSerializer.Meta.fields, "allowed_actions"]
        read_only_fields = fields

    def get_allowed_actions(self, obj) -> list[str]:
        """What the caller may do with the interaction now: ``services.interaction_actions``."""
        request = self.context.get("request")
        if request is None:
            return []
        return sorted(services.interaction_actions(obj, request.user))


def _stage_fields_serializer(stage: str) -> type:
    class Meta:
        model = Interaction
        fields = list(STAGE_FIELDS[stage])
        extra_kwargs = {name: {"required": False} for name in fields}

    attrs = {"Meta": Meta}
    if "work_order" in STAGE_FIELDS[stage]:
        attrs["work_order"] = ScopedPrimaryKey(
            queryset=WorkOrder.objects.all(), required=False, allow_null=True
        )
    if "satisfaction" in STAGE_FIELDS[stage]:
        attrs["satisfaction"] = serializers.IntegerField(
            min_value=1, max_value=5, required=False, allow_null=True
        )
    return type(
        f"{stage.title().replace('_', '')}FieldsSerializer", (api_fields.ModelSerializer,), attrs
    )


STAGE_SERIALIZERS = {stage: _stage_fields_serializer(stage) for stage in STAGE_FIELDS}


class InteractionOpenSerializer(STAGE_SERIALIZERS[Stage.GREET]):
    customer = ScopedPrimaryKey(queryset=Customer.objects.all(), required=False, allow_null=True)
    vehicle = ScopedPrimaryKey(queryset=Vehicle.objects.all(), required=False, allow_null=True)
    walk_in_name = serializers.CharField(max_length=120, required=False, allow_blank=True)
    shop = serializers.IntegerField(
        required=False, help_text=_("Needed only for staff of several shops.")
    )

    class Meta(STAGE_SERIALIZERS[Stage.GREET].Meta):
        fields = ["shop", "customer", "vehicle", "walk_in_name", "channel", *STAGE_FIELDS["greet"]]
        extra_kwargs = {name: {"required": False} for name in STAGE_FIELDS["greet"]}


class AdvanceSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices)
    outcome = serializers.ChoiceField(choices=Outcome.choices, required=False)
    version = serializers.IntegerField(required=False, min_value=1)


class AdvanceSchemaSerializer(AdvanceSerializer):
    """The stage's own fields come alongside ``stage`` (all optional)."""

    def get_fields(self):
        fields = super().get_fields()
        for stage, serializer in STAGE_SERIALIZERS.items():
            if stage == Stage.GREET:
                continue
            for name, field in serializer().get_fields().items():
                fields.setdefault(name, field)
        return fields


class InteractionEditSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False, min_value=1)
    customer = ScopedPrimaryKey(queryset=Customer.objects.all(), required=False, allow_null=True)
    vehicle = ScopedPrimaryKey(queryset=Vehicle.objects.all(), required=False, allow_null=True)
    walk_in_name = serializers.CharField(max_length=120, required=False, allow_blank=True)


class EscalateSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=NARRATIVE, allow_blank=True, trim_whitespace=True)
    kind = serializers.ChoiceField(
        choices=EscalationKind.choices, default=EscalationKind.UNEXPECTED_DEMAND
    )


class RespondSerializer(serializers.Serializer):
    response = serializers.CharField(max_length=NARRATIVE, allow_blank=True)


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
        request=InteractionOpenSerializer, responses={201: InteractionDetailSerializer, **ERRORS}
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
            customer=values.pop("customer", None),
            vehicle=values.pop("vehicle", None),
            walk_in_name=values.pop("walk_in_name", ""),
            greet=values,
        )
        return Response(
            InteractionDetailSerializer(interaction, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


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

    @extend_schema(responses={200: InteractionDetailSerializer, 404: ERRORS[404]})
    def get(self, request, pk: int):
        return self.retrieve(request, pk=pk)

    @extend_schema(
        request=AdvanceSchemaSerializer, responses={200: InteractionDetailSerializer, **ERRORS}
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
        request=AdvanceSchemaSerializer, responses={200: InteractionDetailSerializer, **ERRORS}
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

    @extend_schema(request=EscalateSerializer, responses={201: EscalationSerializer, **ERRORS})
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


class InteractionWorkOrderSerializer(serializers.Serializer):
    concern = serializers.CharField(
        max_length=NARRATIVE,
        required=False,
        help_text=_(
            "Default: the need in the customer's words, then the agreed work, from the interaction."
        ),
    )
    promised_at = api_fields.DateTimeField(
        required=False, allow_null=True, help_text=_("Default: the interaction's promised time.")
    )
    mileage_in = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    mileage_reason = serializers.CharField(max_length=200, required=False, allow_blank=True)
    estimate = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        required=False,
        allow_null=True,
        min_value=0,
        help_text=_("Default: the estimate agreed at the confirm stage."),
    )
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_("The interaction's version: a stale copy answers 409."),
    )


class InteractionWorkOrderApi(APIView):
    """Open the work order the interaction agreed on — at the confirm or help stage, with its
    customer and vehicle chosen — prefilled from the interaction, and link it (409 when one is
    already linked or the stage does not allow it)."""

    write_roles = permissions.ROLES_FOR["run"]

    @extend_schema(
        request=InteractionWorkOrderSerializer,
        responses={201: WorkOrderDetailSerializer, **ERRORS},
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

    @extend_schema(request=RespondSerializer, responses={200: EscalationSerializer, **ERRORS})
    def post(self, request, pk: int):
        data = RespondSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        escalation = services.escalation_respond(
            user=request.user, pk=pk, response=data.validated_data["response"]
        )
        return Response(EscalationSerializer(escalation).data)


class CommunicationSerializer(serializers.ModelSerializer):
    customer = ScopedPrimaryKey(queryset=Customer.objects.all())
    vehicle = ScopedPrimaryKey(queryset=Vehicle.objects.all(), required=False, allow_null=True)
    work_order = ScopedPrimaryKey(queryset=WorkOrder.objects.all(), required=False, allow_null=True)
    interaction = ScopedPrimaryKey(
        queryset=Interaction.objects.all(), required=False, allow_null=True
    )
    summary = serializers.CharField(max_length=NARRATIVE, allow_blank=True)
    at = api_fields.DateTimeField(required=False)
    learned = serializers.DictField(
        required=False,
        write_only=True,
        help_text=_(
            "What was learned about the customer: customer_type, main_concern, "
            "preferred_channel, preferred_language, wants_ride, wants_loaner, waits_on_site."
        ),
    )

    class Meta:
        model = CommunicationLog
        fields = [
            "id",
            "customer",
            "vehicle",
            "work_order",
            "interaction",
            "direction",
            "channel",
            "kind",
            "summary",
            "by",
            "at",
            "learned",
        ]
        read_only_fields = ["id", "by"]


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
        request=CommunicationSerializer, responses={201: CommunicationSerializer, **ERRORS}
    )
    def post(self, request):
        data = CommunicationSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        entry = services.communication_log(user=request.user, **data.validated_data)
        return Response(CommunicationSerializer(entry).data, status=status.HTTP_201_CREATED)

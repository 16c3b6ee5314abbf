"""REST endpoints of DESIGN.md's complaint calls. Each parses, calls one service or selector,
and answers; DomainErrors become 400/403/404/409 in servicedesk.errors.api_exception_handler."""

import django_filters
from django.contrib.auth import get_user_model
from django.core.validators import RegexValidator
from django.http import HttpResponse
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import generics, serializers, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from servicedesk import api_fields
from servicedesk.accounts.selectors import shop_ids_for_user
from servicedesk.errors import Invalid, NotFound
from servicedesk.filters import id_filter
from servicedesk.limits import NARRATIVE, NOTE, SIGNATURE_DATA_URL
from servicedesk.pagination import LateRowPagination
from servicedesk.renderers import ErrorsAsJSONMixin, PDFRenderer
from vehicles.models import (
    AuthorizationMethod,
    Customer,
    Supplier,
    Vehicle,
    WorkOrder,
    WorkOrderLine,
)

from . import clocks, selectors, services
from . import permissions as rules
from .models import (
    Category,
    Complaint,
    ComplaintChannel,
    ComplaintHistory,
    CorrectiveAction,
    CustomerSettlement,
    FollowUp,
    Opinion,
    Remedy,
    RemedyKind,
    Responsibility,
    Severity,
    Source,
    State,
    SupplierDeduction,
)
from .report import render_report_pdf, signature_src

ERROR = inline_serializer(
    "ComplaintError", {"detail": serializers.CharField(), "code": serializers.CharField()}
)
ERRORS = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description="Field errors"),
    403: ERROR,
    404: ERROR,
    409: ERROR,
}

# --- serializers -----------------------------------------------------------------------------


class ComplaintSerializer(serializers.ModelSerializer):
    customer_display = serializers.CharField(source="who", read_only=True)
    first_response_overdue = serializers.SerializerMethodField()
    resolution_overdue = serializers.SerializerMethodField()
    overdue = serializers.BooleanField(source="is_overdue", read_only=True)
    signed = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = Complaint
        fields = [
            "id", "number", "shop", "state", "version", "source", "channel",
            "customer", "customer_name", "customer_display", "vehicle", "work_order",
            "work_order_line", "technician", "interaction", "escalation", "customer_words",
            "requested_remedy", "received_by", "received_at", "severity", "first_response_due",
            "resolution_due", "first_responded_at", "resolved_at", "first_response_overdue",
            "resolution_overdue", "overdue", "immediate_response", "category", "responsibility",
            "nature", "supplier", "confirmed_name", "confirmed_at", "signed",
            "corrective_skip_reason", "closed_at", "reopen_count", "allowed_actions",
        ]  # fmt: skip
        read_only_fields = fields

    def get_first_response_overdue(self, obj) -> bool:
        return obj.first_response_overdue()

    def get_resolution_overdue(self, obj) -> bool:
        return obj.resolution_overdue()

    def get_signed(self, obj) -> bool:
        return bool(obj.confirmation_signature)

    def get_allowed_actions(self, obj) -> list[str]:
        """What the caller may do with the complaint now: ``services.complaint_actions``."""
        request = self.context.get("request")
        if request is None:
            return []
        return sorted(services.complaint_actions(obj, request.user))


def _scoped(field, model, user, shop_field="shop"):
    field.queryset = model.objects.filter(**{f"{shop_field}__in": shop_ids_for_user(user)})


class _ScopedLinks(serializers.Serializer):
    """Links resolve only to records of the caller's shops; the service checks the same shop."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is None:  # the schema generator builds serializers without a request
            return
        user = request.user
        for name, model, shop_field in (
            ("customer", Customer, "shop"),
            ("vehicle", Vehicle, "shop"),
            ("work_order", WorkOrder, "shop"),
            ("work_order_line", WorkOrderLine, "work_order__shop"),
            ("supplier", Supplier, "shop"),
        ):
            if name in self.fields:
                _scoped(self.fields[name], model, user, shop_field)
        if "technician" in self.fields:
            self.fields["technician"].queryset = (
                get_user_model()
                .objects.filter(memberships__shop_id__in=shop_ids_for_user(user))
                .distinct()
            )


def _link(model):
    return serializers.PrimaryKeyRelatedField(
        queryset=model.objects.none(), required=False, allow_null=True
    )


class ComplaintCreateSerializer(_ScopedLinks):
    shop = serializers.IntegerField(
        required=False, help_text="Needed when you work in several shops."
    )
    customer_words = serializers.CharField(max_length=NARRATIVE)
    channel = serializers.ChoiceField(choices=ComplaintChannel.choices)
    severity = serializers.ChoiceField(choices=Severity.choices, default=Severity.NORMAL)
    source = serializers.ChoiceField(
        choices=[(Source.DIRECT, Source.DIRECT.label), (Source.COMEBACK, Source.COMEBACK.label)],
        default=Source.DIRECT,
    )
    requested_remedy = serializers.CharField(
        max_length=NOTE, required=False, allow_blank=True, default=""
    )
    customer_name = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=120
    )
    customer = _link(Customer)
    vehicle = _link(Vehicle)
    work_order = _link(WorkOrder)
    work_order_line = _link(WorkOrderLine)
    technician = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.none(), required=False, allow_null=True
    )


class ComplaintPatchSerializer(_ScopedLinks):
    version = serializers.IntegerField(
        min_value=1, help_text="The version you read; a stale one answers 409."
    )
    note = serializers.CharField(max_length=NOTE, required=False, allow_blank=True, default="")
    customer_words = serializers.CharField(max_length=NARRATIVE, required=False)
    requested_remedy = serializers.CharField(max_length=NOTE, required=False, allow_blank=True)
    channel = serializers.ChoiceField(choices=ComplaintChannel.choices, required=False)
    severity = serializers.ChoiceField(choices=Severity.choices, required=False)
    immediate_response = serializers.CharField(max_length=NOTE, required=False, allow_blank=True)
    category = serializers.ChoiceField(choices=Category.choices, required=False, allow_blank=True)
    responsibility = serializers.ChoiceField(
        choices=Responsibility.choices, required=False, allow_blank=True
    )
    nature = serializers.CharField(max_length=NARRATIVE, required=False, allow_blank=True)
    customer_name = serializers.CharField(required=False, allow_blank=True, max_length=120)
    supplier = _link(Supplier)
    customer = _link(Customer)
    vehicle = _link(Vehicle)
    work_order = _link(WorkOrder)
    work_order_line = _link(WorkOrderLine)
    technician = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.none(), required=False, allow_null=True
    )


class TransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=[*State.values, services.REOPEN])
    note = serializers.CharField(max_length=NOTE, required=False, allow_blank=True, default="")


class HistorySerializer(serializers.ModelSerializer):
    # None where the system or the customer (by their link) did it.
    by = serializers.CharField(source="by.username", default=None, read_only=True, allow_null=True)
    # Plain strings: the values are HistoryKind and State, documented there.
    kind = serializers.CharField(read_only=True)
    from_state = serializers.CharField(read_only=True)
    to_state = serializers.CharField(read_only=True)

    class Meta:
        model = ComplaintHistory
        fields = ["id", "kind", "at", "by", "from_state", "to_state", "note", "changes"]


class RemedySerializer(serializers.ModelSerializer):
    class Meta:
        model = Remedy
        fields = [
            "id", "complaint", "kind", "amount", "description", "proposed_by", "proposed_at",
            "status", "decided_by", "decided_at", "decision_note",
        ]  # fmt: skip
        read_only_fields = fields


class RemedyCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=RemedyKind.choices)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, default=0, min_value=0)
    description = serializers.CharField(
        max_length=NOTE, required=False, allow_blank=True, default=""
    )


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=NOTE, required=False, allow_blank=True, default="")


class ConfirmationSerializer(serializers.Serializer):
    signed_name = serializers.CharField(max_length=120)
    method = serializers.ChoiceField(
        choices=AuthorizationMethod.choices,
        default=AuthorizationMethod.IN_PERSON,
        help_text="How the customer confirmed; in person, a signature drawn on the screen is "
        "required.",
    )
    signature = serializers.CharField(
        max_length=SIGNATURE_DATA_URL,
        required=False,
        allow_blank=True,
        default="",
        help_text="A PNG data URL of the signature drawn on the screen: required in person, "
        "refused otherwise; an empty pad is refused.",
    )


class CorrectiveActionSerializer(serializers.ModelSerializer):
    overdue = serializers.BooleanField(source="is_overdue", read_only=True)
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = CorrectiveAction
        fields = [
            "id", "complaint", "root_cause", "corrective_action", "preventive_action",
            "department", "owner", "due_date", "overdue", "created_by", "created_at", "result",
            "result_at", "effective", "verified_by", "verified_at", "verification_note",
            "allowed_actions",
        ]  # fmt: skip
        read_only_fields = fields

    def get_allowed_actions(self, obj) -> list[str]:
        """What the caller may do with it now: ``services.corrective_action_actions``."""
        request = self.context.get("request")
        if request is None:
            return []
        return sorted(services.corrective_action_actions(obj, request.user))


class CorrectiveActionCreateSerializer(serializers.Serializer):
    root_cause = serializers.CharField(max_length=NARRATIVE)
    corrective_action = serializers.CharField(max_length=NARRATIVE)
    preventive_action = serializers.CharField(max_length=NARRATIVE)
    department = serializers.CharField(max_length=80)
    owner = serializers.IntegerField(help_text="A user with the quality role in the shop.")
    due_date = api_fields.DateField()


class ResultSerializer(serializers.Serializer):
    result = serializers.CharField(max_length=NARRATIVE)


class VerifySerializer(serializers.Serializer):
    effective = serializers.BooleanField()
    note = serializers.CharField(max_length=NOTE, required=False, allow_blank=True, default="")


class FollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUp
        fields = ["id", "complaint", "at", "by", "reached", "opinion", "comment", "next_try"]
        read_only_fields = fields


class FollowUpCreateSerializer(serializers.Serializer):
    reached = serializers.BooleanField()
    opinion = serializers.ChoiceField(
        choices=Opinion.choices, required=False, allow_blank=True, default=""
    )
    comment = serializers.CharField(max_length=NOTE, required=False, allow_blank=True, default="")
    next_try = api_fields.DateField(required=False, allow_null=True, default=None)


class SupplierDeductionSerializer(serializers.ModelSerializer):
    supplier_name = serializers.CharField(source="supplier.name", read_only=True)
    complaint_number = serializers.CharField(source="complaint.number", read_only=True)

    class Meta:
        model = SupplierDeduction
        fields = [
            "id", "shop", "complaint", "complaint_number", "supplier", "supplier_name",
            "work_order_line", "part", "amount", "improvement_request", "raised_by",
            "raised_at", "applied_by", "applied_at", "settlement_reference",
        ]  # fmt: skip
        read_only_fields = fields


class SupplierDeductionCreateSerializer(_ScopedLinks):
    supplier = _link(Supplier)
    work_order_line = _link(WorkOrderLine)
    part = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    improvement_request = serializers.CharField(max_length=NARRATIVE)


class ApplySerializer(serializers.Serializer):
    reference = serializers.CharField(required=False, allow_blank=True, default="", max_length=80)


class CustomerSettlementSerializer(serializers.ModelSerializer):
    complaint_number = serializers.CharField(source="complaint.number", read_only=True)
    customer_display = serializers.CharField(source="complaint.who", read_only=True)
    work_order = serializers.IntegerField(
        source="complaint.work_order_id", allow_null=True, read_only=True
    )
    work_order_number = serializers.CharField(
        source="complaint.work_order.number", default=None, read_only=True
    )
    approved_by = serializers.IntegerField(source="remedy.decided_by_id", read_only=True)
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = CustomerSettlement
        fields = [
            "id", "shop", "complaint", "complaint_number", "customer_display", "remedy",
            "kind", "amount", "work_order", "work_order_number", "approved_by", "raised_at",
            "settled_by", "settled_at", "settlement_reference", "allowed_actions",
        ]  # fmt: skip
        read_only_fields = fields

    def get_allowed_actions(self, obj) -> list[str]:
        request = self.context.get("request")
        if request is None:
            return []
        return sorted(rules.settlement_actions(obj, request.user))


# --- filters ---------------------------------------------------------------------------------


class ComplaintFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=State.choices)
    category = django_filters.ChoiceFilter(choices=Category.choices)
    severity = django_filters.ChoiceFilter(choices=Severity.choices)
    responsibility = django_filters.ChoiceFilter(choices=Responsibility.choices)
    advisor = id_filter("received_by")
    shop = id_filter("shop")
    received_from = django_filters.DateFilter(field_name="received_at", lookup_expr="date__gte")
    received_to = django_filters.DateFilter(field_name="received_at", lookup_expr="date__lte")
    overdue = django_filters.BooleanFilter(method="filter_overdue")
    mine = django_filters.BooleanFilter(method="filter_mine")
    q = django_filters.CharFilter(method="filter_q")

    class Meta:
        model = Complaint
        fields = ["state", "category", "severity", "responsibility", "shop"]

    def filter_overdue(self, qs, name, value):
        return qs.filter(clocks.overdue_q()) if value else qs.exclude(clocks.overdue_q())

    def filter_mine(self, qs, name, value):
        return qs.filter(received_by=self.request.user) if value else qs

    def filter_q(self, qs, name, value):
        return selectors.complaint_list(user=self.request.user, filters={"q": value}).filter(
            pk__in=qs.values("pk")
        )


# --- views -----------------------------------------------------------------------------------


class ComplaintListApi(generics.ListCreateAPIView):
    """The caller's shops' complaints, newest first; `POST` opens one at `received`."""

    write_roles = {"post": rules.ROLES_FOR["take_in"]}

    serializer_class = ComplaintSerializer
    filterset_class = ComplaintFilter
    pagination_class = LateRowPagination
    ordering_fields = ["received_at", "resolution_due", "number"]
    queryset = Complaint.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.complaint_list(user=self.request.user)

    @extend_schema(
        request=ComplaintCreateSerializer, responses={201: ComplaintSerializer, **ERRORS}
    )
    def post(self, request):
        data = ComplaintCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        shop = _shop_for(request.user, values.pop("shop", None))
        complaint = services.complaint_open(shop=shop, user=request.user, **values)
        return Response(
            ComplaintSerializer(complaint, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


def _shop_for(user, shop_id):
    shops = rules.shops(user, "take_in")
    if shop_id is None:
        if len(shops) == 1:
            return shops[0]
        if not shops:
            raise NotFound()
        raise Invalid(services.FIELD_REQUIRED, field="shop")
    for shop in shops:
        if shop.pk == shop_id:
            return shop
    if shop_id in shop_ids_for_user(user):
        rules.require(user, shop_id=shop_id, action="take_in")
    raise NotFound()


class ComplaintDetailApi(APIView):
    write_roles = rules.ROLES_FOR["handle"]

    @extend_schema(responses={200: ComplaintSerializer, 404: ERROR})
    def get(self, request, pk: int):
        complaint = selectors.complaint_get_for_user(user=request.user, pk=pk)
        return Response(ComplaintSerializer(complaint, context={"request": request}).data)

    @extend_schema(request=ComplaintPatchSerializer, responses={200: ComplaintSerializer, **ERRORS})
    def patch(self, request, pk: int):
        selectors.complaint_get_for_user(user=request.user, pk=pk)
        data = ComplaintPatchSerializer(
            data=request.data, partial=True, context={"request": request}
        )
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        if "version" not in values:
            raise Invalid(services.VERSION_REQUIRED, field="version")
        version = values.pop("version")
        note = values.pop("note", "")
        complaint = services.complaint_update(
            pk=pk, user=request.user, version=version, note=note, **values
        )
        return Response(ComplaintSerializer(complaint, context={"request": request}).data)


class ComplaintTransitionApi(APIView):
    write_roles = rules.ROLES_FOR["handle"]

    @extend_schema(request=TransitionSerializer, responses={200: ComplaintSerializer, **ERRORS})
    def post(self, request, pk: int):
        selectors.complaint_get_for_user(user=request.user, pk=pk)
        data = TransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        complaint = services.complaint_transition(pk=pk, user=request.user, **data.validated_data)
        return Response(ComplaintSerializer(complaint, context={"request": request}).data)


class ComplaintHistoryApi(generics.ListAPIView):
    serializer_class = HistorySerializer
    queryset = ComplaintHistory.objects.none()
    filter_backends: list = []

    @extend_schema(responses={200: HistorySerializer(many=True), 404: ERROR})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        complaint = selectors.complaint_get_for_user(user=self.request.user, pk=self.kwargs["pk"])
        return selectors.complaint_history(complaint=complaint)


class RemedyCreateApi(APIView):
    write_roles = rules.ROLES_FOR["handle"]

    @extend_schema(request=RemedyCreateSerializer, responses={201: RemedySerializer, **ERRORS})
    def post(self, request, pk: int):
        selectors.complaint_get_for_user(user=request.user, pk=pk)
        data = RemedyCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        remedy = services.remedy_propose(complaint_pk=pk, user=request.user, **data.validated_data)
        return Response(RemedySerializer(remedy).data, status=status.HTTP_201_CREATED)


class RemedyDecisionApi(APIView):
    write_roles = rules.ROLES_FOR["approve"]
    approve = True

    @extend_schema(request=NoteSerializer, responses={200: RemedySerializer, **ERRORS})
    def post(self, request, pk: int):
        selectors.remedy_get_for_user(user=request.user, pk=pk)
        data = NoteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        remedy = services.remedy_decide(
            pk=pk, user=request.user, approve=self.approve, note=data.validated_data["note"]
        )
        return Response(RemedySerializer(remedy).data)


class RemedyApproveApi(RemedyDecisionApi):
    approve = True


class RemedyRejectApi(RemedyDecisionApi):
    approve = False


class ConfirmationApi(APIView):
    write_roles = rules.ROLES_FOR["handle"]

    @extend_schema(request=ConfirmationSerializer, responses={200: ComplaintSerializer, **ERRORS})
    def post(self, request, pk: int):
        selectors.complaint_get_for_user(user=request.user, pk=pk)
        data = ConfirmationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        complaint = services.complaint_confirm(
            pk=pk,
            user=request.user,
            signed_name=data.validated_data["signed_name"],
            signature=data.validated_data["signature"] or None,
            method=data.validated_data["method"],
        )
        return Response(ComplaintSerializer(complaint, context={"request": request}).data)


class CorrectiveActionCreateApi(APIView):
    write_roles = rules.ROLES_FOR["plan"]

    @extend_schema(
        request=CorrectiveActionCreateSerializer,
        responses={201: CorrectiveActionSerializer, **ERRORS},
    )
    def post(self, request, pk: int):
        selectors.complaint_get_for_user(user=request.user, pk=pk)
        data = CorrectiveActionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values["owner"] = get_user_model().objects.filter(pk=values["owner"]).first()
        action = services.corrective_action_plan(complaint_pk=pk, user=request.user, **values)
        return Response(
            CorrectiveActionSerializer(action, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


class CorrectiveActionResultApi(APIView):
    write_roles = rules.ROLES_FOR["own_action"]

    @extend_schema(request=ResultSerializer, responses={200: CorrectiveActionSerializer, **ERRORS})
    def post(self, request, pk: int):
        selectors.action_get_for_user(user=request.user, pk=pk)
        data = ResultSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        action = services.corrective_action_record_result(
            pk=pk, user=request.user, result=data.validated_data["result"]
        )
        return Response(CorrectiveActionSerializer(action, context={"request": request}).data)


class CorrectiveActionVerifyApi(APIView):
    write_roles = rules.ROLES_FOR["verify"]

    @extend_schema(request=VerifySerializer, responses={200: CorrectiveActionSerializer, **ERRORS})
    def post(self, request, pk: int):
        selectors.action_get_for_user(user=request.user, pk=pk)
        data = VerifySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        action = services.corrective_action_verify(pk=pk, user=request.user, **data.validated_data)
        return Response(CorrectiveActionSerializer(action, context={"request": request}).data)


class FollowUpCreateApi(APIView):
    write_roles = rules.ROLES_FOR["handle"]

    @extend_schema(request=FollowUpCreateSerializer, responses={201: FollowUpSerializer, **ERRORS})
    def post(self, request, pk: int):
        selectors.complaint_get_for_user(user=request.user, pk=pk)
        data = FollowUpCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        follow_up = services.follow_up_record(
            complaint_pk=pk, user=request.user, **data.validated_data
        )
        return Response(FollowUpSerializer(follow_up).data, status=status.HTTP_201_CREATED)


class SupplierDeductionCreateApi(APIView):
    write_roles = rules.ROLES_FOR["raise_deduction"]

    @extend_schema(
        request=SupplierDeductionCreateSerializer,
        responses={201: SupplierDeductionSerializer, **ERRORS},
    )
    def post(self, request, pk: int):
        selectors.complaint_get_for_user(user=request.user, pk=pk)
        data = SupplierDeductionCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        deduction = services.supplier_deduction_raise(
            complaint_pk=pk, user=request.user, **data.validated_data
        )
        return Response(SupplierDeductionSerializer(deduction).data, status=status.HTTP_201_CREATED)


class SupplierDeductionFilter(django_filters.FilterSet):
    shop = id_filter("shop")
    supplier = id_filter("supplier")
    applied = django_filters.BooleanFilter(
        field_name="applied_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = SupplierDeduction
        fields = ["shop", "supplier", "applied"]


class SupplierDeductionListApi(generics.ListAPIView):
    """Supplier deductions of the caller's shops, oldest first; `?applied=false` for open ones."""

    serializer_class = SupplierDeductionSerializer
    filterset_class = SupplierDeductionFilter
    queryset = SupplierDeduction.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.deductions_for_user(user=self.request.user)


class SupplierDeductionApplyApi(APIView):
    write_roles = rules.ROLES_FOR["apply_deduction"]

    @extend_schema(request=ApplySerializer, responses={200: SupplierDeductionSerializer, **ERRORS})
    def post(self, request, pk: int):
        selectors.deduction_get_for_user(user=request.user, pk=pk)
        data = ApplySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        deduction = services.supplier_deduction_apply(
            pk=pk, user=request.user, reference=data.validated_data["reference"]
        )
        return Response(SupplierDeductionSerializer(deduction).data)


class CustomerSettlementFilter(django_filters.FilterSet):
    shop = id_filter("shop")
    complaint = id_filter("complaint")
    work_order = id_filter("complaint__work_order")
    settled = django_filters.BooleanFilter(
        field_name="settled_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = CustomerSettlement
        fields = ["shop", "kind", "complaint", "work_order", "settled"]


class CustomerSettlementListApi(generics.ListAPIView):
    """Money approved on complaints (discounts, compensation, refunds) to pay the customers of
    the caller's shops, oldest first; `?settled=false` for what is still to pay. For cashiers,
    managers, duty supervisors and reporting clients (others: 403)."""

    serializer_class = CustomerSettlementSerializer
    filterset_class = CustomerSettlementFilter
    queryset = CustomerSettlement.objects.none()

    @extend_schema(responses={200: CustomerSettlementSerializer(many=True), 403: ERROR})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.settlements_for_user(user=self.request.user)


class CustomerSettlementSettleApi(APIView):
    write_roles = rules.ROLES_FOR["settle"]

    @extend_schema(request=ApplySerializer, responses={200: CustomerSettlementSerializer, **ERRORS})
    def post(self, request, pk: int):
        """The cashier paid or credited the customer; a second settle answers 409."""
        selectors.settlement_get_for_user(user=request.user, pk=pk)
        data = ApplySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        settlement = services.customer_settlement_settle(
            pk=pk, user=request.user, reference=data.validated_data["reference"]
        )
        return Response(CustomerSettlementSerializer(settlement, context={"request": request}).data)


class ReportPdfQuerySerializer(serializers.Serializer):
    lang = serializers.ChoiceField(
        choices=["en", "zh-hans"],
        required=False,
        help_text="The report's language; the user's own without it. Any other value is a 400.",
    )


class ComplaintReportPdfApi(ErrorsAsJSONMixin, APIView):
    renderer_classes = [PDFRenderer, JSONRenderer]

    @extend_schema(
        parameters=[ReportPdfQuerySerializer],
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, (404, "application/json"): ERROR},
    )
    def get(self, request, pk: int):
        complaint = selectors.complaint_detail(user=request.user, pk=pk)
        # Given twice, or given empty (which DRF reads as not given): not a language either.
        if len(request.query_params.getlist("lang")) > 1 or request.query_params.get("lang") == "":
            raise serializers.ValidationError({"lang": [RegexValidator.message]})
        query = ReportPdfQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        language = query.validated_data.get("lang") or translation.get_language()
        pdf = render_report_pdf(
            complaint, language=language, signature_src=signature_src(complaint)
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{complaint.number}.pdf"'
        return response

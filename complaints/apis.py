"""REST endpoints of DESIGN.md's complaint calls. Each parses, calls one service or selector,
and answers; DomainErrors become 400/403/404/409 in servicedesk.errors.api_exception_handler."""

import django_filters
from django.core.validators import RegexValidator
from django.http import HttpResponse
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from servicedesk.accounts.selectors import shop_ids_for_user
from servicedesk.errors import Invalid, NotFound
from servicedesk.exports import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    download_response,
)
from servicedesk.filters import id_filter
from servicedesk.ids import as_ids
from servicedesk.pagination import LateRowPagination
from servicedesk.renderers import (
    CSVRenderer,
    ErrorsAsJSONMixin,
    ORJSONRenderer,
    PDFRenderer,
    XLSXRenderer,
)
from servicedesk.schema import ERROR, NOT_FOUND, REFUSALS

from . import clocks, selectors, services
from . import permissions as rules
from .models import (
    Category,
    Complaint,
    ComplaintHistory,
    CustomerSettlement,
    Responsibility,
    Severity,
    State,
    SupplierDeduction,
)
from .register import register_csv, register_filename, register_xlsx
from .report import render_report_pdf, signature_src
from .serializers import (
    ApplySerializer,
    ComplaintCreateSerializer,
    ComplaintPatchSerializer,
    ComplaintSerializer,
    ConfirmationSerializer,
    CorrectiveActionCreateSerializer,
    CorrectiveActionSerializer,
    CustomerSettlementSerializer,
    FollowUpCreateSerializer,
    FollowUpSerializer,
    HistorySerializer,
    NoteSerializer,
    PauseSerializer,
    RegisterQuerySerializer,
    RemedyCreateSerializer,
    RemedySerializer,
    ReportPdfQuerySerializer,
    ResultSerializer,
    ResumeSerializer,
    SupplierAnswerSerializer,
    SupplierDeductionCreateSerializer,
    SupplierDeductionSerializer,
    TransitionSerializer,
    VerifySerializer,
)

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

    # A handler takes in a customer's complaint; any employee reports an internal one.
    write_roles = {"post": rules.ROLES_FOR["raise_internal"]}

    serializer_class = ComplaintSerializer
    filterset_class = ComplaintFilter
    pagination_class = LateRowPagination
    ordering_fields = ["received_at", "resolution_due", "number"]
    queryset = Complaint.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.complaint_rows(user=self.request.user)

    @extend_schema(
        request=ComplaintCreateSerializer, responses={201: ComplaintSerializer, **REFUSALS}
    )
    def post(self, request):
        data = ComplaintCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        action = rules.intake_action(values["source"])
        shop = _shop_for(request.user, values.pop("shop", None), action=action)
        complaint = services.complaint_open(
            shop_pk=shop.pk, user=request.user, **as_ids(values, *_LINKS)
        )
        return Response(
            ComplaintSerializer(complaint, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


# The records a complaint's serializers check, handed to the services by id.
_LINKS = ("customer", "vehicle", "work_order", "work_order_line", "technician", "supplier")


def _shop_for(user, shop_id, *, action: str):
    shops = rules.shops(user, action)
    if shop_id is None:
        if len(shops) == 1:
            return shops[0]
        if not shops:
            for member_of in sorted(shop_ids_for_user(user))[:1]:
                rules.require(user, shop_id=member_of, action=action)  # says what they may not
            raise NotFound()
        raise Invalid(services.FIELD_REQUIRED, field="shop")
    for shop in shops:
        if shop.pk == shop_id:
            return shop
    if shop_id in shop_ids_for_user(user):
        rules.require(user, shop_id=shop_id, action=action)
    raise NotFound()


class ComplaintDetailApi(APIView):
    write_roles = rules.ROLES_FOR["handle"]

    @extend_schema(responses={200: ComplaintSerializer, 404: NOT_FOUND})
    def get(self, request, pk: int):
        complaint = selectors.complaint_row_for_user(user=request.user, pk=pk)
        return Response(ComplaintSerializer(complaint, context={"request": request}).data)

    @extend_schema(
        request=ComplaintPatchSerializer, responses={200: ComplaintSerializer, **REFUSALS}
    )
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
            pk=pk, user=request.user, version=version, note=note, **as_ids(values, *_LINKS)
        )
        return Response(ComplaintSerializer(complaint, context={"request": request}).data)


class _ComplaintStepApi(APIView):
    """A step on the complaint as a whole (a move, a pause, a resume): the body read by
    ``serializer_class``, handed to ``step`` (the service), the complaint answered."""

    write_roles = rules.ROLES_FOR["handle"]
    serializer_class: type[serializers.Serializer]
    step = None  # the service, as a staticmethod

    def post(self, request, pk: int):
        selectors.complaint_get_for_user(user=request.user, pk=pk)
        data = self.serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        complaint = self.step(pk=pk, user=request.user, **data.validated_data)
        return Response(ComplaintSerializer(complaint, context={"request": request}).data)


def _complaint_step_schema(serializer):
    return extend_schema_view(
        post=extend_schema(request=serializer, responses={200: ComplaintSerializer, **REFUSALS})
    )


@_complaint_step_schema(TransitionSerializer)
class ComplaintTransitionApi(_ComplaintStepApi):
    """Move the complaint to another state; 409 with the reason where its state refuses it."""

    serializer_class = TransitionSerializer
    step = staticmethod(services.complaint_transition)


@_complaint_step_schema(PauseSerializer)
class ComplaintPauseApi(_ComplaintStepApi):
    """Pause the complaint's clocks (waiting for parts, for the customer)."""

    serializer_class = PauseSerializer
    step = staticmethod(services.complaint_pause)


@_complaint_step_schema(ResumeSerializer)
class ComplaintResumeApi(_ComplaintStepApi):
    """Resume the clocks: their due times move on by the business time the pause lasted."""

    serializer_class = ResumeSerializer
    step = staticmethod(services.complaint_resume)


class ComplaintHistoryApi(generics.ListAPIView):
    serializer_class = HistorySerializer
    queryset = ComplaintHistory.objects.none()
    filter_backends: list = []

    @extend_schema(responses={200: HistorySerializer(many=True), 404: NOT_FOUND})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        complaint = selectors.complaint_get_for_user(user=self.request.user, pk=self.kwargs["pk"])
        return selectors.complaint_history(complaint=complaint)


class RemedyCreateApi(APIView):
    write_roles = rules.ROLES_FOR["handle"]

    @extend_schema(request=RemedyCreateSerializer, responses={201: RemedySerializer, **REFUSALS})
    def post(self, request, pk: int):
        selectors.complaint_get_for_user(user=request.user, pk=pk)
        data = RemedyCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        remedy = services.remedy_propose(complaint_pk=pk, user=request.user, **data.validated_data)
        return Response(RemedySerializer(remedy).data, status=status.HTTP_201_CREATED)


class RemedyDecisionApi(APIView):
    write_roles = rules.ROLES_FOR["approve"]
    approve = True

    @extend_schema(request=NoteSerializer, responses={200: RemedySerializer, **REFUSALS})
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

    @extend_schema(request=ConfirmationSerializer, responses={200: ComplaintSerializer, **REFUSALS})
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
        responses={201: CorrectiveActionSerializer, **REFUSALS},
    )
    def post(self, request, pk: int):
        selectors.complaint_get_for_user(user=request.user, pk=pk)
        data = CorrectiveActionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values["owner_pk"] = values.pop("owner")
        action = services.corrective_action_plan(complaint_pk=pk, user=request.user, **values)
        return Response(
            CorrectiveActionSerializer(action, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


# One step on a corrective action (its result, its verification): the action read as the user
# may see it, the body checked by ``serializer_class``, ``step`` called, the action answered.
# (A comment, not a docstring: drf-spectacular would print a docstring as both operations'
# description.)
class _CorrectiveActionStepApi(APIView):
    serializer_class: type[serializers.Serializer]
    step = None  # the service, as a staticmethod

    def post(self, request, pk: int):
        selectors.action_get_for_user(user=request.user, pk=pk)
        data = self.serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        action = self.step(pk=pk, user=request.user, **data.validated_data)
        return Response(CorrectiveActionSerializer(action, context={"request": request}).data)


@extend_schema_view(
    post=extend_schema(
        request=ResultSerializer, responses={200: CorrectiveActionSerializer, **REFUSALS}
    )
)
class CorrectiveActionResultApi(_CorrectiveActionStepApi):
    write_roles = rules.ROLES_FOR["own_action"]
    serializer_class = ResultSerializer
    step = staticmethod(services.corrective_action_record_result)


@extend_schema_view(
    post=extend_schema(
        request=VerifySerializer, responses={200: CorrectiveActionSerializer, **REFUSALS}
    )
)
class CorrectiveActionVerifyApi(_CorrectiveActionStepApi):
    write_roles = rules.ROLES_FOR["verify"]
    serializer_class = VerifySerializer
    step = staticmethod(services.corrective_action_verify)


class FollowUpCreateApi(APIView):
    write_roles = rules.ROLES_FOR["handle"]

    @extend_schema(
        request=FollowUpCreateSerializer, responses={201: FollowUpSerializer, **REFUSALS}
    )
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
        responses={201: SupplierDeductionSerializer, **REFUSALS},
    )
    def post(self, request, pk: int):
        selectors.complaint_get_for_user(user=request.user, pk=pk)
        data = SupplierDeductionCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        deduction = services.supplier_deduction_raise(
            complaint_pk=pk, user=request.user, **as_ids(data.validated_data, *_LINKS)
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


class _SettleOnceApi(APIView):
    # Money a complaint decided, marked done once with the paper's reference (a supplier
    # deduction applied, a customer paid or credited); a second time answers 409. A subclass
    # names the record's access helper, the service and the answer's serializer.

    get_for_user = None
    service = None
    answer = None

    def post(self, request, pk: int):
        type(self).get_for_user(user=request.user, pk=pk)
        data = ApplySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        record = type(self).service(
            pk=pk, user=request.user, reference=data.validated_data["reference"]
        )
        return Response(self.answer(record, context={"request": request}).data)


@extend_schema_view(
    post=extend_schema(
        request=ApplySerializer, responses={200: SupplierDeductionSerializer, **REFUSALS}
    )
)
class SupplierDeductionApplyApi(_SettleOnceApi):
    write_roles = rules.ROLES_FOR["apply_deduction"]
    get_for_user = selectors.deduction_get_for_user
    service = services.supplier_deduction_apply
    answer = SupplierDeductionSerializer


class SupplierDeductionAnswerApi(APIView):
    """The supplier's answer to the improvement asked of them, recorded once (a second time:
    409). By the staff who raise deductions."""

    write_roles = rules.ROLES_FOR["answer_deduction"]

    @extend_schema(
        request=SupplierAnswerSerializer,
        responses={200: SupplierDeductionSerializer, **REFUSALS},
    )
    def post(self, request, pk: int):
        selectors.deduction_get_for_user(user=request.user, pk=pk)
        data = SupplierAnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        deduction = services.supplier_deduction_answer(
            pk=pk, user=request.user, answer=data.validated_data["answer"]
        )
        return Response(SupplierDeductionSerializer(deduction, context={"request": request}).data)


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

    @extend_schema(responses={200: CustomerSettlementSerializer(many=True)})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.settlements_for_user(user=self.request.user)


@extend_schema_view(
    post=extend_schema(
        request=ApplySerializer, responses={200: CustomerSettlementSerializer, **REFUSALS}
    )
)
class CustomerSettlementSettleApi(_SettleOnceApi):
    """The cashier paid or credited the customer; a second settle answers 409."""

    write_roles = rules.ROLES_FOR["settle"]
    get_for_user = selectors.settlement_get_for_user
    service = services.customer_settlement_settle
    answer = CustomerSettlementSerializer


class ComplaintRegisterApi(ErrorsAsJSONMixin, APIView):
    """The complaint register of the caller's shops: the complaints received from `from` to
    `to`, one row each, as the list page's export writes it (CSV, or XLSX with
    `?format=xlsx`)."""

    renderer_classes = [CSVRenderer, XLSXRenderer, ORJSONRenderer]

    @extend_schema(
        parameters=[
            RegisterQuerySerializer,
            OpenApiParameter(
                "format",
                str,
                enum=["csv", "xlsx"],
                required=False,
                description="csv (the default): UTF-8 with a byte-order mark; xlsx: a workbook.",
            ),
        ],
        responses={
            (200, "text/csv"): OpenApiTypes.STR,
            (200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY,
            (400, "application/json"): ERROR,
            # DRF's answer to a ?format= that no renderer writes.
            (404, "application/json"): OpenApiResponse(ERROR, description="Not a format offered."),
        },
    )
    def get(self, request):
        query = RegisterQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        dates = query.validated_data["from"], query.validated_data["to"]
        complaints = selectors.complaint_register(
            user=request.user, received_from=dates[0], received_to=dates[1]
        )
        if request.accepted_renderer.format == "xlsx":
            content, extension, content_type = register_xlsx(complaints), "xlsx", XLSX_CONTENT_TYPE
        else:
            content, extension, content_type = register_csv(complaints), "csv", CSV_CONTENT_TYPE
        return download_response(
            content, filename=register_filename(*dates, extension), content_type=content_type
        )


class ComplaintReportPdfApi(ErrorsAsJSONMixin, APIView):
    renderer_classes = [PDFRenderer, ORJSONRenderer]

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

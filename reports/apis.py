"""REST endpoints of the annual satisfaction statistics, mounted under /api/v1/reports/.

Readers (manager, quality, the reporting client) get a shop's snapshot as JSON or CSV; a
manager asks for a refresh, which answers 202 with the job to poll."""

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from complaints import permissions as complaint_permissions
from complaints.models import Complaint
from servicedesk.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, download_response
from servicedesk.pagination import LateRowPagination
from servicedesk.renderers import CSVRenderer, ErrorsAsJSONMixin, XLSXRenderer
from servicedesk.schema import DESCRIPTIONS

from . import permissions, selectors, services
from .export import quality_csv, quality_xlsx, snapshot_csv, snapshot_xlsx
from .forms import period_form
from .models import AnnualSnapshot, ReportJob
from .permissions import report_shop
from .quality import DIMENSION_NAMES, labelled, range_form

FIELD_ERRORS = OpenApiResponse(OpenApiTypes.OBJECT, description="Field errors (`shop`, `year`)")
CSV_ERROR = OpenApiResponse(OpenApiTypes.STR, description="Rows of field, message.")
SHOP_PARAMETER = OpenApiParameter(
    "shop",
    int,
    required=False,
    description="The shop's id; needed when you read reports of several shops.",
)
YEAR_PARAMETER = OpenApiParameter(
    "year",
    {"type": "integer", "minimum": services.FIRST_YEAR},
    OpenApiParameter.PATH,
    description="From the first year on record to the shop's current year (a later one: 400).",
)


class ReportJobSerializer(serializers.ModelSerializer):
    status_url = serializers.SerializerMethodField()
    report_url = serializers.SerializerMethodField()

    class Meta:
        model = ReportJob
        fields = [
            "id", "shop", "year", "status", "progress", "error", "created_at", "started_at",
            "finished_at", "status_url", "report_url",
        ]  # fmt: skip
        read_only_fields = fields

    def get_status_url(self, obj) -> str:
        return reverse("api-report-job", args=[obj.pk])

    def get_report_url(self, obj) -> str:
        return f"{reverse('api-annual-satisfaction', args=[obj.year])}?shop={obj.shop_id}"


def format_parameter(description: str) -> OpenApiParameter:
    """``?format=json|csv|xlsx`` of a report that comes as a file too (its renderers)."""
    return OpenApiParameter(
        "format", str, enum=["json", "csv", "xlsx"], required=False, description=description
    )


class AnnualSnapshotSerializer(serializers.ModelSerializer):
    shop_code = serializers.CharField(source="shop.code", read_only=True)
    shop_name = serializers.CharField(source="shop.name", read_only=True)
    figures = serializers.JSONField(
        read_only=True,
        help_text="Every figure of the year: interactions, work_orders, surveys, complaints, "
        "corrective_actions, supplier_deductions, root_causes, monthly, advisors, "
        "previous_year, change. docs/reports.md defines each.",
    )

    class Meta:
        model = AnnualSnapshot
        fields = ["shop", "shop_code", "shop_name", "year", "computed_at", "figures"]
        read_only_fields = fields


class AnnualSatisfactionApi(ErrorsAsJSONMixin, APIView):
    """The stored annual satisfaction statistics of a shop and year."""

    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, CSVRenderer, XLSXRenderer]
    errors_in_own_format = ("csv",)  # an error of the XLSX form is JSON: a workbook helps nobody

    @extend_schema(
        parameters=[
            SHOP_PARAMETER,
            YEAR_PARAMETER,
            format_parameter(
                "csv: a flat CSV; xlsx: a workbook (the figures, then a sheet for each table: "
                "monthly trend, top root causes, advisors)"
            ),
        ],
        responses={
            (200, "application/json"): AnnualSnapshotSerializer,
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR, description="Columns: figure (dotted key), name, value."
            ),
            (200, XLSX_CONTENT_TYPE): OpenApiResponse(OpenApiTypes.BINARY),
            (400, "application/json"): FIELD_ERRORS,
            # The JSON errors' shape is the shared Error (servicedesk.schema).
            (403, "application/json"): OpenApiResponse(
                OpenApiTypes.OBJECT, description=DESCRIPTIONS["403"]
            ),
            (404, "application/json"): OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="Not one of your shops, or not computed yet (code `not_computed`).",
            ),
            # With ?format=csv an error comes as CSV too: one "field,message" row each.
            (400, "text/csv"): CSV_ERROR,
            (403, "text/csv"): CSV_ERROR,
            (404, "text/csv"): CSV_ERROR,
        },
    )
    def get(self, request, year: int):
        shop = report_shop(request.user, request.query_params.get("shop"))
        services.validate_year(shop, year)
        snapshot = selectors.snapshot_require(shop=shop, year=year)
        if request.accepted_renderer.format == "csv":
            response = Response(snapshot_csv(snapshot))
            response["Content-Disposition"] = (
                f'attachment; filename="satisfaction-{shop.code}-{year}.csv"'
            )
            return response
        if request.accepted_renderer.format == "xlsx":
            return download_response(
                snapshot_xlsx(snapshot),
                filename=f"satisfaction-{shop.code}-{year}.xlsx",
                content_type=XLSX_CONTENT_TYPE,
            )
        return Response(AnnualSnapshotSerializer(snapshot).data)


class AnnualSatisfactionRefreshApi(APIView):
    """Recompute the statistics (a manager): 202 with the job; poll its `status_url`."""

    write_roles = permissions.ROLES_FOR["refresh"]

    @extend_schema(
        parameters=[SHOP_PARAMETER, YEAR_PARAMETER],
        request=None,
        responses={202: ReportJobSerializer, 400: FIELD_ERRORS},
    )
    def post(self, request, year: int):
        shop = report_shop(request.user, request.query_params.get("shop"))
        job = services.annual_refresh_request(shop_pk=shop.pk, year=year, user=request.user)
        data = ReportJobSerializer(job).data
        return Response(
            data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["status_url"]}
        )


class ReportJobApi(APIView):
    """A refresh job's status and progress (0–100)."""

    @extend_schema(responses={200: ReportJobSerializer})
    def get(self, request, pk: int):
        job = selectors.job_get_for_user(user=request.user, pk=pk)
        permissions.require(request.user, shop_id=job.shop_id, action="read")
        return Response(ReportJobSerializer(job).data)


# --- quality ---------------------------------------------------------------------------------

PERIOD_PARAMETERS = [
    SHOP_PARAMETER,
    OpenApiParameter(
        "from",
        OpenApiTypes.DATE,
        required=False,
        description="The period's first day (default: 1 January of the shop's current year).",
    ),
    OpenApiParameter(
        "to",
        OpenApiTypes.DATE,
        required=False,
        description="The period's last day, included (default: today in the shop's time zone); "
        "at most three years after `from`.",
    ),
]
RANGE_ERRORS = OpenApiResponse(
    OpenApiTypes.OBJECT, description="Field errors (`shop`, `from`, `to`, `by`, `key`)"
)
READ_ERRORS = {
    400: RANGE_ERRORS,
    403: OpenApiResponse(OpenApiTypes.OBJECT, description=DESCRIPTIONS["403"]),
    404: OpenApiResponse(OpenApiTypes.OBJECT, description="Not one of your shops."),
}


def _quality_period(request):
    """The shop (a reader's) and the period's dates; 400 with field errors for a bad range."""
    shop = report_shop(request.user, request.query_params.get("shop"))
    permissions.require(request.user, shop_id=shop.pk, action="read_quality")
    form = range_form(shop, request.query_params)
    if not form.is_valid():
        raise serializers.ValidationError(
            {field: [str(e) for e in errors] for field, errors in form.errors.items()}
        )
    return shop, form.cleaned_data["from"], form.cleaned_data["to"]


class QualityReportSerializer(serializers.Serializer):
    shop = serializers.IntegerField()
    shop_code = serializers.CharField()
    shop_name = serializers.CharField()
    start = serializers.DateField(help_text="The period's first day.")
    end = serializers.DateField(help_text="The period's last day (included).")
    as_of = serializers.DateTimeField(help_text="When the figures were computed (cached).")
    figures = serializers.JSONField(
        help_text="complaints, pareto (per dimension: by_count and by_amount rows of key, label, "
        "count, amount, cumulative_share; keys `none` and `other`), reopen, comebacks, "
        "corrective_actions, suppliers, trend. docs/reports.md defines each."
    )


class QualityApi(ErrorsAsJSONMixin, APIView):
    """The quality figures of a shop over a period (cached; `as_of` says when computed)."""

    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, CSVRenderer, XLSXRenderer]

    @extend_schema(
        parameters=[
            *PERIOD_PARAMETERS,
            format_parameter(
                "csv or xlsx: every figure as one long table (section, row, figure, value), as "
                "the quality page's CSV and XLSX buttons give it."
            ),
        ],
        responses={
            (200, "application/json"): QualityReportSerializer,
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR, description="Columns: section, row, figure, value."
            ),
            (200, XLSX_CONTENT_TYPE): OpenApiResponse(OpenApiTypes.BINARY),
            # Errors come as JSON whatever the format asked (servicedesk.renderers).
            **{(code, "application/json"): answer for code, answer in READ_ERRORS.items()},
        },
    )
    def get(self, request):
        shop, start, end = _quality_period(request)
        report = selectors.quality_report(shop, start, end)
        name = f"quality-{shop.code}-{start.isoformat()}-{end.isoformat()}"
        if request.accepted_renderer.format == "csv":
            return download_response(
                quality_csv(report), filename=f"{name}.csv", content_type=CSV_CONTENT_TYPE
            )
        if request.accepted_renderer.format == "xlsx":
            return download_response(
                quality_xlsx(report), filename=f"{name}.xlsx", content_type=XLSX_CONTENT_TYPE
            )
        data = {
            "shop": shop.pk,
            "shop_code": shop.code,
            "shop_name": shop.name,
            "start": start,
            "end": end,
            "as_of": report["as_of"],
            "figures": labelled(report["figures"]),
        }
        return Response(QualityReportSerializer(data).data)


class QualityComplaintSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    received_at = serializers.DateTimeField()
    state = serializers.CharField()
    category = serializers.CharField()
    responsibility = serializers.CharField()
    technician = serializers.SerializerMethodField()
    supplier = serializers.SerializerMethodField()
    amount = serializers.DecimalField(
        source="money", max_digits=14, decimal_places=2, help_text="Money paid for it."
    )
    url = serializers.SerializerMethodField(
        help_text="The complaint's page; null where you may not open it (not a member there)."
    )

    def get_technician(self, obj) -> str | None:
        user = obj.technician
        return None if user is None else user.get_full_name() or user.get_username()

    def get_supplier(self, obj) -> str | None:
        return None if obj.supplier is None else obj.supplier.name

    def get_url(self, obj) -> str | None:
        if not self.context["may_open"]:
            return None
        return reverse("complaints:detail", args=[obj.pk])


class QualityComplaintsApi(generics.ListAPIView):
    """The complaints behind one bar of the quality figures, paginated."""

    serializer_class = QualityComplaintSerializer
    pagination_class = LateRowPagination
    filter_backends: list = []  # the bar is the filter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema's and the filter audit's
            return Complaint.objects.none()
        request = self.request
        shop, start, end = _quality_period(request)
        self.shop = shop
        return selectors.quality_complaints(
            shop,
            start,
            end,
            by=request.query_params.get("by", ""),
            key=request.query_params.get("key", ""),
            view=request.query_params.get("view", ""),
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        shop = getattr(self, "shop", None)
        context["may_open"] = shop is not None and complaint_permissions.may_open(
            self.request.user, shop_id=shop.pk
        )
        return context

    @extend_schema(
        parameters=[
            *PERIOD_PARAMETERS,
            OpenApiParameter(
                "by",
                str,
                enum=list(DIMENSION_NAMES),
                required=True,
                description="The chart (the dimension).",
            ),
            OpenApiParameter(
                "key",
                str,
                required=True,
                description="The bar: a row's `key` (`none`, `other` included).",
            ),
            OpenApiParameter(
                "view",
                str,
                enum=["count", "amount"],
                required=False,
                description="`amount`: the bar is the money Pareto's (its `other` leaves out the "
                "ten costliest keys).",
            ),
        ],
        responses={200: QualityComplaintSerializer(many=True), **READ_ERRORS},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class GroupCellSerializer(serializers.Serializer):
    shop = serializers.IntegerField(help_text="The shop's id (one of `shops`).")
    value = serializers.FloatField(allow_null=True)
    change = serializers.FloatField(
        allow_null=True, help_text="Against the same period a year earlier."
    )
    best = serializers.BooleanField()
    worst = serializers.BooleanField()


class GroupRowSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="The figure, as in the annual statistics' headline.")
    rise_is_good = serializers.BooleanField(allow_null=True)
    group = serializers.FloatField(allow_null=True, help_text="The group's figure, if any.")
    group_kind = serializers.ChoiceField(
        choices=["total", "mean", ""],
        help_text="`total`: the shops' counts added (or the group's own rate); `mean`: the "
        "mean of the shops' figures; blank: none.",
    )
    cells = GroupCellSerializer(many=True)


class GroupReportShopSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


GROUP_RETRY_SECONDS = 5


class GroupProgressSerializer(serializers.Serializer):
    """A large group's comparison still being computed, shop by shop: ask again."""

    status = serializers.ChoiceField(choices=["computing"])
    done = serializers.IntegerField(help_text="The group's shops whose figures are computed.")
    total = serializers.IntegerField(help_text="The group's shops.")


class GroupReportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    code = serializers.CharField()
    from_ = serializers.DateField()
    to = serializers.DateField()
    as_of = serializers.DateTimeField(help_text="When the figures were computed (cached).")
    shops = GroupReportShopSerializer(many=True)
    rows = GroupRowSerializer(many=True)

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        return fields


class GroupReportApi(APIView):
    """A group of shops side by side over a period: one row per figure, a cell per shop, the
    group's total or mean, the best and worst shop marked. For members of the group only."""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "from",
                OpenApiTypes.DATE,
                required=False,
                description="Default: 1 January of this year.",
            ),
            OpenApiParameter(
                "to", OpenApiTypes.DATE, required=False, description="Default: today."
            ),
        ],
        responses={
            200: GroupReportSerializer,
            202: OpenApiResponse(
                GroupProgressSerializer,
                description="A group of many shops whose figures for the period are not "
                "computed yet: a job computes them shop by shop; ask again after `Retry-After` "
                "seconds.",
            ),
            400: OpenApiResponse(OpenApiTypes.OBJECT, description="Field errors (`from`, `to`)"),
            404: OpenApiResponse(OpenApiTypes.OBJECT, description="Not one of your groups."),
        },
    )
    def get(self, request, group_id: int):
        group = permissions.report_group(request.user, group_id)
        form = period_form(request.query_params, today=timezone.localdate())
        if not form.is_valid():
            raise serializers.ValidationError(form.errors)
        start, end = form.cleaned_data["from"], form.cleaned_data["to"]
        comparison, progress = services.group_comparison_or_progress(
            group=group, start=start, end=end
        )
        if comparison is None:
            return Response(
                GroupProgressSerializer({"status": "computing", **progress}).data,
                status=status.HTTP_202_ACCEPTED,
                headers={"Retry-After": str(GROUP_RETRY_SECONDS)},
            )
        data = {
            **comparison,
            "id": group.pk,
            "name": group.name,
            "code": group.code,
            "to": form.cleaned_data["to"],
        }
        return Response(GroupReportSerializer(data).data)

"""REST endpoints of the annual satisfaction statistics, mounted under /api/v1/reports/.

Readers (manager, quality, the reporting client) get a shop's snapshot as JSON or CSV; a
manager asks for a refresh, which answers 202 with the job to poll."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from servicedesk.exports import XLSX_CONTENT_TYPE, download_response
from servicedesk.renderers import CSVRenderer, ErrorsAsJSONMixin, XLSXRenderer
from servicedesk.schema import DESCRIPTIONS

from . import permissions, selectors, services
from .export import snapshot_csv, snapshot_xlsx
from .models import AnnualSnapshot, ReportJob
from .permissions import report_shop

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
            OpenApiParameter(
                "format",
                str,
                enum=["json", "csv", "xlsx"],
                required=False,
                description="csv: a flat CSV; xlsx: a workbook (the figures, then a sheet for "
                "each table: monthly trend, top root causes, advisors)",
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

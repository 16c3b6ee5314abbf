"""Work orders (+ lines and steps) and the invoices issued at delivery."""

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from servicedesk.accounts.models import Membership
from servicedesk.accounts.selectors import scope_to_user
from servicedesk.errors import Invalid
from servicedesk.filters import MomentFilter, YearFilter, id_filter
from servicedesk.schema import NOT_FOUND, REFUSALS

from .. import selectors, services
from .. import serializers as s
from ..models import WorkOrderStatus
from ..permissions import ROLES_FOR
from ..services.errors import TECHNICIAN_OTHER_SHOP
from .base import ScopedViewSet

# ---------------------------------------------------------------- work orders


class WorkOrderFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=WorkOrderStatus.choices)
    vehicle = id_filter("vehicle")
    customer = id_filter("customer")
    comeback = django_filters.BooleanFilter(
        field_name="comeback_of", lookup_expr="isnull", exclude=True
    )
    year = YearFilter()
    opened_after = MomentFilter(field_name="opened_at", lookup_expr="gte")
    opened_before = MomentFilter(field_name="opened_at", lookup_expr="lt")


@extend_schema_view(list=extend_schema(responses={200: s.WorkOrderSerializer(many=True)}))
class WorkOrderViewSet(mixins.ListModelMixin, ScopedViewSet):
    write_roles = {
        "create": ROLES_FOR["open"],
        "partial_update": ROLES_FOR["update"],
        "lines": ROLES_FOR["lines"],
        "line": ROLES_FOR["lines"],
        "authorize": ROLES_FOR["authorize"],
        "start": ROLES_FOR["start"],
        "ready": ROLES_FOR["ready"],
        "deliver": ROLES_FOR["deliver"],
        "cancel": ROLES_FOR["cancel"],
        "comeback_review": ROLES_FOR["comeback"],
    }
    serializer_class = s.WorkOrderSerializer
    filterset_class = WorkOrderFilter
    ordering_fields = ["opened_at", "promised_at", "number"]

    def get_queryset(self):
        if self._fake():
            return selectors.WorkOrder.objects.none()
        return selectors.work_order_list(user=self.request.user)

    def get_object(self):
        return selectors.work_order_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def _detail(self, pk, code=status.HTTP_200_OK):
        wo = selectors.work_order_get_for_user(user=self.request.user, pk=pk)
        data = s.WorkOrderDetailSerializer(wo, context={"request": self.request}).data
        return Response(data, status=code)

    def _input(self, serializer_class):
        data = serializer_class(data=self.request.data)
        data.is_valid(raise_exception=True)
        return dict(data.validated_data)

    @extend_schema(responses={200: s.WorkOrderDetailSerializer})
    def retrieve(self, request, pk=None):
        return self._detail(pk)

    @extend_schema(
        request=s.WorkOrderOpenSerializer,
        responses={201: s.WorkOrderDetailSerializer, 404: NOT_FOUND},
    )
    def create(self, request):
        data = s.WorkOrderOpenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        vehicle = selectors.vehicle_get_for_user(user=request.user, pk=values.pop("vehicle"))
        customer_id = values.pop("customer", None)
        if customer_id:
            # Another shop's customer answers 404, as a missing one (the service says 400).
            selectors.customer_get_for_user(user=request.user, pk=customer_id)
        wo = services.work_order_open(
            user=request.user, vehicle_pk=vehicle.pk, customer_pk=customer_id or None, **values
        )
        return self._detail(wo.pk, status.HTTP_201_CREATED)

    @extend_schema(
        request=s.WorkOrderUpdateSerializer,
        responses={200: s.WorkOrderDetailSerializer, **REFUSALS},
    )
    def partial_update(self, request, pk=None):
        wo = self.get_object()
        data = s.WorkOrderUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        services.work_order_update(user=request.user, pk=wo.pk, **values)
        return self._detail(pk)

    def _line_values(self, values: dict, wo) -> dict:
        """The line's input as the services take it: the technician and supplier by id. A
        supplier the user may not see answers 404; a technician of another shop is refused."""
        if "supplier" in values:
            supplier = values.pop("supplier")
            if supplier:
                selectors.supplier_get_for_user(user=self.request.user, pk=supplier)
            values["supplier_pk"] = supplier
        if "technician" in values:
            technician = values.pop("technician")
            if (
                technician
                and not Membership.objects.filter(user_id=technician, shop_id=wo.shop_id).exists()
            ):
                raise Invalid(TECHNICIAN_OTHER_SHOP, field="technician")
            values["technician_pk"] = technician
        return values

    @extend_schema(
        request=s.LineInputSerializer, responses={201: s.WorkOrderDetailSerializer, **REFUSALS}
    )
    @action(detail=True, methods=["post"])
    def lines(self, request, pk=None):
        wo = self.get_object()
        values = self._line_values(self._input(s.LineInputSerializer), wo)
        services.work_order_line_add(user=request.user, work_order_pk=wo.pk, **values)
        return self._detail(pk, status.HTTP_201_CREATED)

    @extend_schema(
        request=s.LineInputSerializer, responses={200: s.WorkOrderDetailSerializer, **REFUSALS}
    )
    @action(detail=True, methods=["patch", "delete"], url_path=r"lines/(?P<line_id>\d+)")
    def line(self, request, pk=None, line_id=None):
        wo = self.get_object()
        line = selectors.line_get_for_user(user=request.user, work_order=wo, pk=line_id)
        if request.method == "DELETE":
            data = s.VersionSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            services.work_order_line_remove(
                user=request.user, pk=line.pk, version=data.validated_data.get("version")
            )
            return self._detail(pk)
        data = s.LineInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values = self._line_values(values, wo)
        services.work_order_line_update(user=request.user, pk=line.pk, **values)
        return self._detail(pk)

    @extend_schema(
        request=s.AuthorizeSerializer, responses={200: s.WorkOrderDetailSerializer, **REFUSALS}
    )
    @action(detail=True, methods=["post"])
    def authorize(self, request, pk=None):
        services.work_order_authorize(
            user=request.user, pk=self.get_object().pk, **self._input(s.AuthorizeSerializer)
        )
        return self._detail(pk)

    @extend_schema(
        request=s.VersionSerializer, responses={200: s.WorkOrderDetailSerializer, **REFUSALS}
    )
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        services.work_order_start(
            user=request.user, pk=self.get_object().pk, **self._input(s.VersionSerializer)
        )
        return self._detail(pk)

    @extend_schema(
        request=s.ReadySerializer, responses={200: s.WorkOrderDetailSerializer, **REFUSALS}
    )
    @action(detail=True, methods=["post"])
    def ready(self, request, pk=None):
        services.work_order_ready(
            user=request.user, pk=self.get_object().pk, **self._input(s.ReadySerializer)
        )
        return self._detail(pk)

    @extend_schema(
        request=s.DeliverSerializer, responses={200: s.WorkOrderDetailSerializer, **REFUSALS}
    )
    @action(detail=True, methods=["post"])
    def deliver(self, request, pk=None):
        services.work_order_deliver(
            user=request.user, pk=self.get_object().pk, **self._input(s.DeliverSerializer)
        )
        return self._detail(pk)

    @extend_schema(
        request=s.CancelSerializer, responses={200: s.WorkOrderDetailSerializer, **REFUSALS}
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        services.work_order_cancel(
            user=request.user, pk=self.get_object().pk, **self._input(s.CancelSerializer)
        )
        return self._detail(pk)

    @extend_schema(
        request=s.ComebackReviewSerializer, responses={200: s.WorkOrderDetailSerializer, **REFUSALS}
    )
    @action(detail=True, methods=["post"], url_path="comeback-review")
    def comeback_review(self, request, pk=None):
        data = s.ComebackReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.work_order_review_comeback(
            user=request.user, pk=self.get_object().pk, **data.validated_data
        )
        return self._detail(pk)


# ---------------------------------------------------------------- invoices


class InvoiceFilter(django_filters.FilterSet):
    year = YearFilter()


@extend_schema_view(retrieve=extend_schema(responses={200: s.InvoiceSerializer}))
class InvoiceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    serializer_class = s.InvoiceSerializer
    filterset_class = InvoiceFilter

    def get_queryset(self):
        if self._fake():
            return selectors.Invoice.objects.none()
        return scope_to_user(selectors.Invoice.objects.all(), user=self.request.user)

    def get_object(self):
        return selectors.invoice_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

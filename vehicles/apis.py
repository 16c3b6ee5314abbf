"""REST endpoints: customers, vehicles (+ history), work orders (+ lines and steps),
inspections (+ items, photos, decisions), suppliers. Thin: parse, call a service or selector,
answer. Domain errors become 400/404/409 in servicedesk.errors.api_exception_handler."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from servicedesk.accounts.models import Membership
from servicedesk.accounts.selectors import get_for_user, scope_to_user, shops_for_user
from servicedesk.errors import Invalid, NotFound
from servicedesk.filters import MomentFilter, YearFilter, id_filter

from . import selectors, services, timeline
from . import serializers as s
from .models import (
    Condition,
    CustomerType,
    Decision,
    MainConcern,
    Supplier,
    WorkOrderLine,
    WorkOrderStatus,
)
from .permissions import ROLES_FOR
from .services.errors import PHOTO_REQUIRED, TECHNICIAN_OTHER_SHOP

ERRORS = {
    400: OpenApiResponse(description=_("Invalid input, with the field named")),
    404: OpenApiResponse(description=_("Missing, or another shop's")),
}
# 409 also where two requests create the same record at once (servicedesk.errors).
CONFLICT = {**ERRORS, 409: OpenApiResponse(description=_("The current state refuses this"))}
NO_SHOP = _("You are not a member of any shop.")


def _shop_for_create(request, shop_id=None):
    """The shop a new record goes to: the one named (if the user's), else the user's only one."""
    shops = shops_for_user(request.user)
    if shop_id:
        for shop in shops:
            if str(shop.pk) == str(shop_id):
                return shop
        raise NotFound()
    if not shops:
        raise Invalid(NO_SHOP)
    return shops[0]


class ScopedViewSet(viewsets.GenericViewSet):
    def _fake(self):
        return getattr(self, "swagger_fake_view", False)


# ---------------------------------------------------------------- customers


class CustomerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("name, phone or email"))
    customer_type = django_filters.ChoiceFilter(choices=CustomerType.choices)
    main_concern = django_filters.ChoiceFilter(choices=MainConcern.choices)
    reminder_consent = django_filters.BooleanFilter()

    def search(self, qs, name, value):
        return qs.filter(selectors.customer_search_q(value))


@extend_schema_view(
    list=extend_schema(responses={200: s.CustomerSerializer(many=True)}),
    retrieve=extend_schema(responses={200: s.CustomerSerializer, **ERRORS}),
    create=extend_schema(responses={201: s.CustomerSerializer, **CONFLICT}),
    partial_update=extend_schema(responses={200: s.CustomerSerializer, **ERRORS}),
)
class CustomerViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ScopedViewSet,
):
    write_roles = {
        "create": ROLES_FOR["customer"],
        "update": ROLES_FOR["customer"],
        "partial_update": ROLES_FOR["customer"],
    }
    serializer_class = s.CustomerSerializer
    filterset_class = CustomerFilter
    ordering_fields = ["name", "created_at"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if self._fake():
            return selectors.Customer.objects.none()
        return selectors.customer_list(user=self.request.user)

    def get_object(self):
        return selectors.customer_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def perform_create(self, serializer):
        shop = _shop_for_create(self.request, self.request.query_params.get("shop"))
        customer = services.customer_create(
            shop=shop, user=self.request.user, **serializer.validated_data
        )
        serializer.instance = selectors.customer_get_for_user(
            user=self.request.user, pk=customer.pk
        )

    def perform_update(self, serializer):
        services.customer_update(
            customer=serializer.instance, user=self.request.user, **serializer.validated_data
        )
        serializer.instance = selectors.customer_get_for_user(
            user=self.request.user, pk=serializer.instance.pk
        )


# ---------------------------------------------------------------- suppliers


@extend_schema_view(
    retrieve=extend_schema(responses={200: s.SupplierSerializer, **ERRORS}),
    create=extend_schema(responses={201: s.SupplierSerializer, **CONFLICT}),
)
class SupplierViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, ScopedViewSet
):
    write_roles = {"create": ROLES_FOR["supplier"]}
    serializer_class = s.SupplierSerializer
    filterset_fields = ["name"]
    queryset = Supplier.objects.none()

    def get_queryset(self):
        if self._fake():
            return Supplier.objects.none()
        return selectors.supplier_list(user=self.request.user)

    def get_object(self):
        return selectors.supplier_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def perform_create(self, serializer):
        shop = _shop_for_create(self.request, self.request.query_params.get("shop"))
        serializer.instance = services.supplier_create(
            shop=shop, user=self.request.user, **serializer.validated_data
        )


# ---------------------------------------------------------------- vehicles


class VehicleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("plate, VIN or its last 6"))
    owner = id_filter("owner")
    make = django_filters.CharFilter(lookup_expr="iexact")

    def search(self, qs, name, value):
        return qs.filter(selectors.vehicle_search_q(value))


@extend_schema_view(
    list=extend_schema(responses={200: s.VehicleSerializer(many=True)}),
    retrieve=extend_schema(responses={200: s.VehicleSerializer, **ERRORS}),
    create=extend_schema(responses={201: s.VehicleSerializer, **CONFLICT}),
)
class VehicleViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, ScopedViewSet
):
    write_roles = {
        "create": ROLES_FOR["vehicle"],
        "partial_update": ROLES_FOR["vehicle"],
        "owner": ROLES_FOR["vehicle"],
        "mileage": ROLES_FOR["mileage"],
    }
    serializer_class = s.VehicleSerializer
    filterset_class = VehicleFilter
    ordering_fields = ["plate", "created_at"]

    def get_queryset(self):
        if self._fake():
            return selectors.Vehicle.objects.none()
        return selectors.vehicle_list(user=self.request.user)

    def get_object(self):
        return selectors.vehicle_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        owner = selectors.customer_get_for_user(user=self.request.user, pk=data.pop("owner_id"))
        vehicle = services.vehicle_create(
            shop=owner.shop, owner=owner, user=self.request.user, **data
        )
        serializer.instance = selectors.vehicle_get_for_user(user=self.request.user, pk=vehicle.pk)

    @extend_schema(
        request=s.VehicleUpdateSerializer, responses={200: s.VehicleSerializer, **ERRORS}
    )
    def partial_update(self, request, pk=None):
        vehicle = self.get_object()
        data = s.VehicleUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.vehicle_update(vehicle=vehicle, user=request.user, **data.validated_data)
        return Response(s.VehicleSerializer(self.get_object()).data)

    @extend_schema(request=s.MileageSerializer, responses={200: s.VehicleSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def mileage(self, request, pk=None):
        vehicle = self.get_object()
        data = s.MileageSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.vehicle_record_mileage(
            vehicle=vehicle,
            user=request.user,
            km=data.validated_data["km"],
            reason=data.validated_data["reason"],
            source="api",
        )
        return Response(s.VehicleSerializer(self.get_object()).data)

    @extend_schema(
        request=s.OwnerChangeSerializer, responses={200: s.VehicleSerializer, **CONFLICT}
    )
    @action(detail=True, methods=["post"])
    def owner(self, request, pk=None):
        vehicle = self.get_object()
        data = s.OwnerChangeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        new_owner = selectors.customer_get_for_user(
            user=request.user, pk=data.validated_data["owner"]
        )
        services.vehicle_change_owner(vehicle=vehicle, new_owner=new_owner, user=request.user)
        return Response(s.VehicleSerializer(self.get_object()).data)

    @extend_schema(responses={200: s.HistoryEntrySerializer(many=True), **ERRORS})
    @action(detail=True, methods=["get"], filterset_class=None)
    def history(self, request, pk=None):
        vehicle = self.get_object()
        entries = [e.as_dict() for e in timeline.for_vehicle(vehicle, user=request.user)]
        page = self.paginate_queryset(entries)
        return self.get_paginated_response(s.HistoryEntrySerializer(page, many=True).data)


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
        values = dict(data.validated_data)
        values["expected_version"] = values.pop("version", None)
        return values

    @extend_schema(responses={200: s.WorkOrderDetailSerializer, **ERRORS})
    def retrieve(self, request, pk=None):
        return self._detail(pk)

    @extend_schema(
        request=s.WorkOrderOpenSerializer, responses={201: s.WorkOrderDetailSerializer, **ERRORS}
    )
    def create(self, request):
        data = s.WorkOrderOpenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        vehicle = selectors.vehicle_get_for_user(user=request.user, pk=values.pop("vehicle"))
        customer_id = values.pop("customer", None)
        customer = (
            selectors.customer_get_for_user(user=request.user, pk=customer_id)
            if customer_id
            else None
        )
        wo = services.work_order_open(
            vehicle=vehicle, customer=customer, user=request.user, **values
        )
        return self._detail(wo.pk, status.HTTP_201_CREATED)

    @extend_schema(
        request=s.WorkOrderUpdateSerializer,
        responses={200: s.WorkOrderDetailSerializer, **CONFLICT},
    )
    def partial_update(self, request, pk=None):
        wo = self.get_object()
        data = s.WorkOrderUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        services.work_order_update(
            work_order=wo, user=request.user, expected_version=values.pop("version", None), **values
        )
        return self._detail(pk)

    def _line_values(self, values: dict, wo) -> dict:
        if values.get("supplier"):
            values["supplier"] = selectors.supplier_get_for_user(
                user=self.request.user, pk=values["supplier"]
            )
        if values.get("technician"):
            member = (
                Membership.objects.filter(user_id=values["technician"], shop_id=wo.shop_id)
                .select_related("user")
                .first()
            )
            if member is None:
                raise Invalid(TECHNICIAN_OTHER_SHOP, field="technician")
            values["technician"] = member.user
        return values

    @extend_schema(
        request=s.LineInputSerializer, responses={201: s.WorkOrderDetailSerializer, **CONFLICT}
    )
    @action(detail=True, methods=["post"])
    def lines(self, request, pk=None):
        wo = self.get_object()
        values = self._line_values(self._input(s.LineInputSerializer), wo)
        services.work_order_line_add(work_order=wo, user=request.user, **values)
        return self._detail(pk, status.HTTP_201_CREATED)

    @extend_schema(
        request=s.LineInputSerializer, responses={200: s.WorkOrderDetailSerializer, **CONFLICT}
    )
    @action(detail=True, methods=["patch", "delete"], url_path=r"lines/(?P<line_id>\d+)")
    def line(self, request, pk=None, line_id=None):
        wo = self.get_object()
        line = get_for_user(
            WorkOrderLine.objects.filter(work_order=wo).select_related("work_order"),
            user=request.user,
            pk=line_id,
            shop_field="work_order__shop",
        )
        if request.method == "DELETE":
            data = s.VersionSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            services.work_order_line_remove(
                line=line, user=request.user, expected_version=data.validated_data.get("version")
            )
            return self._detail(pk)
        data = s.LineInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        version = values.pop("version", None)
        values = self._line_values(values, wo)
        services.work_order_line_update(
            line=line, user=request.user, expected_version=version, **values
        )
        return self._detail(pk)

    @extend_schema(
        request=s.AuthorizeSerializer, responses={200: s.WorkOrderDetailSerializer, **CONFLICT}
    )
    @action(detail=True, methods=["post"])
    def authorize(self, request, pk=None):
        services.work_order_authorize(
            work_order=self.get_object(), user=request.user, **self._input(s.AuthorizeSerializer)
        )
        return self._detail(pk)

    @extend_schema(
        request=s.VersionSerializer, responses={200: s.WorkOrderDetailSerializer, **CONFLICT}
    )
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        services.work_order_start(
            work_order=self.get_object(), user=request.user, **self._input(s.VersionSerializer)
        )
        return self._detail(pk)

    @extend_schema(
        request=s.ReadySerializer, responses={200: s.WorkOrderDetailSerializer, **CONFLICT}
    )
    @action(detail=True, methods=["post"])
    def ready(self, request, pk=None):
        services.work_order_ready(
            work_order=self.get_object(), user=request.user, **self._input(s.ReadySerializer)
        )
        return self._detail(pk)

    @extend_schema(
        request=s.DeliverSerializer, responses={200: s.WorkOrderDetailSerializer, **CONFLICT}
    )
    @action(detail=True, methods=["post"])
    def deliver(self, request, pk=None):
        services.work_order_deliver(
            work_order=self.get_object(), user=request.user, **self._input(s.DeliverSerializer)
        )
        return self._detail(pk)

    @extend_schema(
        request=s.CancelSerializer, responses={200: s.WorkOrderDetailSerializer, **CONFLICT}
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        services.work_order_cancel(
            work_order=self.get_object(), user=request.user, **self._input(s.CancelSerializer)
        )
        return self._detail(pk)

    @extend_schema(
        request=s.ComebackReviewSerializer, responses={200: s.WorkOrderDetailSerializer, **CONFLICT}
    )
    @action(detail=True, methods=["post"], url_path="comeback-review")
    def comeback_review(self, request, pk=None):
        data = s.ComebackReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.work_order_review_comeback(
            work_order=self.get_object(), user=request.user, **data.validated_data
        )
        return self._detail(pk)


# ---------------------------------------------------------------- invoices


class InvoiceFilter(django_filters.FilterSet):
    year = YearFilter()


@extend_schema_view(retrieve=extend_schema(responses={200: s.InvoiceSerializer, **ERRORS}))
class InvoiceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    serializer_class = s.InvoiceSerializer
    filterset_class = InvoiceFilter

    def get_queryset(self):
        if self._fake():
            return selectors.Invoice.objects.none()
        return scope_to_user(selectors.Invoice.objects.all(), user=self.request.user)

    def get_object(self):
        return selectors.invoice_get_for_user(user=self.request.user, pk=self.kwargs["pk"])


# ---------------------------------------------------------------- inspections


class InspectionFilter(django_filters.FilterSet):
    work_order = id_filter("work_order")
    vehicle = id_filter("vehicle")
    decision = django_filters.ChoiceFilter(
        field_name="items__decision", choices=Decision.choices, distinct=True
    )
    condition = django_filters.ChoiceFilter(
        field_name="items__condition", choices=Condition.choices, distinct=True
    )


@extend_schema_view(
    list=extend_schema(responses={200: s.InspectionSerializer(many=True)}),
    retrieve=extend_schema(responses={200: s.InspectionSerializer, **ERRORS}),
)
class InspectionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    write_roles = {
        "create": ROLES_FOR["inspect"],
        "items": ROLES_FOR["inspect"],
        "photos": ROLES_FOR["inspect"],
        "decision": ROLES_FOR["decide"],
    }
    serializer_class = s.InspectionSerializer
    filterset_class = InspectionFilter

    def get_queryset(self):
        if self._fake():
            return selectors.Inspection.objects.none()
        return selectors.inspection_list(user=self.request.user)

    def get_object(self):
        return selectors.inspection_get_for_user(user=self.request.user, pk=self.kwargs["pk"])

    def _detail(self, pk, code=status.HTTP_200_OK):
        return Response(s.InspectionSerializer(self.get_object()).data, status=code)

    def _item(self, inspection, item_id):
        return get_for_user(
            inspection.items.select_related("inspection__work_order"),
            user=self.request.user,
            pk=item_id,
        )

    @extend_schema(
        request=s.InspectionCreateSerializer, responses={201: s.InspectionSerializer, **CONFLICT}
    )
    def create(self, request):
        data = s.InspectionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        wo = selectors.work_order_get_for_user(
            user=request.user, pk=data.validated_data["work_order"]
        )
        inspection = services.inspection_create(
            work_order=wo, user=request.user, notes=data.validated_data["notes"]
        )
        self.kwargs["pk"] = inspection.pk
        return self._detail(inspection.pk, status.HTTP_201_CREATED)

    @extend_schema(
        request=s.InspectionItemInputSerializer, responses={201: s.InspectionSerializer, **CONFLICT}
    )
    @action(detail=True, methods=["post"])
    def items(self, request, pk=None):
        inspection = self.get_object()
        data = s.InspectionItemInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.inspection_item_add(
            inspection=inspection, user=request.user, **data.validated_data
        )
        return self._detail(pk, status.HTTP_201_CREATED)

    @extend_schema(
        request=s.DecisionSerializer, responses={200: s.InspectionSerializer, **CONFLICT}
    )
    @action(detail=True, methods=["post"], url_path=r"items/(?P<item_id>\d+)/decision")
    def decision(self, request, pk=None, item_id=None):
        item = self._item(self.get_object(), item_id)
        data = s.DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.inspection_item_decide(item=item, user=request.user, **data.validated_data)
        return self._detail(pk)

    @extend_schema(
        request={"multipart/form-data": s.PhotoUploadSerializer},
        responses={201: s.InspectionSerializer, **CONFLICT},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"items/(?P<item_id>\d+)/photos",
        parser_classes=[MultiPartParser],
    )
    def photos(self, request, pk=None, item_id=None):
        item = self._item(self.get_object(), item_id)
        upload = request.FILES.get("image")
        if upload is None:
            raise Invalid(PHOTO_REQUIRED, field="image")
        services.inspection_photo_add(item=item, user=request.user, upload=upload)
        return self._detail(pk, status.HTTP_201_CREATED)

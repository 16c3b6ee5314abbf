"""Customers and suppliers."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins

from servicedesk.schema import REFUSALS

from .. import selectors, services
from .. import serializers as s
from ..models import (
    CustomerType,
    MainConcern,
    Supplier,
)
from ..permissions import ROLES_FOR
from .base import ScopedViewSet, _shop_for_create

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
    retrieve=extend_schema(responses={200: s.CustomerSerializer}),
    create=extend_schema(responses={201: s.CustomerSerializer, **REFUSALS}),
    partial_update=extend_schema(responses={200: s.CustomerSerializer}),
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
            shop_pk=shop.pk, user=self.request.user, **serializer.validated_data
        )
        serializer.instance = selectors.customer_get_for_user(
            user=self.request.user, pk=customer.pk
        )

    def perform_update(self, serializer):
        services.customer_update(
            pk=serializer.instance.pk, user=self.request.user, **serializer.validated_data
        )
        serializer.instance = selectors.customer_get_for_user(
            user=self.request.user, pk=serializer.instance.pk
        )


# ---------------------------------------------------------------- suppliers


@extend_schema_view(
    retrieve=extend_schema(responses={200: s.SupplierSerializer}),
    create=extend_schema(responses={201: s.SupplierSerializer, **REFUSALS}),
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
            shop_pk=shop.pk, user=self.request.user, **serializer.validated_data
        )

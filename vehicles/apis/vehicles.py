"""Vehicles, their mileage, owners and history."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from servicedesk.filters import id_filter
from servicedesk.schema import REFUSALS

from .. import selectors, services, timeline
from .. import serializers as s
from ..permissions import ROLES_FOR
from .base import ScopedViewSet

# ---------------------------------------------------------------- vehicles


class VehicleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("plate, VIN or its last 6"))
    owner = id_filter("owner")
    make = django_filters.CharFilter(lookup_expr="iexact")

    def search(self, qs, name, value):
        return qs.filter(selectors.vehicle_search_q(value))


@extend_schema_view(
    list=extend_schema(responses={200: s.VehicleSerializer(many=True)}),
    retrieve=extend_schema(responses={200: s.VehicleSerializer}),
    create=extend_schema(responses={201: s.VehicleSerializer, **REFUSALS}),
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
            shop_pk=owner.shop_id, owner_pk=owner.pk, user=self.request.user, **data
        )
        serializer.instance = selectors.vehicle_get_for_user(user=self.request.user, pk=vehicle.pk)

    @extend_schema(request=s.VehicleUpdateSerializer, responses={200: s.VehicleSerializer})
    def partial_update(self, request, pk=None):
        vehicle = self.get_object()
        data = s.VehicleUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.vehicle_update(pk=vehicle.pk, user=request.user, **data.validated_data)
        return Response(s.VehicleSerializer(self.get_object()).data)

    @extend_schema(request=s.MileageSerializer, responses={200: s.VehicleSerializer})
    @action(detail=True, methods=["post"])
    def mileage(self, request, pk=None):
        vehicle = self.get_object()
        data = s.MileageSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.vehicle_record_mileage(
            pk=vehicle.pk,
            user=request.user,
            km=data.validated_data["km"],
            reason=data.validated_data["reason"],
            source="api",
        )
        return Response(s.VehicleSerializer(self.get_object()).data)

    @extend_schema(
        request=s.OwnerChangeSerializer, responses={200: s.VehicleSerializer, **REFUSALS}
    )
    @action(detail=True, methods=["post"])
    def owner(self, request, pk=None):
        vehicle = self.get_object()
        data = s.OwnerChangeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        new_owner = selectors.customer_get_for_user(
            user=request.user, pk=data.validated_data["owner"]
        )
        services.vehicle_change_owner(pk=vehicle.pk, new_owner_pk=new_owner.pk, user=request.user)
        return Response(s.VehicleSerializer(self.get_object()).data)

    @extend_schema(responses={200: s.HistoryEntrySerializer(many=True)})
    @action(detail=True, methods=["get"], filterset_class=None)
    def history(self, request, pk=None):
        # The vehicle alone: its timeline names it, and reads the rest itself.
        vehicle = selectors.vehicle_row_for_user(user=request.user, pk=pk)
        page = self.paginate_queryset(timeline.for_vehicle(vehicle, user=request.user))
        entries = [e.as_dict() for e in page]  # the page's only: its kind said in the language
        return self.get_paginated_response(s.HistoryEntrySerializer(entries, many=True).data)

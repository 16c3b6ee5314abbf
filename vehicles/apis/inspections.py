"""Courtesy inspections (+ items, photos, decisions)."""

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from servicedesk.accounts.selectors import get_for_user
from servicedesk.errors import Invalid
from servicedesk.filters import id_filter
from servicedesk.schema import NOT_FOUND, REFUSALS

from .. import selectors, services
from .. import serializers as s
from ..models import (
    Condition,
    Decision,
)
from ..permissions import ROLES_FOR
from ..services.errors import PHOTO_REQUIRED, VIDEO_REQUIRED
from .base import ScopedViewSet, _shop_for_create

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
    retrieve=extend_schema(responses={200: s.InspectionSerializer}),
)
class InspectionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    write_roles = {
        "create": ROLES_FOR["inspect"],
        "items": ROLES_FOR["inspect"],
        "photos": ROLES_FOR["inspect"],
        "videos": ROLES_FOR["inspect"],
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
        request=s.InspectionCreateSerializer, responses={201: s.InspectionSerializer, **REFUSALS}
    )
    def create(self, request):
        data = s.InspectionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        wo = selectors.work_order_get_for_user(
            user=request.user, pk=data.validated_data["work_order"]
        )
        inspection = services.inspection_create(
            user=request.user,
            work_order_pk=wo.pk,
            notes=data.validated_data["notes"],
            template_pk=data.validated_data["template"],
        )
        self.kwargs["pk"] = inspection.pk
        return self._detail(inspection.pk, status.HTTP_201_CREATED)

    @extend_schema(
        request=s.InspectionItemInputSerializer, responses={201: s.InspectionSerializer, **REFUSALS}
    )
    @action(detail=True, methods=["post"])
    def items(self, request, pk=None):
        inspection = self.get_object()
        data = s.InspectionItemInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.inspection_item_add(
            user=request.user, inspection_pk=inspection.pk, **data.validated_data
        )
        return self._detail(pk, status.HTTP_201_CREATED)

    @extend_schema(
        request=s.DecisionSerializer, responses={200: s.InspectionSerializer, **REFUSALS}
    )
    @action(detail=True, methods=["post"], url_path=r"items/(?P<item_id>\d+)/decision")
    def decision(self, request, pk=None, item_id=None):
        item = self._item(self.get_object(), item_id)
        data = s.DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.inspection_item_decide(user=request.user, pk=item.pk, **data.validated_data)
        return self._detail(pk)

    @extend_schema(
        request={"multipart/form-data": s.PhotoUploadSerializer},
        responses={201: s.InspectionSerializer, **REFUSALS},
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
        services.inspection_photo_add(user=request.user, item_pk=item.pk, upload=upload)
        return self._detail(pk, status.HTTP_201_CREATED)

    @extend_schema(
        request={"multipart/form-data": s.VideoUploadSerializer},
        responses={201: s.InspectionSerializer, **REFUSALS},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"items/(?P<item_id>\d+)/videos",
        parser_classes=[MultiPartParser],
    )
    def videos(self, request, pk=None, item_id=None):
        item = self._item(self.get_object(), item_id)
        upload = request.FILES.get("video")
        if upload is None:
            raise Invalid(VIDEO_REQUIRED, field="video")
        services.inspection_video_add(user=request.user, item_pk=item.pk, upload=upload)
        return self._detail(pk, status.HTTP_201_CREATED)


# ---------------------------------------------------------------- checklists


@extend_schema_view(
    list=extend_schema(responses={200: s.InspectionTemplateSerializer(many=True)}),
    retrieve=extend_schema(responses={200: s.InspectionTemplateSerializer}),
    create=extend_schema(
        request=s.InspectionTemplateInputSerializer,
        responses={201: s.InspectionTemplateSerializer, 404: NOT_FOUND},
    ),
    update=extend_schema(
        request=s.InspectionTemplateInputSerializer,
        responses={200: s.InspectionTemplateSerializer},
    ),
)
class InspectionTemplateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """The shops' inspection checklists; a service manager creates and replaces them."""

    write_roles = {"create": ROLES_FOR["templates"], "update": ROLES_FOR["templates"]}
    serializer_class = s.InspectionTemplateSerializer
    http_method_names = ["get", "post", "put", "head", "options"]

    def get_queryset(self):
        if self._fake():
            return selectors.InspectionTemplate.objects.none()
        return selectors.inspection_templates(user=self.request.user)

    def get_object(self):
        return selectors.inspection_template_get_for_user(
            user=self.request.user, pk=self.kwargs["pk"]
        )

    def _answer(self, template, code):
        fresh = selectors.inspection_template_get_for_user(user=self.request.user, pk=template.pk)
        return Response(s.InspectionTemplateSerializer(fresh).data, status=code)

    def create(self, request):
        data = s.InspectionTemplateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        shop = _shop_for_create(request, fields.pop("shop"))
        fields.pop("active")
        template = services.inspection_template_create(user=request.user, shop_pk=shop.pk, **fields)
        return self._answer(template, status.HTTP_201_CREATED)

    def update(self, request, pk=None):
        template = self.get_object()
        data = s.InspectionTemplateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        fields.pop("shop")
        template = services.inspection_template_update(user=request.user, pk=template.pk, **fields)
        return self._answer(template, status.HTTP_200_OK)

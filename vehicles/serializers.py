"""API shapes. Output serializers read model instances; input serializers only parse and
validate types — the services decide the rest."""

from decimal import Decimal

from django.urls import reverse
from rest_framework import serializers

from servicedesk import api_fields
from servicedesk.limits import NARRATIVE, SIGNATURE_DATA_URL

from . import services
from .models import (
    COUNTER_METHODS,
    MAX_KM,
    Condition,
    Customer,
    Decision,
    Inspection,
    InspectionItem,
    InspectionPhoto,
    InspectionTemplate,
    InspectionVideo,
    Invoice,
    LineKind,
    Supplier,
    Vehicle,
    WorkOrder,
    WorkOrderAuthorization,
    WorkOrderLine,
)
from .services.customers import CUSTOMER_FIELDS
from .services.lines import LINE_FIELDS
from .services.vehicles import VEHICLE_FIELDS


class CustomerSerializer(serializers.ModelSerializer):
    visits = serializers.IntegerField(read_only=True)
    last_visit = serializers.DateTimeField(read_only=True, allow_null=True)
    lifetime_spend = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)

    class Meta:
        model = Customer
        fields = [
            "id",
            *CUSTOMER_FIELDS,
            "created_at",
            "visits",
            "last_visit",
            "lifetime_spend",
        ]
        read_only_fields = ["id", "created_at"]
        # Uniqueness is the service's to check (with a message naming who is on file).
        validators: list = []
        extra_kwargs = {"phone": {"validators": []}, "email": {"validators": []}}


class SupplierSerializer(serializers.ModelSerializer):
    class Meta:
        model = Supplier
        fields = ["id", "name", "contact", "phone", "email"]
        validators: list = []


class VehicleSerializer(serializers.ModelSerializer):
    owner_name = serializers.CharField(source="owner.name", read_only=True)
    owner = serializers.IntegerField(source="owner_id")
    mileage = serializers.IntegerField(min_value=0, max_value=MAX_KM, required=False, default=0)

    class Meta:
        model = Vehicle
        fields = [
            "id",
            "vin",
            "vin_check_override",
            *VEHICLE_FIELDS,
            "mileage",
            "owner",
            "owner_name",
            "created_at",
        ]
        read_only_fields = ["id", "created_at"]
        validators: list = []
        extra_kwargs = {"vin": {"validators": []}}


class VehicleUpdateSerializer(serializers.Serializer):
    vin = serializers.CharField(max_length=30, required=False)
    vin_check_override = serializers.CharField(max_length=200, required=False, allow_blank=True)
    plate = serializers.CharField(max_length=20, required=False, allow_blank=True)
    make = serializers.CharField(max_length=60, required=False)
    model = serializers.CharField(max_length=60, required=False)
    year = serializers.IntegerField(min_value=1900, max_value=2100, required=False, allow_null=True)
    colour = serializers.CharField(max_length=40, required=False, allow_blank=True)


class MileageSerializer(serializers.Serializer):
    km = serializers.IntegerField(min_value=0, max_value=MAX_KM)
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class OwnerChangeSerializer(serializers.Serializer):
    owner = serializers.IntegerField()


class HistoryEntrySerializer(serializers.Serializer):
    when = serializers.DateTimeField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    title = serializers.CharField()
    detail = serializers.CharField()
    url = serializers.CharField()
    badge = serializers.CharField()

    TEXTS = ("kind", "kind_label", "title", "detail", "url", "badge")

    def to_representation(self, instance):
        """An entry (``timeline.Entry.as_dict``) as the fields above say it, read plainly: the
        same keys and values as DRF's walk field by field (tests/vehicles/test_history_api.py
        holds the two equal) at a fraction of its cost."""
        data = {"when": api_fields.datetime_text(instance["when"])}
        for name in self.TEXTS:
            value = instance[name]
            data[name] = value if value is None or type(value) is str else str(value)
        return data


class AuthorizationSerializer(serializers.ModelSerializer):
    recorded_by = serializers.CharField(source="recorded_by.username")

    class Meta:
        model = WorkOrderAuthorization
        fields = [
            "id",
            "method",
            "authorized_by_name",
            "amount",
            "signature",
            "note",
            "recorded_by",
            "authorized_at",
        ]


class LineSerializer(serializers.ModelSerializer):
    net = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    tax = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    total = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    authorized = serializers.SerializerMethodField()

    class Meta:
        model = WorkOrderLine
        fields = [
            "id",
            *LINE_FIELDS,
            "authorization",
            "authorized",
            "net",
            "tax",
            "total",
        ]

    def get_authorized(self, obj) -> bool:
        return obj.authorization_id is not None


class LineInputSerializer(serializers.Serializer):
    """Types only: signs and limits are checked by the service, which names the field."""

    kind = serializers.ChoiceField(choices=LineKind.choices)
    description = serializers.CharField(max_length=200)
    part_number = serializers.CharField(max_length=60, required=False, allow_blank=True)
    # The signs and range here are for the schema (and so a client) to know them.
    quantity = serializers.DecimalField(
        max_digits=10, decimal_places=2, required=False, min_value=Decimal("0.01")
    )
    unit_price = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    tax_rate = serializers.DecimalField(
        max_digits=5, decimal_places=2, required=False, min_value=0, max_value=100
    )
    discount = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, min_value=0
    )
    technician = serializers.IntegerField(required=False, allow_null=True)
    supplier = serializers.IntegerField(required=False, allow_null=True)
    warranty_months = serializers.IntegerField(min_value=0, max_value=600, required=False)
    warranty_km = serializers.IntegerField(min_value=0, max_value=MAX_KM, required=False)
    version = serializers.IntegerField(required=False, min_value=1)


class WorkOrderSerializer(serializers.ModelSerializer):
    allowed_actions = serializers.SerializerMethodField()
    vehicle_label = serializers.CharField(source="vehicle.__str__", read_only=True)
    customer_name = serializers.CharField(source="customer.name", read_only=True)
    comeback_of_number = serializers.CharField(
        source="comeback_of.number", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = WorkOrder
        fields = [
            "id",
            "number",
            "status",
            "vehicle",
            "vehicle_label",
            "customer",
            "customer_name",
            "advisor",
            "concern",
            "cause",
            "correction",
            "promised_at",
            "estimate",
            "mileage_in",
            "mileage_out",
            "comeback_of",
            "comeback_of_number",
            "comeback_review",
            "comeback_note",
            "opened_at",
            "authorized_at",
            "started_at",
            "ready_at",
            "delivered_at",
            "cancelled_at",
            "cancel_reason",
            "version",
            "allowed_actions",
        ]
        read_only_fields = fields

    def get_allowed_actions(self, obj) -> list[str]:
        """What the caller may do to the work order now: ``services.work_order_actions``."""
        return api_fields.allowed_actions(self, services.work_order_actions, obj)


class WorkOrderDetailSerializer(WorkOrderSerializer):
    lines = LineSerializer(many=True, read_only=True)
    authorizations = AuthorizationSerializer(many=True, read_only=True)
    invoice = serializers.SerializerMethodField()

    class Meta(WorkOrderSerializer.Meta):
        fields = [*WorkOrderSerializer.Meta.fields, "lines", "authorizations", "invoice"]
        read_only_fields = fields

    def get_invoice(self, obj) -> int | None:
        invoice = getattr(obj, "invoice", None) if hasattr(obj, "invoice") else None
        return invoice.pk if invoice else None


class WorkOrderOpenSerializer(serializers.Serializer):
    vehicle = serializers.IntegerField()
    customer = serializers.IntegerField(required=False, allow_null=True)
    concern = serializers.CharField(max_length=NARRATIVE)
    promised_at = api_fields.DateTimeField(required=False, allow_null=True)
    mileage_in = serializers.IntegerField(
        min_value=0, max_value=MAX_KM, required=False, allow_null=True
    )
    mileage_reason = serializers.CharField(max_length=200, required=False, allow_blank=True)


class WorkOrderUpdateSerializer(serializers.Serializer):
    concern = serializers.CharField(max_length=NARRATIVE, required=False)
    cause = serializers.CharField(max_length=NARRATIVE, required=False, allow_blank=True)
    correction = serializers.CharField(max_length=NARRATIVE, required=False, allow_blank=True)
    promised_at = api_fields.DateTimeField(required=False, allow_null=True)
    version = serializers.IntegerField(
        min_value=1, help_text="The version you read; a stale one answers 409."
    )


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False, min_value=1)


class AuthorizeSerializer(VersionSerializer):
    method = serializers.ChoiceField(choices=COUNTER_METHODS)
    authorized_by_name = serializers.CharField(max_length=120)
    signature = serializers.CharField(
        max_length=SIGNATURE_DATA_URL, required=False, allow_blank=True, default=""
    )
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class DeliverSerializer(VersionSerializer):
    mileage_out = serializers.IntegerField(min_value=0, max_value=MAX_KM)
    mileage_reason = serializers.CharField(max_length=200, required=False, allow_blank=True)


class CancelSerializer(VersionSerializer):
    reason = serializers.CharField(max_length=200)


class ReadySerializer(VersionSerializer):
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class ComebackReviewSerializer(serializers.Serializer):
    related = serializers.BooleanField()
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class InvoiceSerializer(serializers.ModelSerializer):
    pdf = serializers.SerializerMethodField()
    # A plain code: a second enum of the same choices would trouble the schema's names.
    language = serializers.CharField(read_only=True)

    class Meta:
        model = Invoice
        fields = [
            "id",
            "number",
            "work_order",
            "language",
            "net",
            "tax",
            "total",
            "issued_at",
            "pdf",
        ]

    def get_pdf(self, obj) -> str:
        return reverse("vehicles:invoice-pdf", args=[obj.pk])


class PhotoSerializer(serializers.ModelSerializer):
    # The access-checked address, never the file's media URL.
    url = serializers.SerializerMethodField()
    kind = "photo"

    class Meta:
        model = InspectionPhoto
        fields = ["id", "url", "content_type", "size", "uploaded_at"]

    def get_url(self, obj) -> str:
        return reverse("vehicles:inspection-file", args=[self.kind, obj.pk])


class VideoSerializer(PhotoSerializer):
    kind = "video"

    class Meta(PhotoSerializer.Meta):
        model = InspectionVideo


class InspectionItemSerializer(serializers.ModelSerializer):
    photos = PhotoSerializer(many=True, read_only=True)
    videos = VideoSerializer(many=True, read_only=True)

    class Meta:
        model = InspectionItem
        fields = [
            "id",
            "name",
            "condition",
            "notes",
            "recommended_job",
            "price",
            "decision",
            "decided_at",
            "decision_note",
            "decided_via",
            "decided_by_name",
            "line",
            "photos",
            "videos",
        ]
        read_only_fields = fields


class InspectionSerializer(serializers.ModelSerializer):
    items = InspectionItemSerializer(many=True, read_only=True)

    class Meta:
        model = Inspection
        fields = [
            "id",
            "work_order",
            "vehicle",
            "inspected_by",
            "mileage",
            "notes",
            "created_at",
            "items",
        ]
        read_only_fields = fields


class InspectionCreateSerializer(serializers.Serializer):
    work_order = serializers.IntegerField()
    template = serializers.IntegerField(required=False, allow_null=True, default=None)
    notes = serializers.CharField(
        max_length=NARRATIVE, required=False, allow_blank=True, default=""
    )


class InspectionItemInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    condition = serializers.ChoiceField(choices=Condition.choices)
    notes = serializers.CharField(
        max_length=NARRATIVE, required=False, allow_blank=True, default=""
    )
    recommended_job = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    price = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, min_value=0
    )


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[c for c in Decision.choices if c[0] != Decision.PENDING]
    )
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class PhotoUploadSerializer(serializers.Serializer):
    image = serializers.FileField()


class VideoUploadSerializer(serializers.Serializer):
    video = serializers.FileField()


class InspectionTemplateSerializer(serializers.ModelSerializer):
    items = serializers.SerializerMethodField()

    class Meta:
        model = InspectionTemplate
        fields = ["id", "shop", "name", "active", "items"]
        read_only_fields = fields

    def get_items(self, obj) -> list[str]:
        return [i.name for i in obj.items.all()]


class InspectionTemplateInputSerializer(serializers.Serializer):
    shop = serializers.IntegerField(required=False, allow_null=True, default=None)
    name = serializers.CharField(max_length=120)
    items = serializers.ListField(child=serializers.CharField(max_length=120), max_length=80)
    active = serializers.BooleanField(required=False, default=True)

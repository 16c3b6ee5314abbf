"""What the complaint API reads and answers: input serializers parse a request's body or query,
output serializers render a record (with what the caller may do with it now)."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from rest_framework import serializers

from servicedesk import api_fields
from servicedesk.accounts.selectors import shop_ids_for_user
from servicedesk.limits import NARRATIVE, NOTE, SIGNATURE_DATA_URL
from vehicles.models import (
    COUNTER_METHODS,
    AuthorizationMethod,
    Customer,
    Supplier,
    Vehicle,
    WorkOrder,
    WorkOrderLine,
)

from . import permissions as rules
from . import register, services
from .models import (
    Category,
    Complaint,
    ComplaintChannel,
    ComplaintHistory,
    CorrectiveAction,
    CustomerSettlement,
    FollowUp,
    Opinion,
    PauseReason,
    Remedy,
    RemedyKind,
    Responsibility,
    Severity,
    Source,
    State,
    SupplierDeduction,
)


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
            "corrective_skip_reason", "closed_at", "reopen_count", "paused_since",
            "pause_reason", "allowed_actions",
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
        return api_fields.allowed_actions(self, services.complaint_actions, obj)

    def to_representation(self, instance):
        """The fields above, read straight off the complaint: the same keys and values as
        DRF's walk field by field (tests/complaints/test_api_plain_rows.py holds the two equal),
        which cost ~0.2 ms a complaint, 5 ms a list's page. Only the customer's name is read
        beyond the complaint's own row (``customer_display``)."""
        c = instance
        tz = timezone.get_current_timezone()

        def moment(value):
            return api_fields.datetime_text(value, tz)

        return {
            "id": c.pk,
            "number": c.number,
            "shop": c.shop_id,
            "state": c.state,
            "version": c.version,
            "source": c.source,
            "channel": c.channel,
            "customer": c.customer_id,
            "customer_name": c.customer_name,
            "customer_display": c.who,
            "vehicle": c.vehicle_id,
            "work_order": c.work_order_id,
            "work_order_line": c.work_order_line_id,
            "technician": c.technician_id,
            "interaction": c.interaction_id,
            "escalation": c.escalation_id,
            "customer_words": c.customer_words,
            "requested_remedy": c.requested_remedy,
            "received_by": c.received_by_id,
            "received_at": moment(c.received_at),
            "severity": c.severity,
            "first_response_due": moment(c.first_response_due),
            "resolution_due": moment(c.resolution_due),
            "first_responded_at": moment(c.first_responded_at),
            "resolved_at": moment(c.resolved_at),
            "first_response_overdue": self.get_first_response_overdue(c),
            "resolution_overdue": self.get_resolution_overdue(c),
            "overdue": c.is_overdue,
            "immediate_response": c.immediate_response,
            "category": c.category,
            "responsibility": c.responsibility,
            "nature": c.nature,
            "supplier": c.supplier_id,
            "confirmed_name": c.confirmed_name,
            "confirmed_at": moment(c.confirmed_at),
            "signed": self.get_signed(c),
            "corrective_skip_reason": c.corrective_skip_reason,
            "closed_at": moment(c.closed_at),
            "reopen_count": c.reopen_count,
            "paused_since": moment(c.paused_since),
            "pause_reason": c.pause_reason,
            "allowed_actions": self.get_allowed_actions(c),
        }


def _scoped(field, model, user, shop_field="shop"):
    field.queryset = model.objects.filter(**{f"{shop_field}__in": shop_ids_for_user(user)})


class PauseSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    reason = serializers.ChoiceField(choices=PauseReason.choices)
    note = serializers.CharField(max_length=NOTE, required=False, allow_blank=True, default="")


class ResumeSerializer(serializers.Serializer):
    version = serializers.IntegerField()


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
    customer_words = serializers.CharField(
        max_length=NARRATIVE,
        help_text="The customer's words; for an internal nonconformity, what was found.",
    )
    channel = serializers.ChoiceField(
        choices=ComplaintChannel.choices,
        required=False,
        help_text="Required, except for an internal nonconformity (in_person then).",
    )
    severity = serializers.ChoiceField(choices=Severity.choices, default=Severity.NORMAL)
    source = serializers.ChoiceField(
        choices=[
            (Source.DIRECT, Source.DIRECT.label),
            (Source.COMEBACK, Source.COMEBACK.label),
            (Source.INTERNAL, Source.INTERNAL.label),
        ],
        default=Source.DIRECT,
        help_text="`internal`: a nonconformity any employee reports (seed 003 §1); no customer "
        "is needed.",
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

    def validate(self, attrs):
        if attrs.get("source") != Source.INTERNAL and not attrs.get("channel"):
            raise serializers.ValidationError({"channel": [str(services.FIELD_REQUIRED)]})
        return attrs


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
        choices=COUNTER_METHODS,
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
        return api_fields.allowed_actions(self, services.corrective_action_actions, obj)


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
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = SupplierDeduction
        fields = [
            "id", "shop", "complaint", "complaint_number", "supplier", "supplier_name",
            "work_order_line", "part", "amount", "improvement_request", "raised_by",
            "raised_at", "applied_by", "applied_at", "settlement_reference", "supplier_answer",
            "answered_at", "answer_recorded_by", "allowed_actions",
        ]  # fmt: skip
        read_only_fields = fields

    def get_allowed_actions(self, obj) -> list[str]:
        return api_fields.allowed_actions(self, rules.deduction_actions, obj)


class SupplierDeductionCreateSerializer(_ScopedLinks):
    supplier = _link(Supplier)
    work_order_line = _link(WorkOrderLine)
    part = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    improvement_request = serializers.CharField(max_length=NARRATIVE)


class SupplierAnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(
        max_length=NARRATIVE, help_text="What the supplier answered to the improvement asked."
    )


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
        return api_fields.allowed_actions(self, rules.settlement_actions, obj)


class ReportPdfQuerySerializer(serializers.Serializer):
    lang = serializers.ChoiceField(
        choices=["en", "zh-hans"],
        required=False,
        help_text="The report's language; the user's own without it. Any other value is a 400.",
    )


class RegisterQuerySerializer(serializers.Serializer):
    """``?from=&to=`` of the register (``from`` is a Python keyword: the fields are named in
    ``get_fields``)."""

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = serializers.DateField(help_text="The first day of receipt, included.")
        fields["to"] = serializers.DateField(help_text="The last day of receipt, included.")
        return fields

    def validate(self, attrs):
        if attrs["to"] < attrs["from"]:
            raise serializers.ValidationError({"to": [register.TO_BEFORE_FROM]})
        return attrs

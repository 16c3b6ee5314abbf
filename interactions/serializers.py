"""The API's serializers (DESIGN.md, REST contract v1): they parse and answer; the services
decide and validate the domain."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from servicedesk import api_fields
from servicedesk.accounts.selectors import scope_to_user
from servicedesk.limits import NARRATIVE
from vehicles.models import Customer, Vehicle, WorkOrder

from . import services
from .models import (
    CannedReply,
    CommunicationLog,
    Escalation,
    EscalationKind,
    InboundAttachment,
    InboundMessage,
    Interaction,
    Outcome,
    Stage,
)
from .stages import STAGE_FIELDS, long_wait_prompt


class ScopedPrimaryKey(serializers.PrimaryKeyRelatedField):
    """A related record of the caller's shops only: another shop's id answers like a missing one."""

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return self.queryset.none()
        return scope_to_user(self.queryset, user=request.user)


class EscalationSerializer(serializers.ModelSerializer):
    reason = serializers.CharField(source="display_reason", read_only=True)

    class Meta:
        model = Escalation
        fields = [
            "id",
            "interaction",
            "kind",
            "stage",
            "reason",
            "raised_by",
            "raised_at",
            "response_due",
            "assigned_to",
            "response",
            "responded_by",
            "responded_at",
        ]
        read_only_fields = fields


ALL_STAGE_FIELDS = [name for names in STAGE_FIELDS.values() for name in names]


class InteractionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Interaction
        fields = [
            "id",
            "shop",
            "customer",
            "walk_in_name",
            "vehicle",
            "channel",
            "advisor",
            "stage",
            "outcome",
            "version",
            "greet_at",
            "know_need_at",
            "confirm_at",
            "help_at",
            "keep_at",
            "closed_at",
            *ALL_STAGE_FIELDS,
        ]
        read_only_fields = fields


class LongWaitSerializer(serializers.Serializer):
    minutes = serializers.IntegerField()
    title = serializers.CharField()
    apology = serializers.CharField()
    remedy = serializers.CharField()
    again = serializers.CharField()


class InteractionDetailSerializer(InteractionSerializer):
    allowed_actions = serializers.SerializerMethodField()
    long_wait = serializers.SerializerMethodField(
        help_text="Seed 003 §5(1): after a long wait before the greeting, the apology and the "
        "special reception to offer (in the request's language); null otherwise."
    )

    class Meta(InteractionSerializer.Meta):
        fields = [*InteractionSerializer.Meta.fields, "allowed_actions", "long_wait"]
        read_only_fields = fields

    @extend_schema_field(LongWaitSerializer(allow_null=True))
    def get_long_wait(self, obj) -> dict | None:
        return long_wait_prompt(obj)

    def get_allowed_actions(self, obj) -> list[str]:
        """What the caller may do with the interaction now: ``services.interaction_actions``."""
        return api_fields.allowed_actions(self, services.interaction_actions, obj)


def _stage_fields_serializer(stage: str) -> type:
    class Meta:
        model = Interaction
        fields = list(STAGE_FIELDS[stage])
        extra_kwargs = {name: {"required": False} for name in fields}

    attrs = {"Meta": Meta}
    if "work_order" in STAGE_FIELDS[stage]:
        attrs["work_order"] = ScopedPrimaryKey(
            queryset=WorkOrder.objects.all(), required=False, allow_null=True
        )
    if "satisfaction" in STAGE_FIELDS[stage]:
        attrs["satisfaction"] = serializers.IntegerField(
            min_value=1, max_value=5, required=False, allow_null=True
        )
    return type(
        f"{stage.title().replace('_', '')}FieldsSerializer", (api_fields.ModelSerializer,), attrs
    )


STAGE_SERIALIZERS = {stage: _stage_fields_serializer(stage) for stage in STAGE_FIELDS}


class InteractionOpenSerializer(STAGE_SERIALIZERS[Stage.GREET]):
    customer = ScopedPrimaryKey(queryset=Customer.objects.all(), required=False, allow_null=True)
    vehicle = ScopedPrimaryKey(queryset=Vehicle.objects.all(), required=False, allow_null=True)
    walk_in_name = serializers.CharField(max_length=120, required=False, allow_blank=True)
    shop = serializers.IntegerField(
        required=False, help_text=_("Needed only for staff of several shops.")
    )

    class Meta(STAGE_SERIALIZERS[Stage.GREET].Meta):
        fields = ["shop", "customer", "vehicle", "walk_in_name", "channel", *STAGE_FIELDS["greet"]]
        extra_kwargs = {name: {"required": False} for name in STAGE_FIELDS["greet"]}


class AdvanceSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices)
    outcome = serializers.ChoiceField(choices=Outcome.choices, required=False)
    version = serializers.IntegerField(required=False, min_value=1)


class AdvanceSchemaSerializer(AdvanceSerializer):
    """The stage's own fields come alongside ``stage`` (all optional)."""

    def get_fields(self):
        fields = super().get_fields()
        for stage, serializer in STAGE_SERIALIZERS.items():
            if stage == Stage.GREET:
                continue
            for name, field in serializer().get_fields().items():
                fields.setdefault(name, field)
        return fields


class InteractionEditSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False, min_value=1)
    customer = ScopedPrimaryKey(queryset=Customer.objects.all(), required=False, allow_null=True)
    vehicle = ScopedPrimaryKey(queryset=Vehicle.objects.all(), required=False, allow_null=True)
    walk_in_name = serializers.CharField(max_length=120, required=False, allow_blank=True)


class EscalateSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=NARRATIVE, allow_blank=True, trim_whitespace=True)
    kind = serializers.ChoiceField(
        choices=EscalationKind.choices, default=EscalationKind.UNEXPECTED_DEMAND
    )


class RespondSerializer(serializers.Serializer):
    response = serializers.CharField(max_length=NARRATIVE, allow_blank=True)


class InteractionWorkOrderSerializer(serializers.Serializer):
    concern = serializers.CharField(
        max_length=NARRATIVE,
        required=False,
        help_text=_(
            "Default: the need in the customer's words, then the agreed work, from the interaction."
        ),
    )
    promised_at = api_fields.DateTimeField(
        required=False, allow_null=True, help_text=_("Default: the interaction's promised time.")
    )
    mileage_in = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    mileage_reason = serializers.CharField(max_length=200, required=False, allow_blank=True)
    estimate = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        required=False,
        allow_null=True,
        min_value=0,
        help_text=_("Default: the estimate agreed at the confirm stage."),
    )
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_("The interaction's version: a stale copy answers 409."),
    )


class CommunicationSerializer(serializers.ModelSerializer):
    customer = ScopedPrimaryKey(queryset=Customer.objects.all())
    vehicle = ScopedPrimaryKey(queryset=Vehicle.objects.all(), required=False, allow_null=True)
    work_order = ScopedPrimaryKey(queryset=WorkOrder.objects.all(), required=False, allow_null=True)
    interaction = ScopedPrimaryKey(
        queryset=Interaction.objects.all(), required=False, allow_null=True
    )
    summary = serializers.CharField(max_length=NARRATIVE, allow_blank=True)
    at = api_fields.DateTimeField(required=False)
    learned = serializers.DictField(
        required=False,
        write_only=True,
        help_text=_(
            "What was learned about the customer: customer_type, main_concern, "
            "preferred_channel, preferred_language, wants_ride, wants_loaner, waits_on_site."
        ),
    )

    class Meta:
        model = CommunicationLog
        fields = [
            "id",
            "customer",
            "vehicle",
            "work_order",
            "interaction",
            "direction",
            "channel",
            "kind",
            "summary",
            "by",
            "at",
            "learned",
        ]
        read_only_fields = ["id", "by"]


class CannedReplySerializer(serializers.ModelSerializer):
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = CannedReply
        fields = [
            "id",
            "shop",
            "title",
            "text_zh",
            "text_en",
            "active",
            "created_at",
            "updated_at",
            "allowed_actions",
        ]
        read_only_fields = fields

    def get_allowed_actions(self, obj) -> list[str]:
        return api_fields.allowed_actions(self, services.canned_reply_actions, obj)


class CannedReplyInputSerializer(serializers.Serializer):
    """A new reply, or one rewritten (``PUT``); ``PATCH`` changes only the fields sent. The
    service says what a placeholder or a missing text refuses."""

    shop = serializers.IntegerField(required=False, allow_null=True, default=None)
    title = serializers.CharField(max_length=120)
    text_zh = serializers.CharField(
        max_length=NARRATIVE, required=False, allow_blank=True, default=""
    )
    text_en = serializers.CharField(
        max_length=NARRATIVE, required=False, allow_blank=True, default=""
    )
    active = serializers.BooleanField(required=False, default=True)


class CannedReplyRenderQuerySerializer(serializers.Serializer):
    customer = serializers.IntegerField(required=False, min_value=1)
    work_order = serializers.IntegerField(required=False, min_value=1)
    complaint = serializers.IntegerField(required=False, min_value=1)


class CannedReplyRenderedSerializer(serializers.Serializer):
    reply = serializers.IntegerField(source="reply.pk")
    title = serializers.CharField(source="reply.title")
    language = serializers.ChoiceField(choices=settings.LANGUAGES)
    text = serializers.CharField()
    missing = serializers.ListField(
        child=serializers.CharField(),
        help_text=_("Placeholders left out: no value for them in this context."),
    )


class InboundAttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("Where staff of the shop open the file."))

    class Meta:
        model = InboundAttachment
        fields = ["id", "name", "content_type", "size", "refused", "url"]
        read_only_fields = fields

    def get_url(self, attachment) -> str:
        if not attachment.file:
            return ""
        return reverse("interactions:inbox-attachment", args=[attachment.pk])


class InboundMessageSerializer(serializers.ModelSerializer):
    attachments = InboundAttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = InboundMessage
        fields = [
            "id",
            "shop",
            "channel",
            "status",
            "sender",
            "sender_name",
            "recipient",
            "subject",
            "body",
            "received_at",
            "customer",
            "communication",
            "claimed_as",
            "claimed_ref",
            "filed_by",
            "filed_at",
            "attachments",
        ]
        read_only_fields = fields


class InboundFileSerializer(serializers.Serializer):
    customer = ScopedPrimaryKey(queryset=Customer.objects.all())
    vehicle = ScopedPrimaryKey(queryset=Vehicle.objects.all(), required=False, allow_null=True)

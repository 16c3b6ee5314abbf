from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .services.sending import CHANNELS


class CustomerLinkInputSerializer(serializers.Serializer):
    send = serializers.BooleanField(
        required=False, default=False, help_text=_("Send the link to the customer now.")
    )
    channel = serializers.ChoiceField(
        choices=[c for c in CHANNELS if c],
        required=False,
        allow_null=True,
        default=None,
        help_text=_(
            "Where to send it: email, sms or both; left out, the customer's usual channel."
        ),
    )


class CustomerLinkSerializer(serializers.Serializer):
    url = serializers.URLField(read_only=True, help_text=_("The customer's page; no login."))
    expires_at = serializers.DateTimeField(read_only=True)
    first_opened_at = serializers.DateTimeField(read_only=True, allow_null=True)
    last_opened_at = serializers.DateTimeField(read_only=True, allow_null=True)
    sent = serializers.ListField(
        child=serializers.ChoiceField(choices=["email", "sms"]),
        read_only=True,
        help_text=_("The channels the link was sent on by this call."),
    )

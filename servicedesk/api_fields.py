"""Serializer fields every app's API shares: dates and times under the one plausibility rule of
``servicedesk.dates``, refused as a 400 naming the field."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from rest_framework import serializers

from .dates import validate_plausible


class DateField(serializers.DateField):
    default_validators = [validate_plausible]


class DateTimeField(serializers.DateTimeField):
    def enforce_timezone(self, value):
        # Before the time zone is applied: a year-1 time cannot be moved to UTC at all
        # (OverflowError), which would answer without naming the field.
        try:
            validate_plausible(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages, code="implausible") from None
        return super().enforce_timezone(value)


class ModelSerializer(serializers.ModelSerializer):
    """A ModelSerializer whose writable dates and times follow the same rule."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateField: DateField,
        models.DateTimeField: DateTimeField,
    }

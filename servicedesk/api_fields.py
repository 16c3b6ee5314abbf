"""Serializer fields every app's API shares: dates and times under the one plausibility rule of
``servicedesk.dates``, refused as a 400 naming the field."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, empty
from rest_framework import ISO_8601, serializers
from rest_framework.settings import api_settings

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


_DATETIME = serializers.DateTimeField()


def datetime_text(value, tz=None) -> str | None:
    """A moment as DRF's DateTimeField answers it — ISO 8601 in the current time zone (``tz``:
    the current one, read once for many), UTC as Z — for an answer written without serializer
    fields; None stays None."""
    if value is None:
        return None
    if value.tzinfo is None or not settings.USE_TZ or api_settings.DATETIME_FORMAT != ISO_8601:
        return _DATETIME.to_representation(value)
    text = value.astimezone(tz or timezone.get_current_timezone()).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def allowed_actions(serializer, actions, obj) -> list[str]:
    """A record's ``allowed_actions`` in the API: ``actions(obj, user)`` (the record kind's one
    ``*_actions`` function, which the pages read too) for the caller, sorted; none without a
    request (the schema generator builds serializers without one)."""
    request = serializer.context.get("request")
    if request is None:
        return []
    return sorted(actions(obj, concrete(request.user)))


def concrete(user):
    """The user behind Django's lazy stand-in (``request.user`` of a session): the ``*_actions``
    functions read the user a few dozen times a record, and each read through the stand-in is
    a call of its own. The same object either way: what is cached on one is on the other."""
    if type(user) is SimpleLazyObject:
        if user._wrapped is empty:
            user._setup()
        return user._wrapped
    return user


class ModelSerializer(serializers.ModelSerializer):
    """A ModelSerializer whose writable dates and times follow the same rule."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateField: DateField,
        models.DateTimeField: DateTimeField,
    }


# JSON says what type a value is: the API takes it at its word, as its schema does. DRF by
# itself reads 0 as "0" where a string is due, 0/1 and "yes" as booleans, and any number or
# text that Decimal() parses ("1e3", " 5", "-0") as money, so a client's wrong type went through
# unnoticed and the schema (which says string, boolean, money as "12.50") did not tell the truth.
# Form and multipart bodies (photos) and query strings are text by nature and keep DRF's reading.


def _from_json(field) -> bool:
    data = getattr(field.root, "initial_data", None)
    return data is not None and not hasattr(data, "getlist")


def decimal_pattern(field) -> str:
    """The money a DecimalField takes as text: digits, a point and decimals, a minus only where
    negatives are allowed (the schema states it; the field enforces it on JSON input)."""
    sign = "" if field.min_value is not None and field.min_value >= 0 else "-?"
    whole = (
        f"{{1,{field.max_digits - field.decimal_places}}}"
        if field.max_digits is not None and field.decimal_places is not None
        else "+"
    )
    decimals = f"{{1,{field.decimal_places}}}" if field.decimal_places else "+"
    return rf"^{sign}\d{whole}(?:\.\d{decimals})?$"


def _strict(cls, accepts):
    if getattr(cls.run_validation, "_strict_json", False):
        return
    original = cls.run_validation

    def run_validation(self, data=serializers.empty):
        # Before DRF's own reading, which takes "" as null for a nullable number.
        given = data is not serializers.empty and data is not None
        if given and _from_json(self) and not accepts(self, data):
            self.fail("invalid")
        return original(self, data)

    run_validation._strict_json = True
    cls.run_validation = run_validation


def strict_json_types() -> None:
    """Called once at start-up (accounts' AppConfig.ready): every serializer, declared or
    generated, in every app."""
    _strict(serializers.CharField, lambda field, data: isinstance(data, str))
    _strict(serializers.BooleanField, lambda field, data: isinstance(data, bool))
    _strict(
        serializers.DecimalField,
        lambda field, data: (
            isinstance(data, str) and re.fullmatch(decimal_pattern(field), data) is not None
        ),
    )

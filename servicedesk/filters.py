"""Filters that every app's FilterSet uses for a related record.

A related record is filtered by its id, never with django-filter's ``ModelChoiceFilter`` (what
``Meta.fields = ["shop"]`` makes of a foreign key): that one lists every record of every shop
as a ``<select>`` in the browsable API and answers 400 "not a valid choice" for an id that does
not exist but 200 for another shop's, telling an outsider which ids exist. An id that is not
the caller's simply matches nothing, as a missing one does; the list is scoped already.
"""

import django_filters
from django import forms
from django.core import validators
from django_filters import utils
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError

from .dates import EARLIEST_YEAR, LATEST_YEAR, as_local_time
from .limits import LARGEST_INTEGER


class IdFilter(django_filters.Filter):
    """An integer id (the schema says ``integer``, within 64 bits); a bad one is a 400 on the
    parameter, on every database (PostgreSQL matched nothing for 2**63, SQLite overflowed)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", -LARGEST_INTEGER - 1)
        kwargs.setdefault("max_value", LARGEST_INTEGER)
        super().__init__(*args, **kwargs)


def id_filter(field: str, **kwargs) -> IdFilter:
    """Filter by the id of the related record ``field`` (``id_filter("shop")``)."""
    return IdFilter(field_name=f"{field}_id", **kwargs)


@extend_schema_field({"type": "integer", "minimum": EARLIEST_YEAR, "maximum": LATEST_YEAR})
class YearFilter(django_filters.NumberFilter):
    """A year, within the years the shop can be working in (``servicedesk.dates``); the schema
    states the same range, and a year outside it is a 400 on the parameter."""

    field_class = forms.IntegerField

    def __init__(self, **kwargs):
        super().__init__(min_value=EARLIEST_YEAR, max_value=LATEST_YEAR, **kwargs)


class MomentField(django_filters.fields.IsoDateTimeField):
    def to_python(self, value):
        return as_local_time(super().to_python(value))


class MomentFilter(django_filters.IsoDateTimeFilter):
    """An ISO 8601 moment; any offset is read as the same instant in the current time zone
    (``servicedesk.dates.as_local_time``): ``+20:00`` was a server error on PostgreSQL."""

    field_class = MomentField


BOOLEAN_VALUES = ("true", "false")


def typed_value_errors(filterset, params) -> dict:
    """The query parameters whose value the filter's type does not take, as the schema states
    it: a typed filter (a date, a number, a choice, a yes/no) given empty, a yes/no given
    anything but ``true``/``false``, or any filter given twice. django-filter on its own skips
    such a filter and answers the unfiltered list, as if the caller had not asked."""
    errors = {}
    for name, flt in filterset.filters.items():
        values = params.getlist(name)
        if not values or isinstance(flt, django_filters.MultipleChoiceFilter):
            continue
        if len(values) > 1:
            errors[name] = [validators.RegexValidator.message]  # "Enter a valid value."
            continue
        value = values[0]
        if isinstance(flt, django_filters.BooleanFilter) and value not in BOOLEAN_VALUES:
            errors[name] = [
                forms.ChoiceField.default_error_messages["invalid_choice"] % {"value": value}
            ]
        elif value == "" and not isinstance(flt, django_filters.CharFilter):
            errors[name] = [forms.Field.default_error_messages["required"]]
    return errors


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, refusing the values ``typed_value_errors`` names (400 with the
    parameters and what is wrong), so every list answers its filters as the schema says."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        errors = typed_value_errors(filterset, request.query_params)
        if errors:
            raise ValidationError(errors)
        if not filterset.is_valid() and self.raise_exception:
            raise utils.translate_validation(filterset.errors)
        return filterset.qs

"""Filters that every app's FilterSet uses for a related record.

A related record is filtered by its id, never with django-filter's ``ModelChoiceFilter`` (what
``Meta.fields = ["shop"]`` makes of a foreign key): that one lists every record of every shop
as a ``<select>`` in the browsable API and answers 400 "not a valid choice" for an id that does
not exist but 200 for another shop's, telling an outsider which ids exist. An id that is not
the caller's simply matches nothing, as a missing one does; the list is scoped already.
"""

import django_filters
from django import forms


class IdFilter(django_filters.Filter):
    """An integer id (the schema says ``integer``); a bad one is a 400 on the parameter."""

    field_class = forms.IntegerField


def id_filter(field: str, **kwargs) -> IdFilter:
    """Filter by the id of the related record ``field`` (``id_filter("shop")``)."""
    return IdFilter(field_name=f"{field}_id", **kwargs)

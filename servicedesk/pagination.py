"""Pagination whose cost does not grow with the rows a page does not show.

A deep page of ``ORDER BY … OFFSET 20000 LIMIT 25`` over a queryset with joins makes the
database join and sort every row before the offset. ``LateRowPaginator`` first reads only the
page's primary keys — an index scan, no joins — and then loads those 25 rows with their
``select_related`` joins, annotations and prefetches. Counts, page numbers and links stay as
they are (``count``/``next``/``previous`` in the API).
"""

from django import forms
from django.core.paginator import Paginator
from django.db.models import QuerySet
from rest_framework import pagination
from rest_framework.exceptions import ValidationError


class PageNumberPagination(pagination.PageNumberPagination):
    """DRF's page numbers, as the schema states them: ``page`` is a number. DRF reads an empty
    ``page=`` as the first page and ``page=last`` as the last; both are a 400 here, as any other
    value that is not a number (a number past the end stays a 404)."""

    def get_page_number(self, request, paginator):
        values = request.query_params.getlist(self.page_query_param)
        if values and (len(values) > 1 or not (values[0].isascii() and values[0].isdigit())):
            raise ValidationError(
                {self.page_query_param: [forms.IntegerField.default_error_messages["invalid"]]}
            )
        return super().get_page_number(request, paginator)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {**parameter["schema"], "minimum": 1}
        return parameters


class LateRowPaginator(Paginator):
    def page(self, number):
        if not isinstance(self.object_list, QuerySet):
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=ids)} if ids else {}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)


class LateRowPagination(PageNumberPagination):
    django_paginator_class = LateRowPaginator

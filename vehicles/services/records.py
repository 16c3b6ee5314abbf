"""Services take a record as its id (CONVENTIONS §9) and load it themselves: here, alike for
every record kind, a missing id answering NotFound (404) as ``get_for_user`` does."""

from django.db.models import QuerySet

from servicedesk.errors import NotFound


def record_locked(queryset: QuerySet, pk) -> object:
    """The record under a row lock, for the rest of the transaction."""
    return record_get(queryset.select_for_update(), pk)


def record_get(queryset: QuerySet, pk) -> object:
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError):
        raise NotFound() from None

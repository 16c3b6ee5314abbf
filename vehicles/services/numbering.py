"""Document numbers per shop and year ("WO-2026-00042"), safe when two counters save at once."""

from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from servicedesk.accounts.models import Shop

from ..models import DocumentCounter


def shop_year(shop: Shop, when=None) -> int:
    """The year in the shop's own time zone (an order opened on 31 Dec at 23:30 is that year's)."""
    when = when or timezone.now()
    return timezone.localtime(when, ZoneInfo(shop.timezone)).year


def number_allocate(*, shop: Shop, kind: str, year: int) -> tuple[int, str]:
    """The next sequence and its number. Precondition: called inside the transaction that saves
    the document, so a rollback gives the number back. The counter row is locked until then;
    a concurrent first-of-the-year insert loses on the unique constraint and re-reads (Django's
    get_or_create does that), waiting on the lock."""
    assert transaction.get_connection().in_atomic_block
    counter, _created = DocumentCounter.objects.select_for_update().get_or_create(
        shop=shop, kind=kind, year=year
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last, f"{kind}-{year}-{counter.last:05d}"

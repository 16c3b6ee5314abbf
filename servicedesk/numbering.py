"""Document numbers per shop, kind and year ("WO-2026-00042", "C2026-0007"), one way for every
app: the year is the shop's (a document logged at 00:30 on 1 January, shop time, is the new
year's), and a locked counter row per shop, kind and year gives each number once, however many
counters save at once."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from servicedesk.accounts.models import DocumentCounter, Shop

# How each kind of document writes its number; the default for the kinds not named.
FORMATS = {"C": "C{year}-{sequence:04d}"}
DEFAULT_FORMAT = "{kind}-{year}-{sequence:05d}"


@dataclass(frozen=True)
class Number:
    year: int
    sequence: int
    number: str


def shop_year(shop: Shop, when: datetime | None = None) -> int:
    """The year in the shop's own time zone (an order opened on 31 Dec at 23:30 is that year's)."""
    when = when or timezone.now()
    return timezone.localtime(when, ZoneInfo(shop.timezone)).year


def number_format(kind: str, year: int, sequence: int) -> str:
    return FORMATS.get(kind, DEFAULT_FORMAT).format(kind=kind, year=year, sequence=sequence)


def number_allocate(
    *,
    shop: Shop,
    kind: str,
    when: datetime | None = None,
    year: int | None = None,
) -> Number:
    """The next number of ``kind`` in the shop's year of ``when`` (or the ``year`` given).

    Precondition: called inside the transaction that saves the document, so a rollback gives
    the number back. The counter row is locked until then (one creation waits for the other,
    and only in its own shop, kind and year); a concurrent first-of-the-year insert loses on the
    unique constraint and re-reads (Django's get_or_create does that), waiting on the lock."""
    assert transaction.get_connection().in_atomic_block
    if year is None:
        year = shop_year(shop, when)
    counter, _created = DocumentCounter.objects.select_for_update().get_or_create(
        shop=shop, kind=kind, year=year
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return Number(year, counter.last, number_format(kind, year, counter.last))

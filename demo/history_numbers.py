"""Document numbers for back-dated demo records, taken from the shop's counters as
``number_allocate`` would have given them on the day."""

from collections import Counter

from servicedesk.accounts.models import DocumentCounter
from servicedesk.numbering import number_format, shop_year


def numbers_take(shop, moments, kind="WO"):
    """Document numbers from the shop's counter, as number_allocate gives them, in order."""
    per_year = Counter(shop_year(shop, m) for m in moments)
    first = {}
    for year, n in per_year.items():
        counter, _ = DocumentCounter.objects.select_for_update().get_or_create(
            shop=shop, kind=kind, year=year
        )
        first[year] = counter.last
        counter.last += n
        counter.save(update_fields=["last"])
    out = []
    for m in moments:
        year = shop_year(shop, m)
        first[year] += 1
        out.append((year, first[year], number_format(kind, year, first[year])))
    return out

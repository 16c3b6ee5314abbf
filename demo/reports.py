"""Demo: the annual statistics of the demo shop for this year and last, computed from whatever
the other demo seeders created (surveys included, once they exist). Recomputed on each run, so
the snapshots follow the data."""

from reports.figures import compute_annual
from reports.services import annual_snapshot_save, current_year
from servicedesk.accounts.models import Shop


def seed(ctx) -> None:
    for shop in (ctx.shop, ctx.east):
        _snapshots(shop)


def _snapshots(shop: Shop) -> None:
    year = current_year(shop)
    for y in (year - 1, year):
        annual_snapshot_save(shop_id=shop.pk, year=y, figures=compute_annual(shop.pk, y))

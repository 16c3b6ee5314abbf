"""The annual page offers the years that have data (and the current one), not ten empty ones;
a snapshot says when it was taken, and the running year's says why the live dashboard may
show more."""

import re

import pytest

from reports import services
from reports.models import ReportJob
from tests.complaints.factories import ComplaintFactory
from tests.vehicles.factories import CustomerFactory, WorkOrderFactory

from .dataset import YEAR

pytestmark = pytest.mark.django_db


def _offered(page: str) -> list[int]:
    picker = page.split('id="pick-year"', 1)[1].split("</select>", 1)[0]
    return [int(y) for y in re.findall(r'<option value="(\d+)"', picker)]


def _compute(shop, year):
    job = ReportJob.objects.create(shop=shop, year=year)
    services.report_job_run(job_id=job.pk)


def test_a_shop_without_records_is_offered_only_this_year(browser_as, manager, shop):
    now = services.current_year(shop)
    page = browser_as(manager).get(f"/reports/annual-satisfaction/{now}/").content.decode()
    assert _offered(page) == [now]


def test_the_years_offered_run_from_the_first_year_with_records(
    browser_as, manager, shop, year_of_records
):
    now = services.current_year(shop)
    page = browser_as(manager).get(f"/reports/annual-satisfaction/{YEAR}/").content.decode()
    # The data set has records of the year before too (for the comparison), none earlier.
    assert _offered(page) == list(range(now, YEAR - 2, -1))


def test_a_computed_year_is_offered_even_without_records_left(browser_as, manager, shop):
    _compute(shop, 2019)
    now = services.current_year(shop)
    page = browser_as(manager).get(f"/reports/annual-satisfaction/{now}/").content.decode()
    assert _offered(page) == [now, 2019]


def test_the_dashboard_offers_last_years_report_only_with_data(browser_as, manager, shop):
    last = services.current_year(shop) - 1
    link = f'href="/reports/annual-satisfaction/{last}/?shop={shop.pk}"'
    assert link not in browser_as(manager).get("/reports/").content.decode()


def test_the_dashboard_offers_last_years_report_when_it_has_data(
    browser_as, manager, advisor, shop, time_machine
):
    last = services.current_year(shop) - 1
    time_machine.move_to(f"{last}-06-01T10:00:00+08:00", tick=False)
    WorkOrderFactory(shop=shop, advisor=advisor)
    time_machine.move_to(f"{last + 1}-06-01T10:00:00+08:00", tick=False)
    link = f'href="/reports/annual-satisfaction/{last}/?shop={shop.pk}"'
    assert link in browser_as(manager).get("/reports/").content.decode()


def test_the_running_years_snapshot_says_when_it_was_taken_and_offers_the_refresh(
    browser_as, manager, advisor, shop, time_machine
):
    now = services.current_year(shop)
    time_machine.move_to(f"{now}-03-04T10:30:00+08:00", tick=False)
    WorkOrderFactory(shop=shop, advisor=advisor)
    _compute(shop, now)
    time_machine.move_to(f"{now}-03-05T09:00:00+08:00", tick=False)
    client = browser_as(manager)
    page = client.get(f"/reports/annual-satisfaction/{now}/").content.decode()
    assert "As of 2026-03-04 10:30." in page.replace(str(now), "2026")
    note = page.split('id="snapshot-note"', 1)[1].split("</div>", 1)[0]
    assert "may be higher" in note and "Refresh the statistics" in note
    assert f'action="/reports/annual-satisfaction/{now}/refresh/' in page
    dashboard = client.get("/reports/").content.decode()
    assert f"snapshot as of {now}-03-04 10:30" in dashboard
    assert f"live, as of {now}-03-05 09:00" in dashboard


def test_a_past_years_snapshot_has_no_running_year_note(browser_as, manager, shop, year_of_records):
    _compute(shop, YEAR)
    page = browser_as(manager).get(f"/reports/annual-satisfaction/{YEAR}/").content.decode()
    assert 'id="as-of"' in page and 'id="snapshot-note"' not in page


def test_at_the_same_moment_the_snapshot_and_the_live_page_agree(shop, advisor):
    """The 21 vs 23 seen was time, not arithmetic: with the records that exist at a moment,
    the running year's snapshot and the live page count the same (both through
    _period_figures); the page now says as of when."""
    from django.utils import timezone

    from reports.figures import compute_annual, compute_period, headline, year_bounds

    for _ in range(3):
        WorkOrderFactory(shop=shop, advisor=advisor)
        ComplaintFactory(shop=shop, user=advisor, customer=CustomerFactory(shop=shop))
    now = timezone.now()
    year = services.current_year(shop)
    start, _end = year_bounds(shop, year)
    live = compute_period(shop, start, now, now=now)["current"]
    snapshot = headline(compute_annual(shop.pk, year, now=now))
    assert live == snapshot and snapshot["complaints"] == 3

"""The report pages: who sees them, the refresh with its progress bar, print and PDF, both
languages, the dashboard and the home page's panel."""

import pytest

from reports import services
from reports.models import JobStatus, ReportJob
from tests.factories import staff

from .dataset import YEAR

pytestmark = pytest.mark.django_db

ROLES = ["advisor", "technician", "supervisor", "manager", "quality", "cashier", "reporting"]
READERS = {"manager", "quality", "reporting"}
PAGE = f"/reports/annual-satisfaction/{YEAR}/"


@pytest.fixture
def computed(shop, year_of_records):
    job = ReportJob.objects.create(shop=shop, year=YEAR)
    services.report_job_run(job_id=job.pk)
    return job


@pytest.mark.parametrize("role", ROLES)
def test_report_pages_are_for_readers(browser_as, shop, computed, role):
    client = browser_as(staff(f"{role}-p", shop, role))
    expected = 200 if role in READERS else 403
    assert client.get("/reports/").status_code == expected
    assert client.get(PAGE).status_code == expected
    assert client.get(f"{PAGE}report.pdf").status_code == expected
    assert client.get(f"/reports/jobs/{computed.pk}/progress/").status_code == expected
    pick = client.get("/reports/annual-satisfaction/", {"year": YEAR})
    assert pick.status_code == (302 if role in READERS else 403)
    panel = client.get("/reports/panel/")
    assert (b"This year so far" in panel.content) is (role in READERS)
    refresh = client.post(f"{PAGE}refresh/")
    assert refresh.status_code == (302 if role == "manager" else 403)


@pytest.mark.parametrize("role", ROLES)
def test_the_navigation_shows_reports_to_readers(browser_as, shop, role):
    page = browser_as(staff(f"{role}-n", shop, role)).get("/").content.decode()
    assert ('href="/reports/"' in page) is (role in READERS)
    assert ('hx-get="/reports/panel/"' in page) is (role in READERS)


def test_another_shops_manager_sees_nothing(browser_as, other_shop, shop, computed):
    client = browser_as(staff("south-manager", other_shop, "manager"))
    assert client.get(PAGE, {"shop": shop.pk}).status_code == 404
    assert client.get(f"{PAGE}report.pdf", {"shop": shop.pk}).status_code == 404
    assert client.post(f"{PAGE}refresh/?shop={shop.pk}").status_code == 404
    assert client.get(f"/reports/jobs/{computed.pk}/progress/").status_code == 404
    page = client.get("/reports/").content.decode()
    assert "North" not in page


def test_the_page_shows_figures_charts_and_the_year_picker(browser_as, manager, computed):
    page = browser_as(manager).get(PAGE).content.decode()
    assert 'id="chart-trend"' in page
    assert 'id="chart-categories"' in page
    assert 'id="chart-close"' in page
    assert "vendor/chartjs/chart.umd.min.js" in page
    assert 'id="chart-data"' in page
    assert "Li Wei" in page and "Wu Gang" in page  # the per-advisor table
    assert 'name="year"' in page
    assert f'<option value="{YEAR}" selected>' in page
    assert "Refresh the statistics" in page
    assert "data-print" in page  # a print button, wired by static/js/servicedesk.js
    assert "@media print" in page


def test_quality_reads_but_does_not_get_the_refresh_button(browser_as, shop, computed):
    page = browser_as(staff("q2", shop, "quality")).get(PAGE).content.decode()
    assert "Refresh the statistics" not in page
    assert "Li Wei" in page


def test_a_year_not_computed_says_so(browser_as, manager):
    page = browser_as(manager).get("/reports/annual-satisfaction/2020/").content.decode()
    assert "have not been computed yet" in page


def test_the_year_picker_goes_to_the_year(browser_as, manager, shop):
    response = browser_as(manager).get("/reports/annual-satisfaction/", {"year": 2024})
    assert response.status_code == 302
    assert response["Location"] == f"/reports/annual-satisfaction/2024/?shop={shop.pk}"


def test_refresh_shows_a_progress_bar_that_polls_until_done(
    browser_as, manager, shop, year_of_records, django_capture_on_commit_callbacks
):
    client = browser_as(manager)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(f"{PAGE}refresh/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    fragment = response.content.decode()
    job = ReportJob.objects.get()
    assert 'role="progressbar"' in fragment
    assert f'hx-get="/reports/jobs/{job.pk}/progress/?reload=1"' in fragment
    assert 'hx-trigger="every 1s"' in fragment

    # While it runs, the page itself shows the bar and polls.
    ReportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, progress=50)
    page = client.get(PAGE).content.decode()
    assert 'aria-valuenow="50"' in page
    assert 'hx-trigger="every 1s"' in page

    ReportJob.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED, progress=0)
    callbacks[0]()
    done = client.get(f"/reports/jobs/{job.pk}/progress/?reload=1", HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"
    assert "every 1s" not in done.content.decode()
    assert "Li Wei" in client.get(PAGE).content.decode()


def test_the_pdf_renders(browser_as, manager, computed):
    response = browser_as(manager).get(f"{PAGE}report.pdf", {"lang": "zh-hans"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_page_speaks_chinese(browser_as, manager, computed, settings):
    client = browser_as(manager)
    page = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "年度满意度统计" in page


def test_the_dashboard_shows_this_year_so_far(browser_as, manager, shop):
    page = browser_as(manager).get("/reports/").content.decode()
    assert "North" in page
    assert "NPS" in page
    panel = browser_as(manager).get("/reports/panel/").content.decode()
    assert "North" in panel


def test_the_home_panel_is_empty_for_other_roles(browser_as, advisor):
    assert browser_as(advisor).get("/reports/panel/").content == b""

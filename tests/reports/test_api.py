"""The annual-satisfaction endpoints: JSON, CSV, refresh → 202 and the job, for every role and
for another shop's user."""

import csv
import io

import pytest

from reports import services
from reports.models import AnnualSnapshot, ReportJob
from servicedesk.accounts.services import api_token_create
from tests.factories import staff

from .dataset import YEAR

pytestmark = pytest.mark.django_db

URL = f"/api/v1/reports/annual-satisfaction/{YEAR}/"
REFRESH = f"{URL}refresh/"
ROLES = ["advisor", "technician", "supervisor", "manager", "quality", "cashier", "reporting"]
READERS = {"manager", "quality", "reporting"}


@pytest.fixture
def snapshot(shop):
    return services.annual_snapshot_save(
        shop_id=shop.pk,
        year=YEAR,
        figures={"year": YEAR, "surveys": {"sent": 5, "nps": 25.0}, "monthly": [], "advisors": []},
    )


@pytest.fixture
def someone(shop):
    return lambda role: staff(f"{role}-x", shop, role)


def test_the_snapshot_is_answered_without_reading_its_shop_again(api_as, someone, snapshot, shop):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = api_as(someone("manager")).get(URL)
    assert response.status_code == 200
    assert (response.json()["shop_code"], response.json()["shop_name"]) == (shop.code, shop.name)
    reads = [q["sql"] for q in queries.captured_queries if "reports_annualsnapshot" in q["sql"]]
    assert len(reads) == 1
    assert not [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('SELECT "accounts_shop"."id"')
    ]


@pytest.mark.parametrize("role", ROLES)
def test_only_readers_get_the_snapshot(api_as, someone, snapshot, role):
    response = api_as(someone(role)).get(URL)
    if role in READERS:
        assert response.status_code == 200
        assert response.json()["figures"]["surveys"]["nps"] == 25.0
        assert response.json()["year"] == YEAR
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_only_managers_refresh(api_as, someone, role, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(someone(role)).post(REFRESH)
    if role == "manager":
        assert response.status_code == 202
    else:
        assert response.status_code == 403
        assert not ReportJob.objects.exists()


def test_the_reporting_client_reads_json_and_csv_with_its_token(api, reporting, snapshot):
    _token, key = api_token_create(user=reporting)
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get(URL).status_code == 200
    response = api.get(URL, {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Figure", "Name", "Value"]
    values = {r[0]: r[2] for r in rows[1:]}
    assert values["surveys.sent"] == "5"
    assert values["surveys.nps"] == "25.0"
    assert all(len(r) == 3 for r in rows)


def test_without_credentials_it_answers_401(api, snapshot):
    assert api.get(URL).status_code == 401
    assert api.post(REFRESH).status_code == 401


def test_it_hides_other_shops_statistics(api_as, outsider, other_shop, shop, snapshot):
    other_manager = staff("south-manager", other_shop, "manager")
    assert api_as(other_manager).get(URL, {"shop": shop.pk}).status_code == 404
    assert api_as(other_manager).post(f"{REFRESH}?shop={shop.pk}").status_code == 404
    # Their own shop has no snapshot: 404 too, with the code that says so.
    response = api_as(other_manager).get(URL)
    assert response.status_code == 404
    assert response.json()["code"] == "not_computed"


def test_a_user_of_several_shops_names_one(api_as, manager, shop, other_shop, snapshot):
    from servicedesk.accounts.models import Membership

    Membership.objects.create(user=manager, shop=other_shop, role="manager")
    assert api_as(manager).get(URL).status_code == 400
    assert api_as(manager).get(URL, {"shop": shop.pk}).status_code == 200
    assert api_as(manager).get(URL, {"shop": "x"}).status_code == 400


def test_a_future_year_is_refused(api_as, manager):
    response = api_as(manager).get("/api/v1/reports/annual-satisfaction/2999/")
    assert response.status_code == 400
    assert "year" in response.json()


def test_refresh_answers_202_with_the_job_and_the_job_shows_progress(
    api_as, manager, shop, year_of_records, django_capture_on_commit_callbacks
):
    client = api_as(manager)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(REFRESH)
    assert response.status_code == 202
    job = response.json()
    assert job["status"] == "queued"
    assert job["progress"] == 0
    assert response["Location"] == job["status_url"] == f"/api/v1/reports/jobs/{job['id']}/"
    assert len(callbacks) == 1  # enqueued once the transaction commits, not before
    assert client.get(job["status_url"]).json()["status"] == "queued"

    callbacks[0]()  # the worker runs the task (eagerly in tests)
    done = client.get(job["status_url"]).json()
    assert done["status"] == "done"
    assert done["progress"] == 100
    assert done["finished_at"]
    figures = client.get(done["report_url"]).json()["figures"]
    assert figures["surveys"]["nps"] == 25.0


def test_a_second_refresh_while_one_is_queued_returns_the_same_job(
    api_as, manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        first = api_as(manager).post(REFRESH).json()
        second = api_as(manager).post(REFRESH).json()
    assert first["id"] == second["id"]
    assert ReportJob.objects.count() == 1


@pytest.mark.parametrize("role", ROLES)
def test_the_job_is_readable_by_readers_only(api_as, someone, shop, role):
    job = ReportJob.objects.create(shop=shop, year=YEAR)
    response = api_as(someone(role)).get(f"/api/v1/reports/jobs/{job.pk}/")
    assert response.status_code == (200 if role in READERS else 403)


def test_another_shops_job_is_not_found(api_as, other_shop, shop):
    job = ReportJob.objects.create(shop=shop, year=YEAR)
    south = staff("south-manager", other_shop, "manager")
    assert api_as(south).get(f"/api/v1/reports/jobs/{job.pk}/").status_code == 404


def test_the_schema_declares_the_endpoints_and_their_errors(api):
    schema = api.get("/api/schema/", {"format": "json"}).json()
    get = schema["paths"]["/api/v1/reports/annual-satisfaction/{year}/"]["get"]
    assert {"200", "400", "403", "404"} <= set(get["responses"])
    assert "text/csv" in get["responses"]["200"]["content"]
    post = schema["paths"]["/api/v1/reports/annual-satisfaction/{year}/refresh/"]["post"]
    assert {"202", "403", "404"} <= set(post["responses"])
    assert "/api/v1/reports/jobs/{id}/" in schema["paths"]


def test_snapshots_are_one_per_shop_and_year(shop):
    services.annual_snapshot_save(shop_id=shop.pk, year=YEAR, figures={"a": 1})
    services.annual_snapshot_save(shop_id=shop.pk, year=YEAR, figures={"a": 2})
    assert AnnualSnapshot.objects.get().figures == {"a": 2}


def test_the_csv_quotes_text_a_spreadsheet_would_run(api_as, manager, shop):
    services.annual_snapshot_save(
        shop_id=shop.pk,
        year=YEAR,
        figures={
            "change": {"nps": -20.0},
            "shop": {"name": "=HYPERLINK(1)"},
            "root_causes": [{"cause": "=1+1", "count": 2}],
            "monthly": [],
            "advisors": [],
        },
    )
    text = api_as(manager).get(URL, {"format": "csv"}).content.decode("utf-8-sig")
    rows = {r[0]: r for r in csv.reader(io.StringIO(text))}
    assert rows["change.nps"][2] == "-20.0"  # numbers stay numbers
    assert rows["shop.name"][2] == "'=HYPERLINK(1)"
    assert not rows["root_causes.1"][1].startswith("=")

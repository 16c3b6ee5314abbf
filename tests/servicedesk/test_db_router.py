"""The read replica (servicedesk/db_router.py): the reports' figures read it inside
``reading_from_replica()``; every write, every other read, and every read that must see the
primary's latest (in a transaction, of a table this request wrote) stay on the primary.

The test settings have a ``replica`` alias mirrored to the test database (Django's way to test
replicas: another connection to the same database) but no router; these tests install it."""

from datetime import date, timedelta

import pytest
from django.db import connections, router, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from complaints.models import Complaint
from reports import selectors
from reports.models import ReportJob
from reports.services import report_job_run
from servicedesk.accounts.models import Shop, ShopGroup
from servicedesk.celery import app as celery_app
from servicedesk.db_router import ReplicaRouter, forget_writes, reading_from_replica
from vehicles.models import WorkOrder

ROUTER = "servicedesk.db_router.ReplicaRouter"


@pytest.fixture
def replica_router():
    """The router installed, as production has it when DATABASE_REPLICA_URL is set, with nothing
    noted as written by an earlier test."""
    forget_writes()
    with override_settings(DATABASE_ROUTERS=[ROUTER]):
        yield
    forget_writes()


def test_without_a_router_everything_is_the_primary():
    with reading_from_replica():
        assert Complaint.objects.all().db == "default"
        assert router.db_for_read(Complaint) == "default"
        assert router.db_for_write(Complaint) == "default"


def test_without_a_replica_alias_the_router_reads_the_primary(replica_router):
    saved = connections.settings.pop("replica")  # DATABASES without it
    try:
        with reading_from_replica():
            assert router.db_for_read(Complaint) == "default"
    finally:
        connections.settings["replica"] = saved


def test_reports_reads_in_the_context_go_to_the_replica(replica_router):
    with reading_from_replica():
        assert Complaint.objects.all().db == "replica"
        assert WorkOrder.objects.all().db == "replica"
    assert Complaint.objects.all().db == "default"


def test_reads_outside_the_context_stay_on_the_primary(replica_router):
    assert Complaint.objects.all().db == "default"
    assert router.db_for_read(Shop) == "default"


def test_writes_go_to_the_primary_even_in_the_context(replica_router):
    with reading_from_replica():
        assert WorkOrder.objects.select_for_update().db == "default"  # a locking read
        assert router.db_for_write(Complaint) == "default"


def test_a_table_written_is_read_from_the_primary_for_the_rest_of_the_request(replica_router):
    with reading_from_replica():
        router.db_for_write(Complaint)  # what Django asks before any save, update or delete
        assert Complaint.objects.all().db == "default"
        assert WorkOrder.objects.all().db == "replica"  # a table not written: the replica
    with reading_from_replica():
        assert Complaint.objects.all().db == "default"  # written earlier in the same request


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_the_next_request_starts_with_nothing_written(replica_router, client):
    router.db_for_write(Complaint)
    client.get("/healthz")  # a request starts: request_started
    with reading_from_replica():
        assert Complaint.objects.all().db == "replica"


def test_a_task_run_in_a_request_leaves_it_its_writes(replica_router, settings):
    """A Celery task starts with nothing written; a task run eagerly inside a request (the tests
    do) leaves the request what the request had written."""
    seen = {}

    @celery_app.task(name="tests.db_router.read")
    def read():
        with reading_from_replica():
            seen["in_task"] = Complaint.objects.all().db

    router.db_for_write(Complaint)
    read.apply()
    assert seen["in_task"] == "replica"
    with reading_from_replica():
        assert Complaint.objects.all().db == "default"


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_reads_inside_a_transaction_stay_on_the_primary(replica_router):
    with reading_from_replica():
        assert Complaint.objects.all().db == "replica"
        with transaction.atomic():
            assert Complaint.objects.all().db == "default"
        assert Complaint.objects.all().db == "replica"


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_a_saved_record_is_read_back_from_the_primary(replica_router):
    with reading_from_replica():
        shop = Shop.objects.create(name="East", code="east")
        assert Shop.objects.filter(pk=shop.pk).db == "default"
        assert Shop.objects.filter(pk=shop.pk).exists()


def test_migrations_run_on_the_primary_only():
    routing = ReplicaRouter()
    assert routing.allow_migrate("default", "complaints")
    assert not routing.allow_migrate("replica", "complaints")
    assert routing.allow_relation(Complaint(), WorkOrder())


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_the_quality_figures_are_read_from_the_replica(replica_router):
    shop = Shop.objects.create(name="West", code="west")
    forget_writes()  # a new request, which reads only
    today = date(2026, 3, 1)
    with (
        CaptureQueriesContext(connections["replica"]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        report = selectors.quality_report(shop, today - timedelta(days=30), today, refresh=True)
    assert report["figures"]["complaints"]["count"] == 0
    assert any("complaints_complaint" in q["sql"] for q in on_replica.captured_queries)
    assert not any("complaints_complaint" in q["sql"] for q in on_primary.captured_queries)


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_the_annual_job_reads_its_figures_from_the_replica_and_writes_the_primary(
    replica_router,
):
    """The job writes its own progress while it computes: that keeps its job row on the
    primary, not the figures, which it never wrote."""
    shop = Shop.objects.create(name="West", code="west", timezone="Asia/Shanghai")
    job = ReportJob.objects.create(shop=shop, year=timezone.now().year - 1)
    forget_writes()  # the worker's task starts
    with (
        CaptureQueriesContext(connections["replica"]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        report_job_run(job_id=job.pk)
    assert ReportJob.objects.get(pk=job.pk).status == "done"
    assert any("vehicles_workorder" in q["sql"] for q in on_replica.captured_queries)
    assert not any("vehicles_workorder" in q["sql"] for q in on_primary.captured_queries)
    assert not any("reports_reportjob" in q["sql"] for q in on_replica.captured_queries)


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_the_group_comparison_and_the_year_so_far_are_read_from_the_replica(replica_router):
    shops = [Shop.objects.create(name=n, code=n.lower()) for n in ("East", "West")]
    group = ShopGroup.objects.create(name="Group")
    group.shops.set(shops)
    forget_writes()  # a new request, which reads only
    now = timezone.now()
    with (
        CaptureQueriesContext(connections["replica"]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        selectors.group_comparison(group=group, start=date(2026, 1, 1), end=date(2026, 3, 1))
        selectors.period_headline(shops[0], now - timedelta(days=60), now, now=now)
    for table in ("complaints_complaint", "vehicles_workorder", "interactions_interaction"):
        assert any(table in q["sql"] for q in on_replica.captured_queries), table
        assert not any(table in q["sql"] for q in on_primary.captured_queries), table

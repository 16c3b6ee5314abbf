"""compute_quality on the hand-built half-year of quality_dataset.py: every number worked out by
hand, and a query count that does not grow with the records."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints.models import SupplierDeduction
from complaints.services import supplier_deduction_answer
from reports.figures import quality
from reports.figures.quality import NONE, OTHER, complaints_in, compute_quality, key_filter
from reports.quality import period_bounds

from . import quality_dataset
from .dataset import _complaint, at
from .quality_dataset import END, NOW, START

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(shop, other_shop):
    shop.timezone = "Asia/Shanghai"
    shop.save(update_fields=["timezone"])
    return quality_dataset.build(shop, other_shop)


@pytest.fixture
def figures(shop, people):
    start, end = period_bounds(shop, START, END)
    return compute_quality(shop, start, end, now=NOW)


def _rows(rows):
    return [(r["key"], r["count"], r["amount"], r["cumulative_share"]) for r in rows]


def test_the_period_runs_in_the_shops_time_zone(shop, people):
    start, end = period_bounds(shop, START, END)
    assert start == at(2025, 1, 1, 0) and end == at(2025, 7, 1, 0)


def test_the_complaints_and_their_money(figures):
    assert figures["complaints"] == {"count": 4, "amount": "450.00"}
    assert figures["reopen"] == {"complaints": 4, "reopened": 2, "rate": 50.0}


def test_the_category_pareto_by_count_and_by_money(figures):
    category = figures["pareto"]["category"]
    assert _rows(category["by_count"]) == [
        ("workmanship", 2, "150.00", 50.0),
        ("product_quality", 1, "300.00", 75.0),
        (NONE, 1, "0.00", 100.0),
    ]
    assert _rows(category["by_amount"]) == [
        ("product_quality", 1, "300.00", 66.7),
        ("workmanship", 2, "150.00", 100.0),
    ]


def test_each_dimension_keys_a_complaint_once(figures, people):
    pareto = figures["pareto"]
    assert _rows(pareto["root_cause"]["by_count"]) == [
        ("Torque not checked", 2, "150.00", 50.0),
        (NONE, 2, "300.00", 100.0),
    ]
    assert _rows(pareto["responsibility"]["by_count"]) == [
        ("shop", 1, "150.00", 25.0),
        ("staff", 1, "0.00", 50.0),
        ("supplier", 1, "300.00", 75.0),
        (NONE, 1, "0.00", 100.0),
    ]
    assert _rows(pareto["supplier"]["by_count"]) == [
        (NONE, 3, "150.00", 75.0),
        (str(people.s1.pk), 1, "300.00", 100.0),
    ]
    assert pareto["supplier"]["by_count"][1]["label"] == "Brake World"
    # The line's description, else the first deduction's part.
    assert _rows(pareto["part"]["by_count"]) == [
        ("Brake service", 1, "150.00", 25.0),
        ("Filter", 1, "0.00", 50.0),
        ("Pads", 1, "300.00", 75.0),
        (NONE, 1, "0.00", 100.0),
    ]
    technicians = pareto["technician"]["by_count"]
    assert _rows(technicians) == [
        (str(people.tom.pk), 2, "450.00", 50.0),
        (str(people.ann.pk), 1, "0.00", 75.0),
        (NONE, 1, "0.00", 100.0),
    ]
    assert [r["label"] for r in technicians[:2]] == ["Tom Tech", "Ann Fix"]
    # The work order's advisor, else who received the complaint.
    assert _rows(pareto["advisor"]["by_count"]) == [
        (str(people.wu.pk), 2, "300.00", 50.0),
        (str(people.li.pk), 1, "150.00", 75.0),
        (NONE, 1, "0.00", 100.0),
    ]


def test_comebacks_per_technician_and_job_kind(figures, people):
    comebacks = figures["comebacks"]
    assert (comebacks["delivered"], comebacks["comebacks"], comebacks["rate"]) == (3, 2, 66.7)
    assert sorted((r["label"], r["count"]) for r in comebacks["by_technician"]) == [
        ("Ann Fix", 1),
        ("Tom Tech", 1),
    ]
    assert comebacks["by_job_kind"] == [
        {"key": "brake service", "label": "brake service", "count": 2}
    ]


def test_corrective_actions_due_in_the_period(figures):
    assert figures["corrective_actions"] == {
        "due": 3,
        "done_on_time": 1,
        "done_late": 1,
        "open_overdue": 1,
        "on_time_share": 33.3,
        "verified_effective": 1,
        "verified_not_effective": 1,
        "effective_share": 50.0,
    }


def test_the_supplier_scorecard(figures, people):
    assert figures["suppliers"] == [
        {
            "key": str(people.s1.pk),
            "label": "Brake World",
            "complaints": 1,
            "deductions": 1,
            "deductions_amount": "80.00",
            "applied": 1,
            "applied_amount": "80.00",
            "improvement_requests": 1,
            "answered": 0,
        },
        {
            "key": str(people.s2.pk),
            "label": "Oil Co",
            "complaints": 0,
            "deductions": 1,
            "deductions_amount": "20.00",
            "applied": 0,
            "applied_amount": "0.00",
            "improvement_requests": 0,
            "answered": 0,
        },
    ]


def test_the_trend_against_a_year_earlier(figures):
    trend = figures["trend"]
    assert trend["current"] == {
        "complaints": 4,
        "reopen_rate": 50.0,
        "comeback_rate": 66.7,
        "ca_on_time_share": 33.3,
        "money": 450.0,
    }
    assert trend["previous"] == {
        "complaints": 1,
        "reopen_rate": 100.0,
        "comeback_rate": None,
        "ca_on_time_share": None,
        "money": 40.0,
    }
    assert trend["change"] == {
        "complaints": 3,
        "reopen_rate": -50.0,
        "comeback_rate": None,
        "ca_on_time_share": None,
        "money": 410.0,
    }
    assert [(m["month"], m["complaints"], m["previous"]) for m in trend["monthly"]] == [
        ("2025-01", 1, 0),
        ("2025-02", 1, 1),
        ("2025-03", 1, 0),
        ("2025-04", 0, 0),
        ("2025-05", 0, 0),
        ("2025-06", 1, 0),
    ]


def test_a_bar_and_its_drill_down_hold_the_same_complaints(shop, people, monkeypatch):
    monkeypatch.setattr(quality, "TOP", 1)
    start, end = period_bounds(shop, START, END)
    figures = compute_quality(shop, start, end, now=NOW)
    rows = figures["pareto"]["category"]["by_count"]
    assert _rows(rows) == [("workmanship", 2, "150.00", 50.0), (OTHER, 2, "300.00", 100.0)]
    qs = complaints_in(shop, start, end)
    category = quality.DIMENSIONS["category"]
    k = people.k
    assert set(key_filter(qs, category, "workmanship")) == {k["k1"], k["k3"]}
    assert set(key_filter(qs, category, OTHER)) == {k["k2"], k["k4"]}
    assert set(key_filter(qs, category, NONE)) == {k["k4"]}
    # The money Pareto's other leaves out its own top keys.
    money = figures["pareto"]["category"]["by_amount"]
    assert _rows(money) == [("product_quality", 1, "300.00", 66.7), (OTHER, 3, "150.00", 100.0)]
    assert set(key_filter(qs, category, OTHER, "amount")) == {k["k1"], k["k3"], k["k4"]}
    technician = quality.DIMENSIONS["technician"]
    assert set(key_filter(qs, technician, OTHER)) == {k["k3"], k["k4"]}
    assert key_filter(qs, technician, "tom") is None


def _queries(shop) -> int:
    start, end = period_bounds(shop, START, END)
    with CaptureQueriesContext(connection) as ctx:
        compute_quality(shop, start, end, now=NOW)
    return len(ctx.captured_queries)


def test_it_reads_the_same_number_of_queries_for_more_records(shop, people):
    small = _queries(shop)
    tech = [people.tom, people.ann]
    for i in range(30):
        k = _complaint(shop, at(2025, 1 + i % 6, 1 + i % 27), response_due=2, resolution_due=72,
                       category=["billing", "other", "workmanship"][i % 3],
                       technician=tech[i % 2], supplier=people.s2, reopen_count=i % 2)  # fmt: skip
        quality_dataset._money(k, str(10 + i), people.manager, k.received_at + timedelta(days=1))
        quality_dataset._action(k, f"Cause {i % 13}", due=START + timedelta(days=i),
                                owner=people.manager, by=people.manager,
                                planned=k.received_at)  # fmt: skip
        quality_dataset._deduction(k, people.s2, f"Part {i}", "5", by=people.manager,
                                   raised=k.received_at)  # fmt: skip
    large = _queries(shop)
    assert small == large
    assert large <= quality.QUERIES, large


def test_the_scorecard_counts_the_improvement_requests_the_supplier_answered(shop, people):
    deduction = SupplierDeduction.objects.get(supplier=people.s1)
    supplier_deduction_answer(
        pk=deduction.pk, user=people.manager, answer="New batch inspected at the warehouse."
    )
    start, end = period_bounds(shop, START, END)
    rows = {r["label"]: r for r in compute_quality(shop, start, end, now=NOW)["suppliers"]}
    assert (rows["Brake World"]["improvement_requests"], rows["Brake World"]["answered"]) == (1, 1)
    assert (rows["Oil Co"]["improvement_requests"], rows["Oil Co"]["answered"]) == (0, 0)

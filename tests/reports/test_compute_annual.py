"""The annual statistics against figures worked out by hand from dataset.py (see its comments).

Run on SQLite by default and on PostgreSQL with DATABASE_URL: the percentiles take a different
path on each (percentile_cont, or ORDER BY … LIMIT 2 OFFSET k) and must agree."""

import pytest

from reports.figures import compute_annual

from .dataset import NOW, YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(shop, year_of_records):
    return compute_annual(shop.pk, YEAR, now=NOW)


def test_it_counts_interactions_by_the_greeting_in_the_shops_year(figures):
    assert figures["interactions"] == {
        "total": 3,
        "completed": 1,
        "closed_early": 1,
        "open": 1,
        "escalated": 1,
        "keep_satisfaction_answers": 1,
        "keep_satisfaction_mean": 5.0,
    }


def test_it_counts_work_orders_and_comebacks_in_local_time(figures):
    # Delivered 31 Dec 23:30 and 1 Jan 00:30 Shanghai fall in 2024 and 2026.
    assert figures["work_orders"] == {
        "delivered": 4,
        "opened": 6,  # the cancelled one does not count
        "comebacks": 1,  # the one reviewed as not related does not count
        "comebacks_confirmed": 1,
        "comeback_rate": 16.7,
    }


def test_it_computes_survey_response_csat_and_nps(figures):
    assert figures["surveys"] == {
        "sent": 5,
        "answered": 4,
        "response_rate": 80.0,
        "csat_answers": 4,
        "csat_mean": 3.5,  # 5, 4, 2, 3
        "csat_top2": 2,
        "csat_top2_share": 50.0,
        "nps_answers": 4,
        "promoters": 2,  # 10 and 9
        "passives": 1,  # 8
        "detractors": 1,  # 3
        "nps": 25.0,
    }


def test_it_breaks_complaints_down(figures):
    c = figures["complaints"]
    assert c["total"] == 5
    assert c["by_category"] == {
        "waiting_time": 1, "product_quality": 1, "workmanship": 1,
        "service_content_error": 0, "staff_attitude": 0, "billing": 1, "other": 0, "unset": 1,
    }  # fmt: skip
    assert c["by_severity"] == {"critical": 1, "normal": 3, "minor": 1}
    assert c["by_responsibility"] == {
        "shop": 1, "staff": 1, "supplier": 1, "customer": 1, "undetermined": 0, "unset": 1,
    }  # fmt: skip
    assert c["supplier_share"] == 20.0
    assert c["per_100_work_orders"] == 125.0
    assert c["repeat"] == 1  # the second complaint of the same customer and car
    assert c["repeat_share"] == 20.0


def test_it_computes_median_and_90th_percentile_times(figures):
    c = figures["complaints"]
    # First responses after 0.5, 1, 2, 3 hours: median 1.5, p90 at rank 2.7 → 2.7 hours.
    assert c["first_response"] == {
        "responded": 4,
        "median_hours": 1.5,
        "p90_hours": 2.7,
        "within_target": 3,  # 3 hours against a due of 0 misses; exactly on the due time counts
        "assessed": 5,  # plus the one never answered, now past its due time
        "within_target_share": 60.0,
    }
    # Closed after 12, 48, 120, 240 hours: median 84, p90 = 120 + 0.7 × 120 = 204.
    assert c["close"] == {
        "closed": 4,
        "median_hours": 84.0,
        "p90_hours": 204.0,
        "distribution": {
            "lt_1d": 1, "1_3d": 1, "3_7d": 1, "7_14d": 1, "14_30d": 0, "gte_30d": 0,
        },
    }  # fmt: skip
    assert c["resolution"] == {
        "resolved": 4,
        "within_target": 2,
        "assessed": 5,
        "within_target_share": 40.0,
    }


def test_it_judges_corrective_actions_by_the_local_date(figures):
    assert figures["corrective_actions"] == {
        "due": 3,
        "done_on_time": 1,
        "done_late": 1,  # 26 Jan 07:00 in Shanghai is still 25 Jan in UTC
        "open_overdue": 1,
        "on_time_share": 33.3,
        "verified_effective": 1,
        "verified_not_effective": 0,
    }
    assert figures["supplier_deductions"] == {"count": 1, "applied": 1, "amount": "150.00"}


def test_it_ranks_root_causes(figures):
    assert figures["root_causes"] == [
        {"cause": "Pad batch defect", "count": 2},
        {"cause": "Torque not checked", "count": 1},
        {"cause": "Unclear estimate", "count": 1},
    ]


def test_it_trends_by_month_of_the_shops_time_zone(figures):
    months = {m["month"]: m for m in figures["monthly"]}
    assert len(figures["monthly"]) == 12
    assert months[1] == {
        "month": 1, "interactions": 1, "work_orders_delivered": 1, "surveys_sent": 1,
        "surveys_answered": 1, "csat_mean": 5.0, "nps": 100.0, "complaints": 1,
    }  # fmt: skip
    assert months[3]["surveys_sent"] == 2
    assert months[3]["csat_mean"] == 3.0
    assert months[3]["nps"] == -50.0
    assert months[3]["complaints"] == 2
    assert months[3]["interactions"] == 2
    assert months[3]["work_orders_delivered"] == 2
    assert months[6]["surveys_answered"] == 0
    assert months[6]["csat_mean"] is None
    # 31 Dec 22:00 and 23:00 in Shanghai: December, not the UTC month.
    assert months[12]["complaints"] == 1
    assert months[12]["surveys_sent"] == 1
    assert months[12]["work_orders_delivered"] == 0
    assert months[2] == {
        "month": 2, "interactions": 0, "work_orders_delivered": 0, "surveys_sent": 0,
        "surveys_answered": 0, "csat_mean": None, "nps": None, "complaints": 0,
    }  # fmt: skip


def test_it_tabulates_each_advisor(figures, year_of_records):
    li, wu = year_of_records["li"], year_of_records["wu"]
    assert figures["advisors"] == [
        {"id": li.pk, "name": "Li Wei", "interactions": 2, "work_orders_delivered": 2,
         "surveys_sent": 2, "surveys_answered": 2, "csat_mean": 4.5, "nps": 50.0,
         "complaints": 2},
        {"id": wu.pk, "name": "Wu Gang", "interactions": 1, "work_orders_delivered": 2,
         "surveys_sent": 2, "surveys_answered": 1, "csat_mean": 2.0, "nps": -100.0,
         "complaints": 2},
    ]  # fmt: skip


def test_it_compares_with_the_year_before(figures):
    previous = figures["previous_year"]["figures"]
    assert figures["previous_year"]["year"] == 2024
    assert previous["interactions"] == 1
    assert previous["surveys_sent"] == 1
    assert previous["csat_mean"] == 1.0
    assert previous["nps"] == -100.0
    assert previous["complaints"] == 1
    assert previous["work_orders_delivered"] == 1
    assert previous["complaints_per_100_work_orders"] == 100.0
    change = figures["change"]
    assert change["interactions"] == 2
    assert change["csat_mean"] == 2.5
    assert change["nps"] == 125.0
    assert change["response_rate"] == -20.0
    assert change["complaints"] == 4
    assert change["complaints_per_100_work_orders"] == 25.0
    assert change["close_median_hours"] is None  # nothing was closed in 2024


def test_a_year_over_is_not_partial(figures):
    assert figures["period"]["partial"] is False
    assert figures["period"]["start"] == "2025-01-01T00:00:00+08:00"
    assert figures["shop"]["timezone"] == "Asia/Shanghai"


def test_an_empty_year_has_no_percentages_to_divide(shop):
    figures = compute_annual(shop.pk, 2019, now=NOW)
    assert figures["surveys"]["response_rate"] is None
    assert figures["surveys"]["nps"] is None
    assert figures["complaints"]["first_response"]["median_hours"] is None
    assert figures["complaints"]["per_100_work_orders"] is None
    assert figures["corrective_actions"]["on_time_share"] is None

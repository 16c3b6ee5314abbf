"""The benchmark's table says which targets a run met (bench/run.py ``_judge``): the floor's own
bound, each list's and detail's share of the floor in-process, and the bounds under load."""

from bench.run import _judge, _table


def _row(rps, p95, in_process_ms=None, errors=0):
    return {
        "rps": rps,
        "p50_ms": p95 // 2,
        "p95_ms": p95,
        "p99_ms": p95,
        "errors": errors,
        "queries_per_request": 3.0,
        "in_process_ms": in_process_ms,
        "in_process_sql_ms": None if in_process_ms is None else 0.5,
    }


def _run(**rows):
    return {
        "scenarios": {"bare": _row(800, 20, 0.3), **rows},
        "cores": 2,
        "load_average_before": [1.0],
        "load_average_after": [2.0],
        "gunicorn_workers": 5,
        "seed": {"rows": 10, "rows_per_second": 5, "seconds": 2, "scale": 0.01},
        "annual_statistics_seconds": 0.2,
        "annual_statistics_shop_year": [1, 2025],
    }


def test_a_run_within_every_bound_is_met():
    run = _run(
        me=_row(500, 40, 1.8),
        complaint_list_api=_row(300, 100, 3.6),
        complaint_list_page=_row(250, 120, 5.4),
    )
    _judge(run)
    assert {name: row.get("target") for name, row in run["scenarios"].items()} == {
        "bare": None,
        "me": "met",
        "complaint_list_api": "met",
        "complaint_list_page": "met",
    }
    assert run["scenarios"]["complaint_list_page"]["ratio_to_floor"] == 3.0
    assert "× floor" in _table(run)


def test_each_bound_missed_is_named():
    run = _run(
        me=_row(500, 40, 2.5),
        complaint_list_api=_row(100, 200, 5.1),  # 2.04 × the floor: over 2
        complaint_list_page=_row(250, 120, 7.4),  # 2.96 ×: a page may take 3
        complaint_detail_api=_row(300, 90, 2.0, errors=1),
    )
    _judge(run)
    rows = run["scenarios"]
    assert rows["me"]["target"] == "MISSED: > 2.0 ms in-process"
    assert rows["complaint_list_api"]["target"] == (
        "MISSED: < 0.25× bare, p95 ≥ 150 ms, > 2× floor"
    )
    assert rows["complaint_list_page"]["target"] == "met"
    assert rows["complaint_detail_api"]["target"] == "MISSED: errors"


def test_without_in_process_figures_only_the_load_is_judged():
    run = _run(me=_row(500, 40), complaint_detail_api=_row(300, 90))
    _judge(run)
    assert "ratio_to_floor" not in run["scenarios"]["complaint_detail_api"]
    assert run["scenarios"]["complaint_detail_api"]["target"] == "met"

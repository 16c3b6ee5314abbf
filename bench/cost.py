"""Where a scenario's time goes: each scenario's requests made in-process, one at a time, through
the whole middleware stack (Django's test client), on the data `make bench` seeded.

    .venv/bin/python bench/cost.py                       # ms of one request, every scenario
    .venv/bin/python bench/cost.py complaint_list_page --profile   # and its cProfile, top 30

No load, no network and no gunicorn: the figures are the server's own cost of one request, the
thing to make smaller when the table of `make bench` misses a target. Needs the same
DATABASE_URL and REDIS_URL as the benchmark, with its data already seeded.
"""

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import (  # noqa: E402
    LOAD_SHOP,
    _annual_statistics,
    _django,
    _environment,
    _plan,
)


def measure(
    plan: dict,
    names: list[str],
    *,
    requests: int = 20,
    profile: bool = False,
    top: int = 30,
    out=None,
) -> dict:
    """Each scenario's requests made in-process, one at a time: ``{name: {"ms", "sql_ms",
    "queries"}}``, the mean per request after three warm requests (templates, caches, the
    database's buffers). Django must be set up; ``plan`` is ``bench.run._plan``'s."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    users = get_user_model().objects
    clients = {}
    for role in ("advisor", "manager"):
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(users.get(username=plan["logins"][role][0]))
        clients[role] = client
    figures = {}
    for name in names:
        scenario = plan["scenarios"][name]
        client = clients[scenario.get("role", "advisor")]
        urls = scenario["urls"]
        for url in urls[:3]:
            assert client.get(url).status_code == 200, url
        profiler = cProfile.Profile() if profile else None
        sql = [0, 0.0]  # queries, seconds

        def timed(execute, *args, sql=sql):
            began = time.perf_counter()
            try:
                return execute(*args)
            finally:
                sql[0] += 1
                sql[1] += time.perf_counter() - began

        started = time.perf_counter()
        with connection.execute_wrapper(timed):
            for n in range(requests):
                if profiler:
                    profiler.enable()
                response = client.get(urls[n % len(urls)])
                if profiler:
                    profiler.disable()
                assert response.status_code == 200, (urls[n % len(urls)], response.status_code)
        elapsed = (time.perf_counter() - started) / requests * 1000
        figures[name] = {
            "ms": round(elapsed, 2),
            "sql_ms": round(sql[1] / requests * 1000, 2),
            "queries": round(sql[0] / requests, 1),
        }
        if out is not None:
            out.write(
                f"{name:26} {elapsed:7.2f} ms  (SQL {figures[name]['sql_ms']:5.2f} ms in"
                f" {figures[name]['queries']:.1f} queries)\n"
            )
            out.flush()
        if profiler and out is not None:
            text = io.StringIO()
            pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(top)
            out.write(text.getvalue())
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenarios", nargs="*", help="scenario names (default: all but approval)")
    parser.add_argument("--requests", type=int, default=20, help="timed requests per scenario")
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()

    env = _environment()
    _django(env)
    plan = _plan(scale=0, seconds=0, warmup=0, users=1, host="")
    names = args.scenarios or [n for n in plan["order"] if n in plan["in_process"]]
    if "annual_report_api" in names:  # the API serves the stored snapshot: make it first
        seconds = _annual_statistics(plan["shop_id"], plan["year"])
        print(f"annual statistics of shop {plan['shop_id']}, {plan['year']}: {seconds} s")
    print(f"shop {LOAD_SHOP}: ms per request, in-process, {args.requests} requests each")
    measure(plan, names, requests=args.requests, profile=args.profile, top=args.top, out=sys.stdout)


if __name__ == "__main__":
    main()

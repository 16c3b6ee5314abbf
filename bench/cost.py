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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenarios", nargs="*", help="scenario names (default: all but approval)")
    parser.add_argument("--requests", type=int, default=20, help="timed requests per scenario")
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()

    env = _environment()
    _django(env)
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    plan = _plan(scale=0, seconds=0, warmup=0, users=1, host="")
    names = args.scenarios or [n for n in plan["order"] if n != "approval"]
    if "annual_report_api" in names:  # the API serves the stored snapshot: make it first
        seconds = _annual_statistics(plan["shop_id"], plan["year"])
        print(f"annual statistics of shop {plan['shop_id']}, {plan['year']}: {seconds} s")
    users = get_user_model().objects
    clients = {}
    for role in ("advisor", "manager"):
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(users.get(username=plan["logins"][role][0]))
        clients[role] = client

    print(f"shop {LOAD_SHOP}: ms per request, in-process, {args.requests} requests each")
    for name in names:
        scenario = plan["scenarios"][name]
        client = clients[scenario.get("role", "advisor")]
        urls = scenario["urls"]
        for url in urls[:3]:  # warm: templates, caches, the database's buffers
            assert client.get(url).status_code == 200, url
        profiler = cProfile.Profile() if args.profile else None
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            for n in range(args.requests):
                if profiler:
                    profiler.enable()
                response = client.get(urls[n % len(urls)])
                if profiler:
                    profiler.disable()
                assert response.status_code == 200, (urls[n % len(urls)], response.status_code)
        elapsed = (time.perf_counter() - started) / args.requests * 1000
        sql = sum(float(q["time"]) for q in queries.captured_queries) / args.requests * 1000
        print(
            f"{name:26} {elapsed:7.1f} ms  (SQL {sql:5.1f} ms in"
            f" {len(queries.captured_queries) / args.requests:.1f} queries)"
        )
        reset_queries()
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.top)
            print(out.getvalue())


if __name__ == "__main__":
    main()

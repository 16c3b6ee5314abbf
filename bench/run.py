"""`make bench`: migrate, seed at a scale, time the annual statistics, serve with gunicorn under
the production settings (plus the benchmark's bare view and query counter), load each scenario
with 16 logged-in staff, print the table and save it in bench/results.json.

    .venv/bin/python bench/run.py --scale 0.1 --seconds 20
    .venv/bin/python bench/run.py --scale 1 --no-seed      # reuse the data seeded last time

Needs DATABASE_URL (PostgreSQL) and REDIS_URL; see docs/benchmark.md for how to read the table.
"""

import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
SEED_FILE = ROOT / "var" / "bench-seed.json"
LOAD_SHOP = "bench-bj"  # the biggest shop: its staff are the load's users

# The targets (issue 18). Under load: every list and detail scenario at least a quarter of the
# bare view's throughput, with a p95 under 150 ms. In-process (bench/cost.py, one request at a
# time): the authenticated floor, `GET /api/v1/me/`, at most 2 ms; every list and detail at most
# twice the floor, every page at most three times.
TARGET_RATIO = 0.25
TARGET_P95_MS = 150
TARGET_ANNUAL_SECONDS = 1.0
FLOOR = "me"
TARGET_FLOOR_MS = 2.0
TARGET_API_TO_FLOOR = 2.0
TARGET_PAGE_TO_FLOOR = 3.0
PAGES = {
    "complaint_list_page",
    "complaint_detail_page",
    "advisor_desk",
    "work_order_board",
    "search_plate",
    "quality_page",
}
LIST_AND_DETAIL = {
    "complaint_list_api",
    "complaint_list_api_deep",
    "complaint_detail_api",
    "vehicle_history_api",
    "annual_report_api",
    "quality_api",
    "group_api",
    *PAGES,
}


def _environment() -> dict:
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "servicedesk.settings.bench"
    for name in ("DATABASE_URL", "REDIS_URL"):
        if not env.get(name):
            raise SystemExit(f"{name} is not set: the benchmark runs on PostgreSQL and Redis.")
    if not env["DATABASE_URL"].startswith(("postgres://", "postgresql://")):
        raise SystemExit("DATABASE_URL must be a PostgreSQL URL.")
    # A throwaway key, unless one is given: the benchmark's sessions need not outlive it.
    env.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    env.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    env.setdefault("SITE_URL", "http://127.0.0.1")
    return env


def _manage(env, *args) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def _django(env):
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _plan(scale: float, seconds: float, warmup: float, users: int, host: str) -> dict:
    """Each scenario's URLs, from the load shop's own records."""
    import random

    from django.utils import timezone

    from bench.management.commands.seed_bench import PASSWORD
    from complaints.models import Complaint, State
    from servicedesk.accounts.models import (
        GroupMembership,
        GroupRole,
        Membership,
        Role,
        Shop,
        ShopGroup,
    )
    from vehicles.models import Vehicle

    rng = random.Random(11)
    shop = Shop.objects.get(code=LOAD_SHOP)
    members = Membership.objects.filter(shop=shop).select_related("user")
    advisors = [m.user.username for m in members if m.role == Role.ADVISOR]
    managers = [m.user.username for m in members if m.role == Role.MANAGER and m.on_duty]
    complaint_ids = list(Complaint.objects.filter(shop=shop).values_list("pk", flat=True))
    vehicles = list(Vehicle.objects.filter(shop=shop).values_list("pk", "plate"))
    closed = Complaint.objects.filter(shop=shop, state=State.CLOSED).count()
    deep_page = max(1, int(closed / 25 * 0.8))  # four fifths of the way down the list
    year = timezone.localdate().year - 1
    sample = rng.sample(complaint_ids, min(500, len(complaint_ids)))
    plates = [p for _, p in rng.sample(vehicles, min(500, len(vehicles)))]
    history = [v for v, _ in rng.sample(vehicles, min(500, len(vehicles)))]
    approvals = _pending_remedies(shop, needed=int(400 * seconds + 400 * warmup))
    # A dealer group of every bench shop, its group managers the load shop's managers.
    group, _created = ShopGroup.objects.get_or_create(
        code="bench-group", defaults={"name": "Bench"}
    )
    group.shops.set(Shop.objects.filter(code__startswith="bench-"))
    for m in members:
        if m.role == Role.MANAGER:
            GroupMembership.objects.get_or_create(
                user=m.user, group=group, defaults={"role": GroupRole.GROUP_MANAGER}
            )
    period = f"from={year}-01-01&to={year}-12-31"
    scenarios = {
        "bare": {"urls": ["/bench/bare/"]},
        # The authenticated floor: the session, the user, their shops and groups, nothing else.
        "me": {"urls": ["/api/v1/me/"]},
        "complaint_list_api": {"urls": ["/api/v1/complaints/?state=closed"]},
        "complaint_list_api_deep": {"urls": [f"/api/v1/complaints/?state=closed&page={deep_page}"]},
        "complaint_list_page": {"urls": ["/complaints/?state=closed"]},
        "complaint_detail_api": {"urls": [f"/api/v1/complaints/{pk}/" for pk in sample]},
        "complaint_detail_page": {"urls": [f"/complaints/{pk}/" for pk in sample]},
        "vehicle_history_api": {"urls": [f"/api/v1/vehicles/{pk}/history/" for pk in history]},
        "advisor_desk": {"urls": ["/desk/"]},
        "work_order_board": {"urls": ["/work-orders/"]},
        "search_plate": {"urls": [f"/customers/?q={p}" for p in plates]},
        "annual_report_api": {
            "urls": [f"/api/v1/reports/annual-satisfaction/{year}/?shop={shop.pk}"],
            "role": "manager",
        },
        # Cached figures (QUALITY_CACHE_SECONDS): after the first request, what a reader gets.
        "quality_page": {"urls": [f"/reports/quality/?shop={shop.pk}&{period}"], "role": "manager"},
        "quality_api": {
            "urls": [f"/api/v1/reports/quality/?shop={shop.pk}&{period}"],
            "role": "manager",
        },
        "group_api": {"urls": [f"/api/v1/reports/group/{group.pk}/?{period}"], "role": "manager"},
        "approval": {
            "method": "POST",
            "url": "/api/v1/remedies/{id}/approve/",
            "json": {"note": "bench"},
            "role": "manager",
        },
    }
    return {
        "host": host,
        "users": users,
        "seconds": seconds,
        "warmup": warmup,
        "password": PASSWORD,
        "logins": {"advisor": advisors, "manager": managers},
        "scenarios": scenarios,
        "order": list(scenarios),
        # Measured in-process too (bench/cost.py): every read, the floor first.
        "in_process": [name for name, sc in scenarios.items() if sc.get("method") != "POST"],
        "approval_ids": approvals,
        "deep_page": deep_page,
        "shop_id": shop.pk,
        "year": year,
    }


def _pending_remedies(shop, *, needed: int) -> list[int]:
    """Remedies awaiting approval in the load shop, proposed by an advisor: the approval
    scenario decides each once. Tops the pool up on complaints being resolved."""
    from decimal import Decimal

    from complaints.models import Complaint, Remedy, RemedyKind, RemedyStatus, State
    from servicedesk.accounts.models import Membership, Role

    pending = Remedy.objects.filter(complaint__shop=shop, status=RemedyStatus.PENDING)
    missing = needed - pending.count()
    if missing > 0:
        advisor = Membership.objects.filter(shop=shop, role=Role.ADVISOR).first().user_id
        complaints = list(
            Complaint.objects.filter(shop=shop, state=State.RESOLVING).values_list("pk", flat=True)
        )
        Remedy.objects.bulk_create(
            Remedy(
                complaint_id=complaints[i % len(complaints)],
                kind=RemedyKind.DISCOUNT,
                amount=Decimal("300"),
                description="Discount on the next service (benchmark)",
                proposed_by_id=advisor,
                status=RemedyStatus.PENDING,
            )
            for i in range(missing)
        )
    return list(pending.order_by("pk").values_list("pk", flat=True)[:needed])


def _annual_statistics(shop_id: int, year: int) -> float:
    """Seconds to compute and store one shop-year's annual statistics: the work of the Celery
    job (``report_job_run``) without the queue. It also leaves the snapshot that the annual
    report API scenario reads."""
    from django.utils import timezone

    from reports.figures import compute_annual
    from reports.services import annual_snapshot_save

    started = time.perf_counter()
    now = timezone.now()
    figures = compute_annual(shop_id, year, now=now)
    annual_snapshot_save(shop_id=shop_id, year=year, figures=figures, at=now)
    return round(time.perf_counter() - started, 3)


def _quality_statistics(shop_id: int, year: int) -> tuple[float, float]:
    """Seconds to compute one shop-year's quality figures (what a cache miss of the quality
    page costs), and of those the seconds spent in the database."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from reports.figures.quality import compute_quality
    from servicedesk.accounts.models import Shop

    shop = Shop.objects.get(pk=shop_id)
    tz = ZoneInfo(shop.timezone)
    start, end = datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        compute_quality(shop, start, end, now=timezone.now())
    total = time.perf_counter() - started
    sql = sum(float(q["time"]) for q in queries.captured_queries)
    return round(total, 3), round(sql, 3)


def _serve(env, port: int, workers: int) -> subprocess.Popen:
    log = open(ROOT / "var" / "bench-gunicorn.log", "w")  # noqa: SIM115 - lives as long as the server
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "servicedesk.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--backlog",
            "2048",
            "--access-logfile",
            "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/bare/", timeout=2):
                return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit("gunicorn stopped: see var/bench-gunicorn.log") from None
            time.sleep(0.5)
    _stop(server)
    raise SystemExit("gunicorn did not answer within 60 s: see var/bench-gunicorn.log")


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def _load(env, plan: dict) -> dict:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "load.py")],
        input=json.dumps(plan),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    sys.stderr.write(done.stderr[-4000:] if done.returncode else "")
    if done.returncode:
        raise SystemExit("the load generator failed")
    return json.loads(done.stdout)


def _table(run: dict) -> str:
    head = (
        f"{'scenario':<26}{'req/s':>8}{'p50':>7}{'p95':>7}{'p99':>7}{'errors':>8}"
        f"{'× bare':>8}{'queries':>9}{'in-proc ms':>12}{'SQL ms':>8}{'× floor':>9}  target"
    )
    lines = [head, "-" * len(head)]
    for name, row in run["scenarios"].items():
        lines.append(
            f"{name:<26}{row['rps']:>8}{row['p50_ms']:>7}{row['p95_ms']:>7}{row['p99_ms']:>7}"
            f"{row['errors']:>8}{row['ratio_to_bare']:>8}{_q(row['queries_per_request']):>9}"
            f"{_q(row.get('in_process_ms')):>12}{_q(row.get('in_process_sql_ms')):>8}"
            f"{_q(row.get('ratio_to_floor')):>9}  {row.get('target', '')}"
        )
    lines.append("")
    lines.append(
        f"targets: under load ≥ {TARGET_RATIO}× bare and p95 < {TARGET_P95_MS} ms; in-process the"
        f" floor ({FLOOR}) ≤ {TARGET_FLOOR_MS} ms, lists and details ≤ {TARGET_API_TO_FLOOR:g}×"
        f" the floor, pages ≤ {TARGET_PAGE_TO_FLOOR:g}×"
    )
    lines.append(
        f"machine: {run['cores']} cores, load average {run['load_average_before'][0]} before the"
        f" load, {run['load_average_after'][0]} after; gunicorn {run['gunicorn_workers']} workers"
    )
    seed = run["seed"]
    lines.append(
        f"seeding: {seed.get('rows', 0):,} rows at {seed.get('rows_per_second', 0):,.0f} rows/s"
        f" ({seed.get('seconds', 0):.0f} s, scale {seed.get('scale')})"
    )
    lines.append(
        f"annual statistics, one shop-year ({run['annual_statistics_shop_year'][1]}, the biggest"
        f" shop): {run['annual_statistics_seconds']} s (target < {TARGET_ANNUAL_SECONDS} s)"
    )
    if "quality_statistics_seconds" in run:
        total, sql = run["quality_statistics_seconds"]
        lines.append(
            f"quality figures, the same shop-year, uncached: {total} s, {sql} s of it in the"
            f" database (target < {TARGET_ANNUAL_SECONDS} s in the database)"
        )
    return "\n".join(lines)


def _q(value) -> str:
    return "-" if value is None else str(value)


def _judge(run: dict) -> None:
    """Each row's ratios, and for the floor, the lists, details and pages what they missed."""
    bare = run["scenarios"]["bare"]["rps"] or 1
    floor = (run["scenarios"].get(FLOOR) or {}).get("in_process_ms")
    for name, row in run["scenarios"].items():
        row["ratio_to_bare"] = round(row["rps"] / bare, 2)
        to_floor = None
        if floor and row.get("in_process_ms") is not None:
            to_floor = row["in_process_ms"] / floor
            row["ratio_to_floor"] = round(to_floor, 2)
        misses = []
        if name in LIST_AND_DETAIL or name == FLOOR:
            if row["ratio_to_bare"] < TARGET_RATIO:
                misses.append(f"< {TARGET_RATIO}× bare")
            if row["p95_ms"] >= TARGET_P95_MS:
                misses.append(f"p95 ≥ {TARGET_P95_MS} ms")
        if name == FLOOR and (row.get("in_process_ms") or 0) > TARGET_FLOOR_MS:
            misses.append(f"> {TARGET_FLOOR_MS} ms in-process")
        if name in LIST_AND_DETAIL and to_floor is not None:
            bound = TARGET_PAGE_TO_FLOOR if name in PAGES else TARGET_API_TO_FLOOR
            if to_floor > bound:
                misses.append(f"> {bound:g}× floor")
        if row["errors"]:
            misses.append("errors")
        if name in LIST_AND_DETAIL or name == FLOOR or misses:
            row["target"] = "met" if not misses else "MISSED: " + ", ".join(misses)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.1)
    parser.add_argument("--seconds", type=float, default=20, help="measured time per scenario")
    parser.add_argument("--warmup", type=float, default=3, help="unmeasured time per scenario")
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers (2 × cores + 1)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8100)))
    parser.add_argument(
        "--in-process-requests", type=int, default=40, help="requests per scenario in-process"
    )
    parser.add_argument("--no-seed", action="store_true", help="reuse the data already seeded")
    parser.add_argument("--only", help="comma-separated scenarios (bare and the floor always run)")
    args = parser.parse_args()

    env = _environment()
    (ROOT / "var").mkdir(exist_ok=True)
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "collectstatic", "--noinput", "-v0")
    if not args.no_seed:
        _manage(env, "seed_bench", "--scale", str(args.scale), "--report", str(SEED_FILE))
    seed = json.loads(SEED_FILE.read_text()) if SEED_FILE.exists() else {}
    if args.no_seed and seed.get("scale") != args.scale:
        raise SystemExit(f"the database holds scale {seed.get('scale')}: seed it at {args.scale}")

    _django(env)
    host = f"http://127.0.0.1:{args.port}"
    plan = _plan(args.scale, args.seconds, args.warmup, args.users, host)
    if args.only:
        keep = {"bare", FLOOR, *args.only.split(",")}
        plan["order"] = [name for name in plan["order"] if name in keep]
    annual = _annual_statistics(plan["shop_id"], plan["year"])
    quality = _quality_statistics(plan["shop_id"], plan["year"])
    from bench.cost import measure

    print("In-process, one request at a time (bench/cost.py):")
    names = [name for name in plan["order"] if name in plan["in_process"]]
    in_process = measure(plan, names, requests=args.in_process_requests, out=sys.stdout)

    load_before = [round(x, 2) for x in os.getloadavg()]
    server = _serve(env, args.port, args.workers)
    try:
        print(f"Load: {args.users} users, {args.seconds:g} s per scenario after {args.warmup:g} s")
        scenarios = _load(env, plan)
    finally:
        _stop(server)
    for name, row in scenarios.items():
        if name in in_process:
            row["in_process_ms"] = in_process[name]["ms"]
            row["in_process_sql_ms"] = in_process[name]["sql_ms"]
            row["in_process_queries"] = in_process[name]["queries"]

    run = {
        "scale": args.scale,
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "users": args.users,
        "seconds_per_scenario": args.seconds,
        "gunicorn_workers": args.workers,
        "cores": os.cpu_count(),
        # The machine's load (1, 5, 15 min) before and after: a busy machine skews req/s.
        "load_average_before": load_before,
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "deep_page": plan["deep_page"],
        "seed": seed,
        "annual_statistics_seconds": annual,
        "annual_statistics_shop_year": [plan["shop_id"], plan["year"]],
        "quality_statistics_seconds": list(quality),
        "scenarios": scenarios,
    }
    _judge(run)
    table = _table(run)
    print(table)
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results.setdefault("runs", {})[f"{args.scale:g}"] = run
    results["latest"] = f"{args.scale:g}"
    results["targets"] = {
        "ratio_to_bare": TARGET_RATIO,
        "p95_ms": TARGET_P95_MS,
        "annual_statistics_seconds": TARGET_ANNUAL_SECONDS,
        "floor": FLOOR,
        "floor_ms": TARGET_FLOOR_MS,
        "list_and_detail_to_floor": TARGET_API_TO_FLOOR,
        "pages_to_floor": TARGET_PAGE_TO_FLOOR,
        "pages": sorted(PAGES),
        "applies_to": sorted(LIST_AND_DETAIL),
    }
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"\nSaved in {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

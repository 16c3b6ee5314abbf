"""The load: N logged-in staff (locust, headless, as a library) hitting one scenario at a time.

Run by bench/run.py as a separate process (locust patches the standard library with gevent),
with a JSON plan on stdin: the host, the users' logins, the scenarios with their URLs, the
seconds per scenario. Prints one JSON object with each scenario's figures on stdout.

Every user logs in through the login page (CSRF and all) once, as their own advisor and as a
manager of the same shop, and keeps both sessions for the whole run; then all users run the
first scenario for a warm-up and the measured time, then the next, and so on. Users wait for
nothing between requests (a closed loop): throughput is what the server gives to 16 clients.
"""

import json
import re
import sys
import time
from itertools import count

import gevent
from locust import FastHttpUser, events, task
from locust.contrib.fasthttp import FastHttpSession
from locust.env import Environment

PLAN = json.load(sys.stdin)
CURRENT = {"name": None}
QUERIES: dict[str, list[int]] = {}
STATUSES: dict[str, dict[int, int]] = {}
_numbers = count()
_approvals = iter(PLAN.get("approval_ids", []))
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _cookie(session, name) -> str:
    for cookie in session.cookiejar:
        if cookie.name == name:
            return cookie.value
    return ""


def _login(session, username, password) -> None:
    page = session.get("/login/", name="login")
    token = CSRF_INPUT.search(page.text or "")
    response = session.post(
        "/login/",
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": token.group(1) if token else "",
        },
        headers={"Referer": PLAN["host"] + "/login/"},
        name="login",
        allow_redirects=False,
    )
    if response.status_code != 302:
        raise RuntimeError(f"login of {username} failed: {response.status_code} {response.error}")


class Staff(FastHttpUser):
    host = PLAN["host"]

    def on_start(self):
        number = next(_numbers)
        logins = PLAN["logins"]
        self.sessions = {"advisor": self.client}
        _login(self.client, logins["advisor"][number % len(logins["advisor"])], PLAN["password"])
        manager = FastHttpSession(
            self.host,
            self.environment.events.request,
            user=self,
            connection_timeout=self.connection_timeout,
            network_timeout=self.network_timeout,
        )
        _login(manager, logins["manager"][number % len(logins["manager"])], PLAN["password"])
        self.sessions["manager"] = manager
        self.rotor = number

    @task
    def hit(self):
        name = CURRENT["name"]
        if name is None:
            gevent.sleep(0.05)
            return
        scenario = PLAN["scenarios"][name]
        session = self.sessions[scenario.get("role", "advisor")]
        self.rotor += 1
        if scenario.get("method") == "POST":
            target = next(_approvals, None)
            if target is None:
                gevent.sleep(0.05)
                return
            url = scenario["url"].format(id=target)
            response = session.post(
                url,
                json=scenario.get("json", {}),
                headers={
                    "X-CSRFToken": _cookie(session, "csrftoken"),
                    "Referer": self.host + "/",
                },
                name=name,
            )
        else:
            urls = scenario["urls"]
            response = session.get(urls[self.rotor % len(urls)], name=name)
        header = response.headers.get("X-Queries") if response.headers else None
        if header is not None and CURRENT["name"] == name:
            QUERIES.setdefault(name, []).append(int(header))
        by_status = STATUSES.setdefault(name, {})
        by_status[response.status_code] = by_status.get(response.status_code, 0) + 1


def _figures(env, name: str, seconds: float) -> dict:
    entry = env.stats.get(
        name, "POST" if PLAN["scenarios"][name].get("method") == "POST" else "GET"
    )
    queries = QUERIES.get(name, [])
    return {
        "requests": entry.num_requests,
        "rps": round(entry.num_requests / seconds, 1),
        "p50_ms": entry.get_response_time_percentile(0.50),
        "p95_ms": entry.get_response_time_percentile(0.95),
        "p99_ms": entry.get_response_time_percentile(0.99),
        "errors": entry.num_failures,
        "statuses": {str(k): v for k, v in sorted(STATUSES.get(name, {}).items())},
        "queries_per_request": round(sum(queries) / len(queries), 1) if queries else None,
        "queries_max": max(queries) if queries else None,
    }


def main() -> None:
    env = Environment(user_classes=[Staff], events=events)
    runner = env.create_local_runner()
    users = PLAN["users"]
    runner.start(users, spawn_rate=users)
    # Logging in costs a password hash per session: wait until every user has both.
    deadline = time.monotonic() + 120
    while env.stats.get("login", "POST").num_requests < 2 * users and time.monotonic() < deadline:
        gevent.sleep(0.2)
    if env.stats.get("login", "POST").num_failures:
        raise SystemExit("some logins failed")
    results = {}
    for name in PLAN["order"]:
        CURRENT["name"] = name
        gevent.sleep(PLAN["warmup"])
        env.stats.reset_all()
        QUERIES.pop(name, None)
        STATUSES.pop(name, None)
        started = time.monotonic()
        gevent.sleep(PLAN["seconds"])
        elapsed = time.monotonic() - started
        results[name] = _figures(env, name, elapsed)
        sys.stderr.write(f"  {name:<28} {results[name]['rps']:>8} req/s\n")
        sys.stderr.flush()
    CURRENT["name"] = None
    runner.quit()
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()

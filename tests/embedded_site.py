"""`make run` as a newcomer runs it, for the tests of the embedded default: a fresh var folder
(SQLite file, filesystem broker), migrated and seeded with the demo, then scripts/run_local.sh
on a free port — the threaded development server and a real Celery worker with beat, sharing the
SQLite file as they do at a shop's counter.

    with EmbeddedSite(tmp_path) as site:        # returns once the script printed the logins
        site.api("advisor").post("/api/v1/complaints/", {...})
        site.sql("SELECT … FROM …")             # read the site's SQLite file directly
        site.terminal()                         # what the script printed
        site.log("worker")                      # var/log/worker.log
"""

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings

from tests.live_workers import wait_for

# The embedded default is what is left when none of these is set.
SERVER_VARIABLES = (
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "CELERY_BROKER_READ_URL",
    "CELERY_BROKER_WRITE_URL",
    "CELERY_RESULT_BACKEND",
    "SITE_URL",
    "SERVICEDESK_TEST_VAR_DIR",
)
READY_LINE = "Ctrl-C stops the web server and the worker."
START_SECONDS = 300  # migrate and seed on a busy CI machine


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Answer:
    def __init__(self, status: int, body: bytes):
        self.status = status
        self.body = body

    def json(self):
        return json.loads(self.body)


class Api:
    """JSON calls to the running site with a user's token."""

    def __init__(self, base: str, token: str | None = None):
        self.base = base
        self.token = token

    def post(self, path: str, data: dict | None = None) -> Answer:
        return self.call("POST", path, data or {})

    def get(self, path: str) -> Answer:
        return self.call("GET", path)

    def call(self, method: str, path: str, data: dict | None = None) -> Answer:
        headers = {"Accept": "application/json"}
        body = None
        if data is not None:
            body = json.dumps(data).encode()
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        url = self.base + path
        request = urllib.request.Request(url, data=body, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return Answer(response.status, response.read())
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.read())


class EmbeddedSite:
    def __init__(self, folder: Path, *, port: int | None = None):
        self.folder = folder
        self.var = folder / "var"
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.terminal_file = folder / "terminal.txt"
        self.tokens: dict[str, str] = {}

    def environment(self) -> dict:
        env = {k: v for k, v in os.environ.items() if k not in SERVER_VARIABLES}
        env.update(
            DJANGO_SETTINGS_MODULE="servicedesk.settings.local",
            SERVICEDESK_VAR_DIR=str(self.var),
            HOST="127.0.0.1",
            PORT=str(self.port),
            PYTHONUNBUFFERED="1",
        )
        return env

    def manage(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=self.environment(),
            capture_output=True,
            text=True,
            timeout=START_SECONDS,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def __enter__(self):
        self.manage("migrate", "--noinput")
        self.manage("seed_demo", "--no-logins")
        with self.terminal_file.open("wb") as terminal:
            self.process = subprocess.Popen(
                ["bash", "scripts/run_local.sh"],
                cwd=settings.BASE_DIR,
                env=self.environment(),
                stdout=terminal,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stopped as a whole below
            )
        if not wait_for(lambda: READY_LINE in self.terminal() or self.process.poll(), 180):
            self.stop()
            raise AssertionError(f"make run never got ready; it said:\n{self.terminal()}")
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGINT)  # what Ctrl-C does in the terminal
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def terminal(self) -> str:
        return self.terminal_file.read_text(errors="replace")

    def log(self, name: str) -> str:
        path = self.var / "log" / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def sql(self, query: str, *params) -> list[tuple]:
        with sqlite3.connect(self.var / "servicedesk.sqlite3", timeout=60) as db:
            rows = db.execute(query, params).fetchall()
        db.close()
        return rows

    def api(self, username: str | None = None) -> Api:
        if username is None:
            return Api(self.base)
        if username not in self.tokens:
            answer = Api(self.base).post(
                "/api/v1/auth/token/", {"username": username, "password": "demo"}
            )
            assert answer.status == 200, answer.body
            self.tokens[username] = answer.json()["token"]
        return Api(self.base, self.tokens[username])

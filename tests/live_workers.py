"""Real Celery worker processes for the live tests, on the test's database and, where a test
needs one of its own, on a throw-away redis-server (never the shared one):

    with own_broker(port) as redis:           # skips unless PostgreSQL and redis-server
        with Workers("outage", broker=redis.url) as workers:
            worker = workers.start()          # --pool=solo unless told otherwise
            ...                               # every worker is stopped on leaving

The workers share the test's database (DATABASE_URL of the test database on PostgreSQL) and its
SERVICEDESK_TEST_VAR_DIR, so a worker on the embedded filesystem broker reads the test's queue."""

import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager, suppress
from urllib.parse import quote

import psutil
import pytest
from django.conf import settings
from django.db import connection
from kombu import pools

from servicedesk.celery import app as celery_app

STOP_SECONDS = 20


def wait_for(condition, seconds: float) -> bool:
    """Whether ``condition()`` came true within ``seconds``, asked every tenth of a second."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def fresh_pool():
    """Forget the connections to the old broker, so the next send opens one to the new."""
    pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


# Celery reads these from the environment before its configuration: one left there (as
# docker-compose sets CELERY_BROKER_URL) would send a test's tasks past the broker it started.
BROKER_ENVIRONMENT = ("CELERY_BROKER_URL", "CELERY_BROKER_READ_URL", "CELERY_BROKER_WRITE_URL")


@contextmanager
def celery_sends_to(broker: str | None = None):
    """Tasks of the test process go through a broker (``broker``, or the configured one)
    instead of running eagerly; the configuration and the environment are restored on leaving."""
    # The configured value itself: conf.broker_url would answer with the environment's.
    saved = (celery_app.conf["broker_url"], celery_app.conf.task_always_eager)
    saved_environment = {key: os.environ.get(key) for key in BROKER_ENVIRONMENT}
    if broker is not None:
        celery_app.conf.broker_url = broker
        for key in BROKER_ENVIRONMENT:
            os.environ.pop(key, None)
    celery_app.conf.task_always_eager = False
    fresh_pool()
    try:
        yield
    finally:
        celery_app.conf["broker_url"], celery_app.conf.task_always_eager = saved
        for key, value in saved_environment.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        fresh_pool()


@contextmanager
def celery_sends_all_to(queue: str):
    """Every task the test process sends goes to ``queue``, whatever its route: a worker taking
    only that queue (``Workers.start(queue=...)``) then takes all the test's work and nobody
    else's. The routes and the default queue are restored on leaving."""
    saved = (celery_app.conf.task_default_queue, celery_app.conf.task_routes)
    # conf.update (not attribute assignment) makes Celery rebuild its router.
    celery_app.conf.update(task_default_queue=queue, task_routes={"*": {"queue": queue}})
    try:
        yield
    finally:
        celery_app.conf.update(task_default_queue=saved[0], task_routes=saved[1])


class OwnRedis:
    """A throw-away redis-server on ``port`` that the test starts and stops."""

    def __init__(self, port: int):
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process: subprocess.Popen | None = None

    def cli(self, *args: str) -> str:
        return subprocess.run(
            ["redis-cli", "-p", str(self.port), *args], capture_output=True, text=True
        ).stdout.strip()

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        if not wait_for(lambda: self.cli("ping") == "PONG", 10):
            self.stop()
            raise RuntimeError(f"the test's redis-server on port {self.port} did not start")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=STOP_SECONDS)
            self.process = None


@contextmanager
def own_broker(port: int):
    """An OwnRedis started on ``port`` that the test process sends its tasks to. Skips the test
    on SQLite (a worker process cannot share its database) or without redis-server."""
    if connection.vendor != "postgresql" or not shutil.which("redis-server"):
        pytest.skip("needs PostgreSQL (shared with the worker) and redis-server")
    redis = OwnRedis(port)
    redis.start()
    try:
        with celery_sends_to(redis.url):
            yield redis
    finally:
        redis.stop()


def database_url() -> str | None:
    """The test database as a DATABASE_URL, on PostgreSQL or a SQLite file; None where no other
    process can open it (SQLite in memory)."""
    if connection.vendor == "sqlite":
        name = str(settings.DATABASES["default"]["NAME"])
        return f"sqlite:///{name}" if name.startswith("/") else None
    if connection.vendor != "postgresql":
        return None
    db = settings.DATABASES["default"]
    auth = quote(db["USER"], safe="") + (
        f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    )
    return f"postgres://{auth}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


class Workers:
    """``celery -A servicedesk worker`` processes of one test: each started with the test's
    database, var directory and broker, each stopped (its pool children with it) on leaving."""

    def __init__(
        self,
        name: str,
        *,
        broker: str | None = None,
        settings_module: str = "servicedesk.settings.test",
        **env: str,
    ):
        self.name = name
        self.broker = broker
        self.settings_module = settings_module
        self.env = env
        self.started: list[subprocess.Popen] = []

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop_all()

    def environment(self, **extra: str) -> dict:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": self.settings_module,
            "SERVICEDESK_TEST_VAR_DIR": str(settings.TEST_VAR_DIR),
        }
        if url := database_url():
            env["DATABASE_URL"] = url
        if self.broker is not None:
            for key in BROKER_ENVIRONMENT:
                env.pop(key, None)
            for key in ("REDIS_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"):
                env[key] = self.broker
        return {**env, **self.env, **extra}

    def start(
        self,
        *,
        pool: str = "solo",
        concurrency: int | None = None,
        queue: str | None = None,
        **extra_env: str,
    ):
        """A worker; ``queue``: it takes only that queue's tasks (another test's are not its);
        without, every queue the project routes to (``WORKER_QUEUES``), as `make run`'s worker."""
        command = [
            sys.executable, "-m", "celery", "-A", "servicedesk", "worker", f"--pool={pool}",
            "--loglevel=WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat",
            "-n", f"{self.name}-{os.getpid()}-{len(self.started)}@%h",
        ]  # fmt: skip
        if concurrency is not None:
            command.append(f"--concurrency={concurrency}")
        command += ["-Q", queue if queue is not None else ",".join(settings.WORKER_QUEUES)]
        worker = subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=self.environment(**extra_env),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        self.started.append(worker)
        return worker

    @staticmethod
    def pool_children(worker: subprocess.Popen) -> list[int]:
        """The pids of the worker's pool processes (none with --pool=solo)."""
        try:
            return [child.pid for child in psutil.Process(worker.pid).children()]
        except psutil.NoSuchProcess:
            return []

    def output(self, worker: subprocess.Popen) -> str:
        """All the worker said; it is stopped first if it still runs."""
        self.stop(worker)
        return worker.communicate(timeout=STOP_SECONDS)[0].decode(errors="replace")

    def stop(self, worker: subprocess.Popen):
        """A warm shutdown, then SIGKILL for the worker and its children if it hangs."""
        if worker.poll() is not None:
            return
        try:
            children = psutil.Process(worker.pid).children()
        except psutil.NoSuchProcess:
            children = []
        worker.terminate()
        try:
            worker.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        for child in children:  # orphaned if their parent was killed
            with suppress(psutil.NoSuchProcess):
                child.kill()

    def stop_all(self):
        for worker in self.started:
            self.stop(worker)

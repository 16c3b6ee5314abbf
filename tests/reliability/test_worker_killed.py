"""A worker is killed (SIGKILL) in the middle of the survey job and another one is started:
the job's message, still unacknowledged in Redis when the worker dies, is redelivered after the
broker's visibility timeout, the job does the work orders it had not finished, and every
customer gets their survey invitation exactly once. On a Redis server of the test's own (port
6393, never the shared one); PostgreSQL only: the workers share the test's database."""

import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from kombu import pools

from servicedesk.celery import app as celery_app
from servicedesk.outbox.models import MessageKind, MessageStatus, OutboundMessage
from surveys.models import Survey
from surveys.tasks import send_due
from tests.complaints import factories as f

pytestmark = [pytest.mark.live, pytest.mark.django_db(transaction=True)]
PORT = int(os.environ.get("SIGKILL_REDIS_PORT", "6393"))
BROKER = f"redis://127.0.0.1:{PORT}/0"
ORDERS = 5
BLOCK_AT = 3  # the first worker stops inside the third work order's follow-up


def _fresh_pool():
    pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def _redis_cli(*args):
    return subprocess.run(
        ["redis-cli", "-p", str(PORT), *args], capture_output=True, text=True
    ).stdout.strip()


@pytest.fixture
def own_broker():
    if connection.vendor != "postgresql" or not shutil.which("redis-server"):
        pytest.skip("needs PostgreSQL (shared with the worker) and redis-server")
    redis = subprocess.Popen(
        ["redis-server", "--port", str(PORT), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(100):
        if _redis_cli("ping") == "PONG":
            break
        time.sleep(0.1)
    else:
        redis.terminate()
        pytest.fail("the test's redis-server did not start")
    saved = (celery_app.conf.broker_url, celery_app.conf.task_always_eager)
    celery_app.conf.broker_url = BROKER
    celery_app.conf.task_always_eager = False
    _fresh_pool()
    try:
        yield
    finally:
        celery_app.conf.broker_url, celery_app.conf.task_always_eager = saved
        _fresh_pool()
        redis.terminate()
        redis.wait(timeout=20)


class Workers:
    """Worker processes on the test's broker, with the settings of sigkill_settings.py."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.started: list[subprocess.Popen] = []

    def start(self, **extra_env) -> subprocess.Popen:
        db = settings.DATABASES["default"]
        auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.reliability.sigkill_settings",
            "DATABASE_URL": f"postgres://{auth}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}",
            "REDIS_URL": BROKER,
            "CELERY_BROKER_URL": BROKER,
            "CELERY_RESULT_BACKEND": BROKER,
            "SERVICEDESK_TEST_VAR_DIR": str(settings.TEST_VAR_DIR),
            "SIGKILL_TEST_DIR": str(self.folder),
            **extra_env,
        }
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "servicedesk", "worker", "--pool=solo",
             "--loglevel=WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat",
             "-n", f"sigkill-{os.getpid()}-{len(self.started)}@%h"],
            cwd=settings.BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.started.append(worker)
        return worker

    def output(self, worker) -> str:
        if worker.poll() is None:
            worker.terminate()
        return worker.communicate(timeout=20)[0].decode(errors="replace")

    def stop_all(self):
        for worker in self.started:
            if worker.poll() is None:
                worker.terminate()
                try:
                    worker.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    worker.kill()
                    worker.wait()


@pytest.fixture
def workers(own_broker, tmp_path):
    pool = Workers(tmp_path)
    try:
        yield pool
    finally:
        pool.stop_all()


def _wait_for(condition, seconds: float) -> bool:
    for _ in range(int(seconds * 10)):
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def _emails_to(folder: Path) -> list[str]:
    """Each recipient line of the emails the workers wrote (one file per connection)."""
    return [
        line.removeprefix("To: ").strip()
        for path in folder.glob("*.log")
        for line in path.read_text(errors="replace").splitlines()
        if line.startswith("To: ")
    ]


def test_a_worker_killed_in_the_middle_of_the_survey_job_sends_each_survey_once(
    workers, shop, advisor, tmp_path
):
    delivered = timezone.now() - timedelta(days=3, hours=1)
    addresses = []
    for n in range(ORDERS):
        address = f"customer{n}@example.invalid"
        client = f.customer(shop, language="en", email=address, preferred_channel="email")
        order = f.work_order(shop, advisor=advisor, car=f.vehicle(shop, owner=client))
        order.status, order.delivered_at = "delivered", delivered
        order.save()
        addresses.append(address)

    first = workers.start(SIGKILL_TEST_BLOCK_AT=str(BLOCK_AT))
    send_due.delay()
    marker = tmp_path / "blocked"
    if not _wait_for(marker.exists, 60):
        pytest.fail(f"the first worker never reached the hook; it said:\n{workers.output(first)}")
    # Stopped inside the third follow-up: two committed, the job not acknowledged.
    assert Survey.objects.count() == BLOCK_AT - 1
    assert _redis_cli("hlen", "unacked") == "1"

    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=20)
    assert first.returncode == -signal.SIGKILL

    second = workers.start()

    def all_sent():
        return (
            Survey.objects.count() == ORDERS
            and not OutboundMessage.objects.filter(status=MessageStatus.QUEUED).exists()
            and len(_emails_to(tmp_path)) >= 2 * ORDERS  # the customer's link, the advisor's check
        )

    if not _wait_for(all_sent, 60):
        pytest.fail(f"not everything was sent; the second worker said:\n{workers.output(second)}")
    # Let anything redelivered twice by mistake run before counting.
    assert _wait_for(lambda: _redis_cli("hlen", "unacked") == "0", 20)
    assert _redis_cli("llen", "celery") == "0"

    emails = _emails_to(tmp_path)
    assert sorted(a for a in emails if a in addresses) == sorted(addresses)  # each once
    assert emails.count(advisor.email) == ORDERS
    assert Survey.objects.filter(sent_at__isnull=False).count() == ORDERS
    assert set(Survey.objects.values_list("work_order__customer__email", flat=True)) == set(
        addresses
    )
    invitations = OutboundMessage.objects.filter(kind=MessageKind.SURVEY_INVITATION)
    assert invitations.count() == ORDERS
    assert set(invitations.values_list("status", "attempts")) == {(MessageStatus.SENT, 1)}
    assert not OutboundMessage.objects.exclude(status=MessageStatus.SENT).exists()

"""A real worker process takes a message from the real broker (Redis in CI, the filesystem
transport on the embedded default) and returns the result."""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings

from servicedesk.celery import app as celery_app
from servicedesk.tasks import ping

pytestmark = [pytest.mark.smoke, pytest.mark.live]


@pytest.fixture
def live_worker():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "servicedesk.settings.test",
        "SERVICEDESK_TEST_VAR_DIR": str(settings.TEST_VAR_DIR),
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "servicedesk",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-n",
            f"live-test-{os.getpid()}@%h",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    celery_app.conf.task_always_eager = False
    try:
        yield worker
    finally:
        celery_app.conf.task_always_eager = True
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


def test_a_live_worker_answers_ping(live_worker):
    started = time.monotonic()
    result = ping.delay()
    try:
        assert result.get(timeout=60) == "pong"
    except Exception:
        live_worker.terminate()
        output = live_worker.communicate(timeout=20)[0].decode(errors="replace")
        pytest.fail(f"no answer after {time.monotonic() - started:.0f}s; worker said:\n{output}")

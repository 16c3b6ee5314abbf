"""A real worker process takes a message from the real broker (Redis in CI, the filesystem
transport on the embedded default) and returns the result."""

import time

import pytest

from servicedesk.tasks import ping
from tests.live_workers import Workers, celery_sends_to

pytestmark = [pytest.mark.smoke, pytest.mark.live]


@pytest.fixture
def live_worker():
    with celery_sends_to(), Workers("live-test") as workers:
        yield workers, workers.start()


def test_a_live_worker_answers_ping(live_worker):
    workers, worker = live_worker
    started = time.monotonic()
    result = ping.delay()
    try:
        assert result.get(timeout=60) == "pong"
    except Exception:
        output = workers.output(worker)
        pytest.fail(f"no answer after {time.monotonic() - started:.0f}s; worker said:\n{output}")

"""Which queue each task lands on, as Celery's own router resolves it from CELERY_TASK_ROUTES,
and that every worker command consumes the queues the routes name: a slow report must never
delay a reminder or a message, and no task may land on a queue that no worker reads."""

import re
import shlex
from pathlib import Path

import pytest
from django.conf import settings

from servicedesk.celery import app as celery_app

# Every project task, deliberately placed (docs/deployment.md, "Queues").
EXPECTED = {
    "outbox.deliver_message": "messages",
    "outbox.requeue_stale": "messages",
    "surveys.send_due": "reminders",
    "complaints.remind_follow_ups": "reminders",
    "complaints.escalate_overdue": "reminders",
    "vehicles.remind_inspection_work": "reminders",
    "interactions.remind_next_visits": "reminders",
    "reports.annual_snapshot_compute": "reports",
    "reports.requeue_stale_jobs": "reports",
    "reports.annual_snapshots_previous_year": "reports",
    "reports.send_monthly_reports": "reports",
    "reports.group_comparison_compute": "reports",
    "servicedesk.ping": "celery",
    "interactions.fetch_mail": "celery",
}


def queue_of(name: str) -> str:
    """The queue Celery sends task ``name`` to, resolved by the app's router as a send would."""
    return celery_app.amqp.router.route({}, name)["queue"].name


def project_tasks() -> set[str]:
    celery_app.loader.import_default_modules()
    return {name for name in celery_app.tasks if not name.startswith("celery.")}


def queues_in(command: str) -> set[str]:
    """The queues named by a ``celery worker`` command's -Q / --queues option."""
    words = shlex.split(command.replace("\\\n", " "))
    for i, word in enumerate(words):
        if word in ("-Q", "--queues"):
            return set(words[i + 1].split(","))
        if word.startswith("--queues="):
            return set(word.split("=", 1)[1].split(","))
    return {"celery"}  # a worker without -Q reads only Celery's default queue


@pytest.mark.parametrize(("task", "queue"), sorted(EXPECTED.items()))
def test_each_task_lands_on_its_queue(task, queue):
    assert queue_of(task) == queue


def test_every_registered_project_task_is_placed_deliberately():
    """A new task must be given a queue here (and in CELERY_TASK_ROUTES unless the default fits):
    nothing reaches a queue by accident."""
    assert project_tasks() == set(EXPECTED)


def test_every_routed_queue_is_a_worker_queue():
    routed = {queue_of(task) for task in project_tasks()}
    assert routed <= set(settings.WORKER_QUEUES)
    assert settings.CELERY_TASK_DEFAULT_QUEUE in settings.WORKER_QUEUES
    for route in settings.CELERY_TASK_ROUTES.values():
        assert route["queue"] in settings.WORKER_QUEUES


def test_a_report_never_shares_a_queue_with_a_reminder_or_a_message():
    reports = {queue_of(t) for t in EXPECTED if t.startswith("reports.")}
    others = {queue_of(t) for t in EXPECTED if not t.startswith("reports.")}
    assert reports == {"reports"}
    assert "reports" not in others


def test_the_local_worker_consumes_every_queue():
    """`make run` starts one worker with beat: it must read every queue, or a routed task would
    wait forever."""
    script = (Path(settings.BASE_DIR) / "scripts" / "run_local.sh").read_text()
    command = re.search(r"celery -A servicedesk worker.*?(?<!\\)\n", script, re.S).group(0)
    assert queues_in(command) == set(settings.WORKER_QUEUES)


def test_the_test_suites_live_workers_consume_every_queue(monkeypatch):
    """The live tests' workers (tests/live_workers.py) read every queue unless a test gives
    them one of their own."""
    from tests import live_workers

    started = []

    class Recorded:
        pid = 0

    def popen(command, **kwargs):
        started.append(command)
        return Recorded()

    monkeypatch.setattr(live_workers.subprocess, "Popen", popen)
    workers = live_workers.Workers("routing")
    workers.start()
    workers.start(queue="own")
    assert queues_in(shlex.join(started[0])) == set(settings.WORKER_QUEUES)
    assert queues_in(shlex.join(started[1])) == {"own"}


@pytest.mark.smoke
@pytest.mark.live
def test_a_worker_started_as_make_run_starts_it_answers_on_every_queue():
    """A real worker on the real broker (the filesystem transport on the embedded default, Redis
    in CI) takes a message from each queue."""
    from servicedesk.tasks import ping
    from tests.live_workers import Workers, celery_sends_to

    with celery_sends_to(), Workers("every-queue") as workers:
        worker = workers.start()
        results = {queue: ping.apply_async(queue=queue) for queue in settings.WORKER_QUEUES}
        try:
            answers = {queue: result.get(timeout=60) for queue, result in results.items()}
        except Exception as exc:
            pytest.fail(f"no answer ({exc!r}); worker said:\n{workers.output(worker)}")
    assert answers == dict.fromkeys(settings.WORKER_QUEUES, "pong")

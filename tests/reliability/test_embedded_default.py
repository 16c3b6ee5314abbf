"""The embedded default holds a shop's counter: `make run` (scripts/run_local.sh) on a SQLite
file and the filesystem broker, the threaded development server and a real Celery worker with
beat writing the same file at once. Real threads through the real server: no 500, no "database
is locked", every decision, transition and message exactly once; links built with the port the
site was given; the terminal ends with the address and the logins, once the server answers."""

import textwrap
import threading

import pytest

from complaints.models import ComplaintChannel
from tests.embedded_site import READY_LINE, EmbeddedSite, wait_for

pytestmark = [pytest.mark.smoke, pytest.mark.live]
RACERS = 10
MESSAGES = 12


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with EmbeddedSite(tmp_path_factory.mktemp("make-run")) as running:
        yield running


def race(calls) -> list[int]:
    """Run the calls at the same moment, each in its own thread: their HTTP statuses, sorted."""
    barrier = threading.Barrier(len(calls))
    statuses: list[int] = []
    errors: list[BaseException] = []

    def run(call):
        try:
            barrier.wait()
            statuses.append(call().status)
        except BaseException as exc:  # surfaced below, not lost in the thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return sorted(statuses)


def open_complaint(site, words: str) -> int:
    answer = site.api("advisor").post(
        "/api/v1/complaints/",
        {"customer_words": words, "channel": ComplaintChannel.values[0], "severity": "normal"},
    )
    assert answer.status == 201, answer.body
    return answer.json()["id"]


def queue_messages(site, count: int) -> list[str]:
    """``count`` emails queued in one go, as a job queues them: the worker delivers them while
    the web server writes. Their addresses."""
    addresses = [f"exactly-once-{n}@example.invalid" for n in range(count)]
    site.manage(
        "shell",
        "-c",
        textwrap.dedent(f"""
            from django.db import transaction
            from servicedesk.accounts.models import Shop
            from servicedesk.outbox.services import message_queue
            shop = Shop.objects.order_by("pk").first()
            with transaction.atomic():
                for address in {addresses!r}:
                    message_queue(
                        shop_id=shop.pk, key="exactly-once:" + address, kind="survey_check",
                        channel="email", to=address, language="en", subject="Once only",
                        body="Sent once.",
                    )
        """),
    )
    return addresses


def test_it_prints_the_address_and_the_logins_last_once_the_server_answers(site):
    printed = site.terminal()
    # Read at once: the moment the script says it is ready, the server answers.
    assert site.api().get("/healthz").status in (200, 503)
    lines = [line for line in printed.splitlines() if line.strip()]
    assert lines[-1] == READY_LINE
    assert printed.count(f"ServiceDesk is at http://127.0.0.1:{site.port}/") == 1
    assert printed.count("Logins (password 'demo'):") == 1
    assert printed.index("ServiceDesk is at") < printed.index("Logins") < printed.index(READY_LINE)
    # The worker's banner and the server's chatter are in the logs, not over the logins.
    assert "celery@" not in printed and "[config]" not in printed
    assert "celery@" in site.log("worker") and "Starting development server" in site.log("web")


def test_a_link_in_a_message_has_the_port_it_was_started_with(site):
    assert site.port != 8000
    # A delivery whose survey has come due; the worker's job writes the customer the link.
    site.manage(
        "shell",
        "-c",
        textwrap.dedent("""
            from datetime import timedelta
            from django.utils import timezone
            from servicedesk.outbox.models import Reminder
            from surveys.models import SurveySettings
            from surveys.services import _window
            from surveys.tasks import send_due
            from vehicles.models import WorkOrder
            wo = WorkOrder.objects.filter(status="delivered", surveys__isnull=True).first()
            low, high = _window(timezone.now(), SurveySettings())
            wo.delivered_at = high - timedelta(hours=1)
            wo.save(update_fields=["delivered_at"])
            Reminder.objects.filter(key=f"survey:{wo.pk}").delete()
            customer = wo.customer
            customer.email, customer.preferred_channel = "link@example.invalid", "email"
            customer.save(update_fields=["email", "preferred_channel"])
            send_due.delay()
        """),
    )
    query = "SELECT body FROM outbox_outboundmessage WHERE kind = 'survey_invitation' AND to_ = ?"
    query = query.replace("to_", '"to"')
    assert wait_for(lambda: site.sql(query, "link@example.invalid"), 120), site.log("worker")
    ((body,),) = site.sql(query, "link@example.invalid")
    assert f"http://127.0.0.1:{site.port}/s/" in body
    assert "127.0.0.1:8000" not in body


def test_concurrent_decisions_on_one_remedy_decide_it_once(site):
    complaint = open_complaint(site, "Ten managers click at once")
    remedy = site.api("advisor").post(
        f"/api/v1/complaints/{complaint}/remedies/",
        {"kind": "discount", "amount": "300", "description": "For the wait"},
    )
    assert remedy.status == 201, remedy.body
    path = f"/api/v1/remedies/{remedy.json()['id']}/"
    manager = site.api("manager")
    calls = [
        (lambda verb=("approve", "reject")[n % 2]: manager.post(path + f"{verb}/", {"note": "x"}))
        for n in range(RACERS)
    ]
    assert race(calls) == [200] + [409] * (RACERS - 1)
    history = site.sql(
        "SELECT COUNT(*) FROM complaints_complainthistory WHERE complaint_id = ? "
        "AND kind IN ('remedy_approved', 'remedy_rejected')",
        complaint,
    )
    assert history == [(1,)]


def test_concurrent_transitions_of_one_complaint_move_it_once(site):
    complaint = open_complaint(site, "Everyone starts the investigation")
    advisor, manager = site.api("advisor"), site.api("manager")
    calls = [
        (lambda api=(advisor, manager)[n % 2]: api.post(
            f"/api/v1/complaints/{complaint}/transition/", {"to": "investigating", "note": "go"}
        ))
        for n in range(RACERS)
    ]  # fmt: skip
    assert race(calls) == [200] + [409] * (RACERS - 1)
    moves = site.sql(
        "SELECT COUNT(*) FROM complaints_complainthistory WHERE complaint_id = ? "
        "AND to_state = 'investigating'",
        complaint,
    )
    assert moves == [(1,)]


def test_messages_are_sent_once_while_the_counter_writes(site):
    addresses = queue_messages(site, MESSAGES)
    # The counter keeps writing while the worker delivers.
    advisor = site.api("advisor")
    busy = [
        (lambda n=n: advisor.post(
            "/api/v1/complaints/",
            {"customer_words": f"Busy counter {n}", "channel": ComplaintChannel.values[0]},
        ))
        for n in range(RACERS)
    ]  # fmt: skip
    for _ in range(3):
        assert race(busy) == [201] * RACERS

    queued = (
        "SELECT COUNT(*) FROM outbox_outboundmessage "
        "WHERE key LIKE 'exactly-once:%' AND status = 'queued'"
    )
    assert wait_for(lambda: site.sql(queued) == [(0,)], 180), site.log("worker")
    rows = site.sql(
        "SELECT status, attempts FROM outbox_outboundmessage WHERE key LIKE 'exactly-once:%'"
    )
    assert sorted(rows) == [("sent", 1)] * MESSAGES
    printed = site.log("worker")
    for address in addresses:
        assert printed.count(f"To: {address}") == 1, address
    for log in ("worker", "web"):
        assert "database is locked" not in site.log(log), site.log(log)
        assert "Traceback" not in site.log(log), site.log(log)

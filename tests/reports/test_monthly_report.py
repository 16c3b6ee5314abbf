"""The monthly report: once a shop's month is over in its time zone, its managers get the
month's headline figures against the same month last year, a link to the reports and the
workbook, each in their language, exactly once per shop and month."""

import io
import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection, connections
from django_celery_beat.models import PeriodicTask
from openpyxl import load_workbook

from reports import monthly, tasks
from reports.models import MonthlyReport
from servicedesk.accounts.models import Profile, Role
from servicedesk.exports import XLSX_CONTENT_TYPE
from servicedesk.outbox.models import MessageKind, OutboundMessage
from tests.complaints.factories import ComplaintFactory
from tests.factories import staff

SHANGHAI = ZoneInfo("Asia/Shanghai")
MARCH = monthly.Month(2026, 3)
AFTER_MARCH = datetime(2026, 4, 1, 0, 30, tzinfo=SHANGHAI)


@pytest.fixture
def shop(shop):
    shop.timezone = "Asia/Shanghai"
    shop.language = "en"
    shop.save(update_fields=["timezone", "language"])
    return shop


@pytest.fixture
def march(shop, advisor, time_machine):
    """Two complaints in March 2026 and one in March 2025, in the shop."""
    for moment in ("2025-03-10 10:00", "2026-03-02 09:00", "2026-03-31 23:00"):
        time_machine.move_to(datetime.fromisoformat(moment).replace(tzinfo=SHANGHAI), tick=False)
        ComplaintFactory(shop=shop, user=advisor)
    time_machine.move_to(AFTER_MARCH, tick=False)


def _send(django_capture_on_commit_callbacks, now=AFTER_MARCH):
    with django_capture_on_commit_callbacks(execute=True):
        return monthly.monthly_reports_send(now=now)


def _march_mail(to: str):
    found = [m for m in mail.outbox if m.to == [to] and "2026" in m.subject]
    assert len(found) == 1, [m.subject for m in mail.outbox]
    return found[0]


def test_managers_get_the_months_figures_against_last_year(
    django_capture_on_commit_callbacks, settings, shop, manager, advisor, march
):
    _send(django_capture_on_commit_callbacks)
    email = _march_mail(manager.email)
    assert email.subject == f"{shop.name}: the report of March 2026"
    assert "Complaints: 2 (same month last year: 1; change: +1)" in email.body
    assert f"All the reports: {settings.SITE_URL}/reports/" in email.body
    assert not [m for m in mail.outbox if m.to == [advisor.email]]  # managers only
    message = OutboundMessage.objects.get(recipient=manager, kind=MessageKind.MONTHLY_REPORT)
    assert message.language == "en"


def test_the_workbook_of_the_month_is_attached(
    django_capture_on_commit_callbacks, shop, manager, march
):
    _send(django_capture_on_commit_callbacks)
    ((name, content, content_type),) = _march_mail(manager.email).attachments
    assert name == f"report-{shop.code}-2026-03.xlsx"
    assert content_type == XLSX_CONTENT_TYPE
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Figures", "The month and last year"]
    rows = [[c.value for c in row] for row in book["The month and last year"].iter_rows()]
    assert rows[0] == [
        "Figure", "This month", "Same month last year", "Change against the year before"
    ]  # fmt: skip
    assert ["Complaints", 2, 1, 1] in rows


def test_each_manager_reads_it_in_their_language(
    django_capture_on_commit_callbacks, shop, manager, march
):
    chinese = staff("manager-zh", shop, Role.MANAGER)
    Profile.objects.create(user=chinese, language="zh-hans")
    _send(django_capture_on_commit_callbacks)
    english = _march_mail(manager.email)
    assert "same month last year" in english.body
    zh = _march_mail(chinese.email)
    assert zh.subject == f"{shop.name}：2026年3月报告"
    assert "客户投诉：2（去年同月：1；变化：+1）" in zh.body
    book = load_workbook(io.BytesIO(zh.attachments[0][1]))
    assert book.sheetnames == ["指标", "本月与去年同月"]
    assert OutboundMessage.objects.get(recipient=chinese).language == "zh-hans"


def test_it_sends_once_however_often_it_runs(
    django_capture_on_commit_callbacks, shop, manager, march
):
    first = _send(django_capture_on_commit_callbacks)
    assert len(first) == 1
    sent = len(mail.outbox)
    assert _send(django_capture_on_commit_callbacks) == []
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_monthly_reports()
    assert len(mail.outbox) == sent
    assert MonthlyReport.objects.filter(shop=shop, month=MARCH.first_day).count() == 1
    assert MonthlyReport.objects.get(shop=shop, month=MARCH.first_day).recipients == 1


def test_a_month_claimed_before_sends_nothing(
    django_capture_on_commit_callbacks, shop, manager, march
):
    """The second of two workers finds the month taken (on PostgreSQL it waits for the first
    one's commit; the threaded test below shows it)."""
    MonthlyReport.objects.create(shop=shop, month=MARCH.first_day)
    with django_capture_on_commit_callbacks(execute=True):
        assert monthly.monthly_report_send(shop_id=shop.pk, month=MARCH, now=AFTER_MARCH) is None
    assert not mail.outbox


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_it_once(shop, manager):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions are only real on PostgreSQL")
    barrier = threading.Barrier(2)
    outcomes: list = []

    def run():
        try:
            barrier.wait()
            report = monthly.monthly_report_send(shop_id=shop.pk, month=MARCH, now=AFTER_MARCH)
            outcomes.append(report is not None)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == [False, True]
    assert MonthlyReport.objects.filter(shop=shop, month=MARCH.first_day).count() == 1
    assert OutboundMessage.objects.filter(kind=MessageKind.MONTHLY_REPORT).count() == 1


def test_nothing_goes_before_the_month_is_over_in_the_shops_time_zone(
    django_capture_on_commit_callbacks, shop, manager, time_machine
):
    last_minute = datetime(2026, 3, 31, 23, 59, tzinfo=SHANGHAI)
    time_machine.move_to(last_minute, tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert monthly.monthly_report_send(shop_id=shop.pk, month=MARCH, now=last_minute) is None
    _send(django_capture_on_commit_callbacks, now=last_minute)  # sends February, not March
    assert list(MonthlyReport.objects.values_list("month", flat=True)) == [
        monthly.Month(2026, 2).first_day
    ]
    # In UTC it is still 31 March at 00:30 Shanghai time; the shop's month is over all the same.
    _send(django_capture_on_commit_callbacks, now=AFTER_MARCH)
    assert MonthlyReport.objects.filter(month=MARCH.first_day).exists()


def test_managers_without_an_address_are_skipped(
    django_capture_on_commit_callbacks, shop, manager, march
):
    manager.email = ""
    manager.save(update_fields=["email"])
    _send(django_capture_on_commit_callbacks)
    assert not mail.outbox
    assert MonthlyReport.objects.get(shop=shop, month=MARCH.first_day).recipients == 0


def test_the_setting_switches_it_off(django_capture_on_commit_callbacks, settings, manager, march):
    settings.MONTHLY_REPORT_EMAIL = False
    assert _send(django_capture_on_commit_callbacks) == []
    assert not mail.outbox and not MonthlyReport.objects.exists()


@pytest.mark.parametrize(
    ("month", "previous", "after"),
    [((2026, 1), (2025, 12), (2026, 2)), ((2026, 12), (2026, 11), (2027, 1))],
)
def test_months_run_across_the_year(month, previous, after):
    assert monthly.Month(*month).previous() == monthly.Month(*previous)
    assert monthly.Month(*month).next() == monthly.Month(*after)


def test_the_schedule_runs_the_job_every_hour(db):
    task = PeriodicTask.objects.get(task="reports.send_monthly_reports")
    assert task.enabled
    assert (task.crontab.minute, task.crontab.hour, task.crontab.day_of_month) == ("5", "*", "*")

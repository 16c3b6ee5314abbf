"""The annual statistics count remedies' money from the rows the cashier settles: approved
discounts, compensation and refunds, in the shop's year of their approval."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from complaints import services
from complaints.models import CustomerSettlement
from reports.export import flat_rows
from reports.figures import compute_annual
from reports.models import ReportJob
from reports.services import report_job_run
from servicedesk.accounts.models import Role
from tests.complaints.factories import ComplaintFactory
from tests.factories import staff

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def shanghai(shop):
    shop.timezone = "Asia/Shanghai"
    shop.save(update_fields=["timezone"])
    return shop


def _money(time_machine, shop, when, *, advisor, manager, kind, amount, approve=True):
    time_machine.move_to(when, tick=False)
    c = ComplaintFactory(shop=shop, user=advisor)
    remedy = services.remedy_propose(complaint_pk=c.pk, user=advisor, kind=kind, amount=amount)
    services.remedy_decide(pk=remedy.pk, user=manager, approve=approve)
    return CustomerSettlement.objects.filter(remedy=remedy).first()


@pytest.fixture
def year_of_money(time_machine, shanghai, other_shop, advisor, manager, cashier):
    def money(when, kind, amount, **kw):
        return _money(
            time_machine, shanghai, when, advisor=advisor, manager=manager, kind=kind,
            amount=amount, **kw,
        )  # fmt: skip

    paid = money(datetime(2025, 3, 1, 10, tzinfo=SH), "discount", "200")
    money(datetime(2025, 6, 1, 10, tzinfo=SH), "discount", "50.50")
    refund = money(datetime(2025, 8, 1, 10, tzinfo=SH), "refund", "300")
    money(datetime(2025, 9, 1, 10, tzinfo=SH), "compensation", "120")
    # 1 January 00:30 in Shanghai is still 31 December in UTC: it belongs to 2026.
    money(datetime(2026, 1, 1, 0, 30, tzinfo=SH), "refund", "999")
    # 31 December 23:30 in Shanghai belongs to 2025.
    money(datetime(2025, 12, 31, 23, 30, tzinfo=SH), "compensation", "30")
    money(datetime(2025, 10, 1, 10, tzinfo=SH), "refund", "777", approve=False)  # rejected
    south = staff("south-adv", other_shop, Role.ADVISOR)
    south_manager = staff("south-mgr", other_shop, Role.MANAGER, on_duty=True)
    _money(
        time_machine, other_shop, datetime(2025, 5, 1, tzinfo=SH), advisor=south,
        manager=south_manager, kind="refund", amount="5000",
    )  # fmt: skip
    time_machine.move_to(datetime(2026, 2, 1, 10, tzinfo=SH), tick=False)
    services.customer_settlement_settle(pk=paid.pk, user=cashier)
    services.customer_settlement_settle(pk=refund.pk, user=cashier)
    return shanghai


def test_it_counts_approved_money_by_kind_in_the_shops_year(year_of_money):
    figures = compute_annual(year_of_money.pk, 2025, now=datetime(2026, 3, 1, tzinfo=SH))
    assert figures["customer_settlements"] == {
        "count": 5,
        "amount": "700.50",
        "settled": 2,
        "settled_amount": "500.00",
        "by_kind": {
            "discount": {"count": 2, "amount": "250.50"},
            "compensation": {"count": 2, "amount": "150.00"},
            "refund": {"count": 1, "amount": "300.00"},
        },
    }


def test_the_figures_are_the_cashiers_rows(year_of_money):
    """The statistics and the cashier's list cannot disagree: one set of rows."""
    figures = compute_annual(year_of_money.pk, 2025, now=datetime(2026, 3, 1, tzinfo=SH))
    start, end = datetime(2025, 1, 1, tzinfo=SH), datetime(2026, 1, 1, tzinfo=SH)
    rows = CustomerSettlement.objects.filter(
        shop=year_of_money, raised_at__gte=start, raised_at__lt=end
    )
    assert figures["customer_settlements"]["count"] == rows.count()
    assert Decimal(figures["customer_settlements"]["amount"]) == sum(r.amount for r in rows)


def test_a_year_without_money_counts_zero(shop):
    figures = compute_annual(shop.pk, 2025, now=datetime(2026, 3, 1, tzinfo=SH))
    assert figures["customer_settlements"]["count"] == 0
    assert figures["customer_settlements"]["amount"] == "0.00"


def test_the_csv_and_the_page_name_the_figures(year_of_money, browser_as, shop):
    rows = {key: (label, value) for key, label, value in flat_rows(
        compute_annual(year_of_money.pk, 2025, now=datetime(2026, 3, 1, tzinfo=SH))
    )}  # fmt: skip
    assert rows["customer_settlements.by_kind.refund.amount"][1] == "300.00"
    assert "Refund" in rows["customer_settlements.by_kind.refund.amount"][0]
    job = ReportJob.objects.create(shop=shop, year=2025)
    report_job_run(job_id=job.pk)
    page = browser_as(staff("money-manager", shop, Role.MANAGER)).get(
        f"/reports/annual-satisfaction/2025/?shop={shop.pk}"
    )
    html = page.content.decode()
    assert "Remedies&#x27; money to customers" in html or "Remedies' money to customers" in html
    assert "700.50" in html and "250.50" in html

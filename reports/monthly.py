"""The monthly report: once a shop's month is over in its time zone, the month's headline
figures against the same month last year, a link to the reports and the figures as a workbook,
emailed to the shop's managers, each in their language, exactly once per shop and month.

Once: the month is claimed (``MonthlyReport``, unique per shop and month) in the transaction
that queues the emails in the outbox (whose keys are unique too); a second run, or a second
worker at the same moment, finds the month taken and sends nothing. If anything fails before
the commit, the claim goes with it and the next run tries again."""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from servicedesk.accounts.models import Membership, Role, Shop
from servicedesk.accounts.selectors import language_for
from servicedesk.exports import XLSX_CONTENT_TYPE
from servicedesk.outbox.models import Channel, MessageKind
from servicedesk.outbox.services import Attachment, message_queue, render

from .export import figures_workbook
from .figures import HEADLINE, compute_period
from .labels import label
from .models import MonthlyReport


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    def next(self) -> "Month":
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> "Month":
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    def bounds(self, shop: Shop) -> tuple[datetime, datetime]:
        """From the first of the month 00:00 to the first of the next, in the shop's time zone."""
        tz = ZoneInfo(shop.timezone)
        after = self.next()
        return (
            datetime(self.year, self.month, 1, tzinfo=tz),
            datetime(after.year, after.month, 1, tzinfo=tz),
        )


def month_over(shop: Shop, now: datetime) -> Month:
    """The shop's last month that is over at ``now``: the one before the month it is in."""
    local = now.astimezone(ZoneInfo(shop.timezone))
    return Month(local.year, local.month).previous()


def monthly_reports_send(*, now: datetime | None = None) -> list[int]:
    """The schedule's call: every shop's last finished month, where not sent yet. Returns the
    ids of the months claimed now."""
    if not settings.MONTHLY_REPORT_EMAIL:
        return []
    now = now or timezone.now()
    claimed = []
    for shop in Shop.objects.order_by("pk"):
        month = month_over(shop, now)
        if MonthlyReport.objects.filter(shop=shop, month=month.first_day).exists():
            continue
        report = monthly_report_send(shop_id=shop.pk, month=month, now=now)
        if report is not None:
            claimed.append(report.pk)
    return claimed


def _claim(shop: Shop, month: Month) -> MonthlyReport | None:
    try:
        with transaction.atomic():
            return MonthlyReport.objects.create(shop=shop, month=month.first_day)
    except IntegrityError:
        if MonthlyReport.objects.filter(shop=shop, month=month.first_day).exists():
            return None
        raise


def _managers(shop: Shop) -> list:
    memberships = (
        Membership.objects.filter(shop=shop, role=Role.MANAGER, user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "user__profile")
        .order_by("user_id")
    )
    return [m.user for m in memberships]


@transaction.atomic
def monthly_report_send(*, shop_id: int, month: Month, now: datetime) -> MonthlyReport | None:
    """Claim ``month`` of the shop and queue its report to each manager with an address; None
    when the month was claimed before, or is not over yet at ``now``."""
    shop = Shop.objects.get(pk=shop_id)
    start, end = month.bounds(shop)
    if end > now:
        return None
    report = _claim(shop, month)
    if report is None:
        return None
    # Read from the primary, in the claim's transaction (servicedesk/db_router.py): a shop's
    # month once a month is not worth a second transaction to reach the replica.
    figures = compute_period(shop, start, end, now=now)
    recipients = _managers(shop)
    for user in recipients:
        language = language_for(user=user, shop=shop)
        subject, body, workbook = _words(shop, month, figures, language=language)
        message_queue(
            shop_id=shop.pk,
            key=f"monthly-report:{shop.pk}:{month.first_day:%Y-%m}:{user.pk}",
            kind=MessageKind.MONTHLY_REPORT,
            channel=Channel.EMAIL,
            to=user.email,
            to_name=user.get_full_name() or user.username,
            language=language,
            subject=subject,
            body=body,
            recipient=user,
            attachments=(
                Attachment(
                    filename=f"report-{shop.code}-{month.first_day:%Y-%m}.xlsx",
                    content=workbook,
                    content_type=XLSX_CONTENT_TYPE,
                ),
            ),
        )
    report.recipients = len(recipients)
    report.save(update_fields=["recipients"])
    return report


def headline_rows(figures: dict) -> list[dict]:
    """The month's headline figures: (name, this month, the same month last year, change),
    named in the active language."""
    keys = list(HEADLINE) + sorted(k for k in figures["current"] if k not in HEADLINE)
    return [
        {
            "figure": label(key),
            "this_month": figures["current"].get(key),
            "same_month_last_year": figures["previous"].get(key),
            "change": figures["change"].get(key),
        }
        for key in keys
    ]


def _number(value) -> str:
    return "—" if value is None else formats.number_format(value)


def _line(row: dict) -> str:
    values = {
        "figure": row["figure"],
        "value": _number(row["this_month"]),
        "before": _number(row["same_month_last_year"]),
    }
    if row["change"] is None:
        return _("%(figure)s: %(value)s (same month last year: %(before)s)") % values
    change = ("+" if row["change"] > 0 else "") + _number(row["change"])
    return _("%(figure)s: %(value)s (same month last year: %(before)s; change: %(change)s)") % {
        **values,
        "change": change,
    }


def _words(shop: Shop, month: Month, figures: dict, *, language: str) -> tuple[str, str, bytes]:
    """Subject, body (the outbox's template of the kind) and workbook of the report."""
    with translation.override(language):
        month_name = formats.date_format(month.first_day, "YEAR_MONTH_FORMAT")
        rows = headline_rows(figures)
        lines = "\n".join(_line(row) for row in rows)
        start, end = month.bounds(shop)
        workbook = figures_workbook(
            {
                "shop": {"code": shop.code, "name": shop.name},
                "period": {"start": start.date(), "end": end.date()},
                "month_headline": rows,
            }
        )
    subject, body, _text = render(
        kind=MessageKind.MONTHLY_REPORT,
        language=language,
        context={
            "shop": shop.name,
            "month": month_name,
            "figures": lines,
            "url": settings.SITE_URL + reverse("reports:dashboard"),
        },
    )
    return subject, body, workbook

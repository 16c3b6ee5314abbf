"""Translated names of the figures, shared by the page, the PDF and the CSV."""

from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from complaints.models import Category, RemedyKind, Responsibility, Severity

from .figures.complaints import UNSET

SECTIONS = {
    "shop": _("Shop"),
    "period": _("Period"),
    "interactions": _("Interactions"),
    "work_orders": _("Work orders"),
    "surveys": _("Surveys"),
    "complaints": _("Complaints"),
    "by_category": _("By category"),
    "by_severity": _("By severity"),
    "by_responsibility": _("By responsibility"),
    "first_response": _("Time to first response"),
    "close": _("Time to close"),
    "distribution": _("Distribution"),
    "resolution": _("Resolution"),
    "corrective_actions": _("Corrective actions"),
    "supplier_deductions": _("Supplier deductions"),
    "customer_settlements": _("Remedies' money to customers"),
    "by_kind": _("By kind"),
    "root_causes": _("Top root causes"),
    "monthly": _("Monthly trend"),
    "advisors": _("Advisors"),
    "previous_year": _("The year before"),
    "figures": _("Figures"),
    "change": _("Change against the year before"),
    "month_headline": _("The month and last year"),
}

FIELDS = {
    "reopen_rate": _("Reopened (%)"),
    "comebacks_per_100_delivered": _("Comebacks per 100 delivered (%)"),
    "ca_on_time_share": _("Corrective actions on time (%)"),
    "complaint_money": _("Money paid for complaints"),
    "id": _("Number"),
    "code": _("Code"),
    "name": pgettext_lazy("shop", "Name"),
    "timezone": _("Time zone"),
    "year": _("Year"),
    "start": _("From"),
    "end": _("Until"),
    "partial": _("Year still running"),
    "as_of": _("Figures as of"),
    "computed_at": _("Computed at"),
    "figure": _("Figure"),
    "this_month": _("This month"),
    "same_month_last_year": _("Same month last year"),
    "total": _("Total"),
    "completed": _("Completed the cycle"),
    "closed_early": _("Closed early"),
    "open": _("Still open"),
    "escalated": _("Escalated"),
    "keep_satisfaction_answers": _("Satisfaction asked at keep"),
    "keep_satisfaction_mean": _("Mean satisfaction at keep (1–5)"),
    "delivered": _("Delivered"),
    "opened": pgettext_lazy("work orders", "Opened"),
    "comebacks": _("Comebacks"),
    "comebacks_confirmed": _("Comebacks related to earlier work"),
    "comeback_rate": _("Comebacks per 100 opened (%)"),
    "sent": _("Sent"),
    "answered": _("Answered"),
    "response_rate": _("Response rate (%)"),
    "csat_answers": _("CSAT answers"),
    "csat_mean": _("CSAT mean (1–5)"),
    "csat_top2": _("CSAT 4 or 5"),
    "csat_top2_share": _("CSAT 4 or 5 (%)"),
    "nps_answers": _("NPS answers"),
    "promoters": _("Promoters (9–10)"),
    "passives": _("Passives (7–8)"),
    "detractors": _("Detractors (0–6)"),
    "nps": _("NPS"),
    "supplier_share": _("Supplier responsible (%)"),
    "repeat": _("Repeat complaints"),
    "repeat_share": _("Repeat complaints (%)"),
    "per_100_work_orders": _("Complaints per 100 work orders"),
    "responded": _("Responded"),
    "closed": pgettext_lazy("complaint state", "Closed"),
    "resolved": _("Resolved"),
    "median_hours": _("Median (hours)"),
    "p90_hours": _("90th percentile (hours)"),
    "within_target": _("Within target"),
    "assessed": _("Assessed against the target"),
    "within_target_share": _("Within target (%)"),
    "due": _("Due in the year"),
    "done_on_time": _("Done on time"),
    "done_late": _("Done late"),
    "open_overdue": _("Open and overdue"),
    "on_time_share": _("On time (%)"),
    "verified_effective": _("Verified effective"),
    "verified_not_effective": _("Verified not effective"),
    "count": _("Count"),
    "applied": _("Applied"),
    "amount": _("Amount"),
    "settled": _("Paid"),
    "settled_amount": _("Amount paid"),
    "cause": _("Root cause"),
    "month": _("Month"),
    "interactions": _("Interactions"),
    "work_orders_delivered": _("Work orders delivered"),
    "surveys_sent": _("Surveys sent"),
    "surveys_answered": _("Surveys answered"),
    "complaints": _("Complaints"),
    "complaints_per_100_work_orders": _("Complaints per 100 work orders"),
    "first_response_median_hours": _("Median time to first response (hours)"),
    "first_response_within_target_share": _("First response within target (%)"),
    "close_median_hours": _("Median time to close (hours)"),
    "resolution_within_target_share": _("Resolved within target (%)"),
    "repeat_complaints": _("Repeat complaints"),
    "lt_1d": _("under 1 day"),
    "1_3d": _("1–3 days"),
    "3_7d": _("3–7 days"),
    "7_14d": _("7–14 days"),
    "14_30d": _("14–30 days"),
    "gte_30d": _("30 days or more"),
    UNSET: _("Not set yet"),
}
for _choices in (Category, Severity, Responsibility, RemedyKind):
    for _value, _label in _choices.choices:
        FIELDS.setdefault(_value, _label)


def label(key: str) -> str:
    if key.startswith("category:"):
        key = key.split(":", 1)[1]
        return f"{SECTIONS['by_category']}: {FIELDS.get(key, key)}"
    return str(FIELDS.get(key) or SECTIONS.get(key) or key)


def month_name(number: int) -> str:
    return str(MONTHS[number])

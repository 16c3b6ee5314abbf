"""The period a report covers, ``?from=&to=`` (dates, both days included): one form for the
quality page and the group dashboard, their pages and their APIs. A date left out is the
default's (this year so far); a date given empty, or not a date, is refused like any other."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from servicedesk.dates import validate_plausible

MAX_YEARS = 3
FROM_AFTER_TO = _("The start of the period is after its end.")
TOO_LONG = _("A period is at most three years long.")


class PeriodForm(forms.Form):
    """The start not after the end, at most ``MAX_YEARS`` apart."""

    locals()["from"] = forms.DateField(  # a Python keyword: the field is added by name
        label=_("From"), validators=[validate_plausible], widget=forms.DateInput({"type": "date"})
    )
    to = forms.DateField(
        label=_("To"), validators=[validate_plausible], widget=forms.DateInput({"type": "date"})
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end:
            if start > end:
                self.add_error("to", FROM_AFTER_TO)
            elif end >= _years_after(start, MAX_YEARS):
                self.add_error("to", TOO_LONG)
        return data


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def year_so_far(today: date) -> tuple[date, date]:
    return date(today.year, 1, 1), today


def period_form(params, *, today: date) -> PeriodForm:
    """The form bound to ``params`` (a query dict), a date left out this year so far's as of
    ``today`` (the shop's today for one shop, the site's for a group of them)."""
    start, end = year_so_far(today)
    return PeriodForm(
        {
            "from": params.get("from", start.isoformat()),
            "to": params.get("to", end.isoformat()),
        }
    )

"""The period a group dashboard covers: ``?from=&to=`` (dates), this year so far when blank."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from servicedesk.dates import validate_plausible

BACKWARDS = _("The end of the period comes before its start.")
TOO_LONG = _("Choose a period of at most %(years)s years.")
MAX_YEARS = 5


class PeriodForm(forms.Form):
    """``from`` and ``to`` are Python keywords: the fields are added by name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from"] = forms.DateField(
            label=pgettext_lazy("date range", "From"),
            required=False,
            validators=[validate_plausible],
            widget=forms.DateInput(attrs={"type": "date"}),
        )
        self.fields["to"] = forms.DateField(
            label=pgettext_lazy("date range", "To"),
            required=False,
            validators=[validate_plausible],
            widget=forms.DateInput(attrs={"type": "date"}),
        )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        today = timezone.localdate()
        start = data.get("from") or date(today.year, 1, 1)
        end = data.get("to") or today
        if end < start:
            self.add_error("to", BACKWARDS)
        elif (end - start).days > MAX_YEARS * 366:
            self.add_error("from", TOO_LONG % {"years": MAX_YEARS})
        data["from"], data["to"] = start, end
        return data

from datetime import date

from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from .models import Weekday


class OnDutyForm(forms.Form):
    shop = forms.IntegerField(widget=forms.HiddenInput)
    on_duty = forms.BooleanField(label=_("On duty"), required=False)


def _language_choices():
    # Each language named in itself, as the switcher in the top bar names it.
    return [("", _("None: the shop's language"))] + [
        (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
    ]


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Your language"),
        choices=_language_choices,
        required=False,
        help_text=_(
            "The site and every message to you (emails, reminders) are written in it. With "
            "none, messages are in the language of the shop they are about."
        ),
    )


BAD_HOLIDAY_LINE = _("Write one holiday a line: the date (YYYY-MM-DD), a space, its name.")


class BusinessHoursForm(forms.Form):
    """The shop's hours per weekday (both times, or neither for a closed day) and its holidays,
    one a line. Every day left empty: open around the clock. The service checks the rest."""

    holidays = forms.CharField(
        label=_("Holidays"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "placeholder": "2026-10-01 National Day"}),
        help_text=_("One a line: the date (YYYY-MM-DD), a space, its name. Closed all day."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for weekday, label in Weekday.choices:
            time_input = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
            self.fields[f"opens_{weekday}"] = forms.TimeField(
                label=_("%(day)s opens") % {"day": label}, required=False, widget=time_input
            )
            self.fields[f"closes_{weekday}"] = forms.TimeField(
                label=_("%(day)s closes") % {"day": label}, required=False, widget=time_input
            )
        # The holidays after the days, as the page reads.
        self.order_fields([f for f in self.fields if f != "holidays"] + ["holidays"])

    def weekday_rows(self):
        return [
            (label, self[f"opens_{weekday}"], self[f"closes_{weekday}"])
            for weekday, label in Weekday.choices
        ]

    def clean_holidays(self) -> list:
        rows = []
        for line in self.cleaned_data["holidays"].splitlines():
            if not line.strip():
                continue
            day, _space, name = line.strip().partition(" ")
            try:
                on = date.fromisoformat(day)
            except ValueError:
                raise forms.ValidationError(BAD_HOLIDAY_LINE) from None
            rows.append((on, name.strip()))
        return rows

    def hours(self) -> dict:
        data = self.cleaned_data
        return {
            weekday: (data.get(f"opens_{weekday}"), data.get(f"closes_{weekday}"))
            for weekday in Weekday.values
        }

    @staticmethod
    def initial_for(calendar) -> dict:
        initial = {
            "holidays": "\n".join(f"{on.isoformat()} {name}" for on, name in calendar["holidays"])
        }
        for weekday, (opens, closes) in calendar["hours"].items():
            initial[f"opens_{weekday}"] = opens
            initial[f"closes_{weekday}"] = closes
        return initial

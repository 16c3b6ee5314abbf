from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _


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

from django import forms
from django.utils.translation import gettext_lazy as _


class OnDutyForm(forms.Form):
    shop = forms.IntegerField(widget=forms.HiddenInput)
    on_duty = forms.BooleanField(label=_("On duty"), required=False)

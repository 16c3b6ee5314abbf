from django import forms
from django.utils.translation import gettext_lazy as _

from servicedesk.limits import NOTE


class CustomerMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Write to your service advisor"),
        max_length=NOTE,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )

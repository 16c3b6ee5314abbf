"""The customer's page of their visit: where the car is, when it is promised, any complaint's
progress in plain words, and a message to the advisor."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from servicedesk.errors import Outcome, submit

from .. import selectors
from ..forms import CustomerMessageForm
from ..services.messages import customer_link_message
from .common import portal_render, portal_view


@portal_view
def status(request, link):
    form = CustomerMessageForm(request.POST or None)
    done = Outcome()
    if request.method == "POST":
        done = submit(form, lambda: customer_link_message(link_pk=link.pk, **form.cleaned_data))
        if done:
            messages.success(request, _("Thank you: your message was sent to the shop."))
            return redirect(f"{request.path}?lang={request.portal_language}")
    context = {**selectors.visit_status(link), "form": form}
    return portal_render(request, link, "portal/status.html", context, status=done.status)

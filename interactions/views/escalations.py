"""The escalation queue and answering one escalation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from servicedesk.errors import Outcome, submit

from .. import permissions, selectors, services
from ..forms import RespondForm
from .common import _is_responder


@login_required
def escalation_queue(request):
    page = Paginator(selectors.open_escalations(user=request.user), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "interactions/escalations.html",
        {"page": page, "can_respond": _is_responder(request.user)},
    )


@login_required
def escalation(request, pk: int):
    item = selectors.escalation_get_for_user(user=request.user, pk=pk)
    form = RespondForm()
    done = Outcome()
    if request.method == "POST":
        form = RespondForm(request.POST)
        done = submit(
            form,
            lambda: services.escalation_respond(
                user=request.user, pk=pk, response=form.cleaned_data["response"]
            ),
        )
        if done:
            messages.success(request, _("Response recorded; the advisor has been notified."))
            return redirect("interactions:escalations")
    can_respond = item.responded_at is None and permissions.may(
        request.user, shop_id=item.shop_id, action="respond"
    )
    return render(
        request,
        "interactions/escalation.html",
        {"item": item, "form": form, "can_respond": can_respond, "now": timezone.now()},
        status=done.status,
    )

"""The front desk's side of the link: the panel on the work order's page (and the interaction's
at help), sending, re-sending and revoking. The pages ask ``customer_link_actions``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from servicedesk.errors import Conflict, Invalid
from vehicles import panels
from vehicles.selectors import work_order_get_for_user

from .. import selectors, services
from ..models import LinkEventKind
from ..services.sending import BOTH

# The link's events whose note the History card shows: the customer's message, and what the
# customer decided (the item, its job and price; the amount signed for).
NOTED = {
    LinkEventKind.MESSAGE,
    LinkEventKind.APPROVED,
    LinkEventKind.DECLINED,
    LinkEventKind.DEFERRED,
    LinkEventKind.SIGNED,
}


def _back(request, work_order_pk: int):
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("vehicles:work-order-detail", work_order_pk)


@login_required
@require_POST
def link_send(request, pk: int):
    """Send (or re-send) the visit's link; ``channel`` empty is the customer's own."""
    work_order = work_order_get_for_user(user=request.user, pk=pk)
    channel = request.POST.get("channel") or None
    try:
        _link, sent = services.customer_link_send(
            user=request.user, work_order_pk=work_order.pk, channel=channel
        )
    except (Invalid, Conflict) as refused:  # role and record refusals go to their page
        messages.error(request, str(refused.message))
    else:
        messages.success(
            request,
            _("The link was sent to the customer (%(channels)s).")
            % {"channels": ", ".join(str(m.get_channel_display()) for m in sent)},
        )
    return _back(request, work_order.pk)


@login_required
@require_POST
def link_revoke(request, pk: int):
    link = services.link_get_for_user(user=request.user, pk=pk)
    try:
        services.customer_link_revoke(user=request.user, pk=link.pk)
    except (Invalid, Conflict) as refused:  # role and record refusals go to their page
        messages.error(request, str(refused.message))
    else:
        messages.success(request, _("The link was revoked: it no longer opens."))
    return _back(request, link.work_order_id)


def panel(work_order, *, request) -> str:
    """The link's card on the work order's page: the panel provider registered with
    ``vehicles.panels``."""
    user = request.user
    actions = services.customer_link_actions(work_order, user)
    if "view" not in actions:
        return ""
    context = {
        "work_order": work_order,
        "portal_actions": actions,
        "next": request.get_full_path(),
        "send_url": reverse("portal:send", args=[work_order.pk]),
        "channels": [
            ("", _("Their usual channel")),
            ("sms", _("Text message")),
            ("email", _("Email")),
            (BOTH, _("Text message and email")),
        ],
        **selectors.link_summary(work_order),
    }
    return render_to_string("portal/_panel.html", context, request=request)


def history(work_order) -> list[panels.HistoryRow]:
    return [
        panels.HistoryRow(
            at=event.at,
            what=event.kind_label,
            who=(event.actor.get_full_name() or event.actor.username)
            if event.actor_id
            else _("the customer, via their link"),
            note=event.note[:200] if event.kind in NOTED else "",
        )
        for event in selectors.link_events(work_order.pk)
    ]

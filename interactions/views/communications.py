"""The communication log: logging a contact with a customer, and the list."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from servicedesk.accounts.selectors import get_for_user
from servicedesk.errors import Outcome, submit
from vehicles.models import Customer, Vehicle, WorkOrder

from .. import selectors, services
from ..forms import CommunicationForm
from ..services.canned_replies import ReplyContext, canned_replies_for
from .common import _cleaned, _ids


@login_required
def communication_new(request):
    """Log a contact with a customer: ``?customer=ID`` (and optionally ``vehicle``,
    ``interaction``) — the customer page links here."""
    customer = get_for_user(
        Customer.objects.select_related("shop"), user=request.user, pk=request.GET.get("customer")
    )
    interaction = None
    if request.GET.get("interaction"):
        interaction = selectors.interaction_get_for_user(
            user=request.user, pk=request.GET["interaction"]
        )
    work_order = None
    if request.GET.get("work_order"):
        work_order = get_for_user(
            WorkOrder.objects.filter(customer=customer),
            user=request.user,
            pk=request.GET["work_order"],
        )
    vehicles = Vehicle.objects.filter(shop_id=customer.shop_id, owner=customer).order_by("plate")
    initial = {"direction": "inbound", "channel": customer.preferred_channel, "kind": "inquiry"}
    if request.GET.get("vehicle"):
        initial["vehicle"] = request.GET["vehicle"]
    form = CommunicationForm(initial=initial, vehicles=vehicles, customer=customer)
    done = Outcome()
    if request.method == "POST":
        form = CommunicationForm(request.POST, vehicles=vehicles, customer=customer)
        done = submit(
            form,
            lambda: services.communication_log(
                user=request.user,
                customer_pk=customer.pk,
                work_order_pk=work_order.pk if work_order else None,
                interaction_pk=interaction.pk if interaction else None,
                learned=form.learned(),
                **_cleaned(form, "direction", "channel", "kind", "summary"),
                **_ids(form, "vehicle"),
            ),
        )
        if done:
            messages.success(request, _("Logged."))
            if interaction is not None:
                return redirect("interactions:detail", pk=interaction.pk)
            # Back to the same form for the next contact, on the same work order if one was given.
            again = {"customer": customer.pk}
            if work_order is not None:
                again["work_order"] = work_order.pk
            return redirect(f"{request.path}?{urlencode(again)}")
    history = selectors.communications_for_customer(customer=customer)[:20]
    context = ReplyContext(
        shop=customer.shop,
        customer=customer,
        work_order=work_order or (interaction.work_order if interaction else None),
    )
    return render(
        request,
        "interactions/communication_new.html",
        {
            "form": form,
            "customer": customer,
            "interaction": interaction,
            "work_order": work_order,
            "history": history,
            "canned": canned_replies_for(user=request.user, context=context),
        },
        status=done.status,
    )


@login_required
def communication_list(request):
    qs = selectors.communications_for_user(user=request.user)
    customer_id = request.GET.get("customer")
    customer = None
    if customer_id:
        customer = get_for_user(Customer.objects.all(), user=request.user, pk=customer_id)
        qs = qs.filter(customer=customer)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "interactions/communications.html", {"page": page, "customer": customer})

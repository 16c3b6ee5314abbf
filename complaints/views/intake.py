"""Opening a complaint from the counter, a work order, a customer's or a vehicle's page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from interactions.models import COMPLAINT_INTAKE
from interactions.selectors import coaching_for
from servicedesk.errors import Forbidden, NotFound, Outcome, submit
from vehicles.models import Customer, Vehicle, WorkOrder

from .. import permissions as rules
from .. import services
from ..forms import IntakeForm, InternalReportForm
from ..models import Source

REPORTED = gettext_noop(
    "Thank you. Nonconformity %(number)s is reported; the people responsible are told."
)


@login_required
def complaint_new(request):
    shops = rules.shops(request.user, "take_in")
    if not shops:
        raise Forbidden()
    initial = {"channel": "in_person"}
    order = None
    if request.GET.get("work_order"):
        try:
            order = WorkOrder.objects.select_related("customer", "vehicle").get(
                pk=request.GET["work_order"], shop_id__in=[s.pk for s in shops]
            )
        except (WorkOrder.DoesNotExist, ValueError):
            raise NotFound() from None
        initial.update(
            shop=order.shop_id,
            customer=order.customer_id,
            vehicle=order.vehicle_id,
            work_order=order.pk,
            comeback=order.comeback_of_id is not None,
        )
    elif request.GET.get("customer") or request.GET.get("vehicle"):
        initial.update(_prefill_customer_vehicle(request.GET, shops=shops))
    form = IntakeForm(request.POST or None, shops=shops, initial=initial)
    done = Outcome()
    if request.method == "POST":
        done = submit(form, lambda: _open(request, form.cleaned_data, shops=shops))
        if done:
            complaint = done.value
            messages.success(request, _("Complaint %(number)s opened.") % {"number": complaint})
            return redirect("complaints:detail", pk=complaint.pk)
    context = {
        "form": form,
        "work_order": order,
        # Beside the form: the four intake steps (seed 003 §3), the calming steps folded.
        "coaching": coaching_for(None, COMPLAINT_INTAKE, language=get_language()),
    }
    return render(request, "complaints/new.html", context, status=done.status)


def _open(request, data, *, shops):
    return services.complaint_open(
        shop_pk=next(s.pk for s in shops if s.pk == data["shop"]),
        user=request.user,
        source=Source.COMEBACK if data["comeback"] else Source.DIRECT,
        customer_words=data["customer_words"],
        channel=data["channel"],
        severity=data["severity"],
        requested_remedy=data["requested_remedy"],
        customer_pk=_pk(data["customer"]),
        customer_name=data["customer_name"],
        vehicle_pk=_pk(data["vehicle"]),
        work_order_pk=_pk(data["work_order"]),
    )


def _pk(record) -> int | None:
    return None if record is None else record.pk


def _prefill_customer_vehicle(params, *, shops) -> dict:
    """From a customer's or vehicle's page: ``customer`` and ``vehicle`` of the handler's shops
    (404 alike for missing and other shops')."""
    shop_ids = [s.pk for s in shops]
    try:
        vehicle = (
            Vehicle.objects.get(pk=params["vehicle"], shop_id__in=shop_ids)
            if params.get("vehicle")
            else None
        )
        customer = (
            Customer.objects.get(pk=params["customer"], shop_id__in=shop_ids)
            if params.get("customer")
            else None
        )
    except (Vehicle.DoesNotExist, Customer.DoesNotExist, ValueError):
        raise NotFound() from None
    customer_id = customer.pk if customer else vehicle.owner_id
    return {
        "shop": (customer or vehicle).shop_id,
        "customer": customer_id,
        "vehicle": vehicle.pk if vehicle else None,
    }


@login_required
def internal_report(request):
    """Seed 003 §1: "Report a problem", reachable from every page for every employee — a
    technician on a tablet included. It opens an internal nonconformity at ``received``, which
    goes on through the same workflow to corrective action."""
    shops = rules.shops(request.user, rules.intake_action(Source.INTERNAL))
    if not shops:
        raise Forbidden()
    form = InternalReportForm(request.POST or None, shops=shops)
    done = Outcome()
    if request.method == "POST":
        done = submit(form, lambda: _report(request, form.cleaned_data, shops=shops))
        if done:
            complaint = done.value
            messages.success(request, _(REPORTED) % {"number": complaint})
            return redirect("complaints:detail", pk=complaint.pk)
    return render(request, "complaints/internal_new.html", {"form": form}, status=done.status)


def _report(request, data, *, shops):
    return services.complaint_open(
        shop_pk=next(s.pk for s in shops if s.pk == data["shop"]),
        user=request.user,
        source=Source.INTERNAL,
        customer_words=data["customer_words"],
        severity=data["severity"],
        work_order_pk=_pk(data["work_order"]),
    )

"""Browser pages for the counter tablet and the workshop. Thin: a form, one service or selector."""

import itertools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from servicedesk.accounts.selectors import get_for_user, shops_for_user
from servicedesk.errors import NotFound, Outcome, submit

from . import actions, forms, invoicing, permissions, selectors, services, timeline
from .models import WorkOrderStatus
from .pdf import invoice_pdf_bytes
from .services.errors import DuplicateCustomer
from .services.work_orders import ACTIONS, vehicle_warranty_covers

# ---------------------------------------------------------------- customers


@login_required
def customer_list(request):
    form = forms.CounterSearchForm(request.GET or None)
    refused = form.is_bound and not form.is_valid()  # e.g. a NUL byte: said, not searched
    q = "" if refused or not form.is_bound else form.cleaned_data["q"]
    if q:
        found = selectors.counter_search(user=request.user, q=q)
        customers, vehicles = found["customers"], found["vehicles"]
    elif refused:
        customers, vehicles = [], []
    else:
        customers, vehicles = list(selectors.customer_list(user=request.user)[:50]), []
    template = "vehicles/_search_results.html" if request.htmx else "vehicles/customer_list.html"
    return render(
        request,
        template,
        {
            "form": form,
            "q": q,
            "customers": customers,
            "vehicles": vehicles,
            "may_add": _may_add_customer(request.user),
        },
        status=400 if refused else 200,
    )


def _may_add_customer(user) -> bool:
    """New customers go to the user's first shop (as customer_create does)."""
    shops = shops_for_user(user)
    return bool(shops) and permissions.may(user, shop_id=shops[0].pk, action="customer")


@login_required
def customer_create(request):
    shops = shops_for_user(request.user)
    if not shops:
        raise NotFound()
    # Asked before the form is shown: a cashier is not offered a form that would refuse them.
    permissions.require(request.user, shop_id=shops[0].pk, action="customer")
    form = forms.CustomerForm(request.POST or None)
    done = Outcome()
    if request.method == "POST":
        done = submit(
            form,
            lambda: services.customer_create(shop=shops[0], user=request.user, **form.cleaned_data),
        )
        if done:
            messages.success(request, _("Customer saved."))
            return redirect("vehicles:customer-detail", done.value.pk)
    return render(
        request,
        "vehicles/customer_form.html",
        {"form": form, "duplicate": _duplicate(done), "title": _("New customer")},
        status=done.status,
    )


def _duplicate(done):
    """The customer already on file that a refused save names, for the page to link."""
    return done.error.existing if isinstance(done.error, DuplicateCustomer) else None


@login_required
def customer_detail(request, pk):
    customer = selectors.customer_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "vehicles/customer_detail.html",
        {
            "customer": customer,
            "may_edit": permissions.may(request.user, shop_id=customer.shop_id, action="customer"),
            "may_add_vehicle": permissions.may(
                request.user, shop_id=customer.shop_id, action="vehicle"
            ),
            "vehicles": list(customer.vehicles.all()),
            "entries": timeline.for_customer(customer, user=request.user),
            "actions": actions.for_subject(customer, user=request.user),
        },
    )


@login_required
def customer_edit(request, pk):
    customer = selectors.customer_get_for_user(user=request.user, pk=pk)
    permissions.require(request.user, shop_id=customer.shop_id, action="customer")
    form = forms.CustomerForm(request.POST or None, instance=customer)
    done = Outcome()
    if request.method == "POST":
        done = submit(
            form,
            lambda: services.customer_update(
                customer=customer, user=request.user, **form.cleaned_data
            ),
        )
        if done:
            messages.success(request, _("Customer saved."))
            return redirect("vehicles:customer-detail", customer.pk)
    return render(
        request,
        "vehicles/customer_form.html",
        {"form": form, "duplicate": _duplicate(done), "customer": customer, "title": customer.name},
        status=done.status,
    )


# ---------------------------------------------------------------- vehicles


@login_required
def vehicle_create(request, customer_pk):
    owner = selectors.customer_get_for_user(user=request.user, pk=customer_pk)
    permissions.require(request.user, shop_id=owner.shop_id, action="vehicle")
    form = forms.VehicleForm(request.POST or None)
    done = Outcome()
    if request.method == "POST":
        done = submit(
            form,
            lambda: services.vehicle_create(
                shop=owner.shop, owner=owner, user=request.user, **form.cleaned_data
            ),
        )
        if done:
            return redirect("vehicles:vehicle-detail", done.value.pk)
    return render(
        request,
        "vehicles/vehicle_form.html",
        {"form": form, "owner": owner},
        status=done.status,
    )


@login_required
def vehicle_edit(request, pk):
    vehicle = selectors.vehicle_get_for_user(user=request.user, pk=pk)
    permissions.require(request.user, shop_id=vehicle.shop_id, action="vehicle")
    form = forms.VehicleEditForm(request.POST or None, instance=vehicle)
    done = Outcome()
    if request.method == "POST":
        done = submit(
            form,
            lambda: services.vehicle_update(
                vehicle=vehicle, user=request.user, **form.cleaned_data
            ),
        )
        if done:
            return redirect("vehicles:vehicle-detail", vehicle.pk)
    return render(
        request,
        "vehicles/vehicle_form.html",
        {"form": form, "owner": vehicle.owner, "vehicle": vehicle},
        status=done.status,
    )


@login_required
def vehicle_detail(request, pk):
    vehicle = selectors.vehicle_get_for_user(user=request.user, pk=pk)
    mileage_form = forms.MileageForm(prefix="m")
    owner_form = forms.OwnerForm(prefix="o", shop_id=vehicle.shop_id)
    open_form = forms.WorkOrderOpenForm(prefix="w", initial={"mileage_in": vehicle.mileage})
    done = Outcome()
    if request.method == "POST":
        which = request.POST.get("form")
        if which == "mileage":
            mileage_form = forms.MileageForm(request.POST, prefix="m")
            done = submit(
                mileage_form,
                lambda: services.vehicle_record_mileage(
                    vehicle=vehicle,
                    user=request.user,
                    km=mileage_form.cleaned_data["km"],
                    reason=mileage_form.cleaned_data["reason"],
                ),
            )
            if done:
                messages.success(request, _("Mileage recorded."))
                return redirect("vehicles:vehicle-detail", vehicle.pk)
        elif which == "owner":
            owner_form = forms.OwnerForm(request.POST, prefix="o", shop_id=vehicle.shop_id)
            done = submit(
                owner_form,
                lambda: services.vehicle_change_owner(
                    vehicle=vehicle, new_owner=owner_form.cleaned_data["owner"], user=request.user
                ),
            )
            if done:
                messages.success(request, _("Owner changed."))
                return redirect("vehicles:vehicle-detail", vehicle.pk)
        elif which == "open":
            open_form = forms.WorkOrderOpenForm(request.POST, prefix="w")
            done = submit(
                open_form,
                lambda: services.work_order_open(
                    vehicle=vehicle, user=request.user, **open_form.cleaned_data
                ),
            )
            if done:
                return redirect("vehicles:work-order-detail", done.value.pk)
        vehicle = selectors.vehicle_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "vehicles/vehicle_detail.html",
        {
            "vehicle": vehicle,
            "may_edit": permissions.may(request.user, shop_id=vehicle.shop_id, action="vehicle"),
            "ownerships": vehicle.ownerships.select_related("customer"),
            "entries": timeline.for_vehicle(vehicle, user=request.user),
            "actions": actions.for_subject(vehicle, user=request.user),
            "mileage_form": mileage_form,
            "owner_form": owner_form,
            "open_form": open_form,
            "covers": vehicle_warranty_covers(vehicle=vehicle),
        },
        status=done.status,
    )


# ---------------------------------------------------------------- work orders


@login_required
def work_order_board(request):
    columns = selectors.work_order_board(user=request.user)
    # Up to 180 cards: each card's link and promised time are made here in one pass, at a
    # fraction of what a {% url %} and a |date per card cost in the template.
    link = reverse("vehicles:work-order-detail", args=[0]).removesuffix("0/")
    for card in itertools.chain.from_iterable(columns.values()):
        card["url"] = f"{link}{card['pk']}/"
        if card["promised_at"]:
            card["promised"] = timezone.localtime(card["promised_at"]).strftime("%m-%d %H:%M")
    return render(
        request,
        "vehicles/work_order_board.html",
        {"columns": [(status, columns[status]) for status in WorkOrderStatus]},
    )


def _detail_context(request, wo, **forms_):
    shop_id = wo.shop_id
    context = {
        "wo": wo,
        "actions": actions.for_subject(wo, user=request.user),
        "lines": list(wo.lines.all()),
        # A new line starts at the shop's tax rate, as the service gives one typed without it.
        "line_form": forms.LineForm(
            prefix="l", shop_id=shop_id, initial={"tax_rate": wo.shop.tax_rate}
        ),
        "edit_form": forms.WorkOrderEditForm(
            instance=wo, initial={"version": wo.version}, prefix="e"
        ),
        "authorize_form": forms.AuthorizeForm(
            prefix="a", initial={"authorized_by_name": wo.customer.name}
        ),
        "deliver_form": forms.DeliverForm(prefix="d", initial={"mileage_out": wo.mileage_in}),
        "cancel_form": forms.CancelForm(prefix="c"),
        "comeback_form": forms.ComebackForm(prefix="cb"),
        "inspections": list(wo.inspections.all()),
        "wo_actions": services.work_order_actions(wo, request.user),
        "invoice": getattr(wo, "invoice", None) if wo.status == WorkOrderStatus.DELIVERED else None,
    }
    context.update(forms_)
    lines = context["lines"]
    context["unauthorized"] = [line for line in lines if line.authorization_id is None]
    context["totals"] = {
        "net": sum((line.net for line in lines), 0),
        "tax": sum((line.tax for line in lines), 0),
        "total": sum((line.total for line in lines), 0),
    }
    if wo.comeback_of_id:
        context["comeback_lines"] = list(wo.comeback_of.lines.all())
    return context


@login_required
def work_order_detail(request, pk):
    wo = selectors.work_order_get_for_user(user=request.user, pk=pk)
    extra = {}
    done = Outcome()
    if request.method == "POST":
        which = request.POST.get("form")
        handlers = {
            "line": _post_line,
            "edit": _post_edit,
            "authorize": _post_authorize,
            "deliver": _post_deliver,
            "cancel": _post_cancel,
            "comeback": _post_comeback,
        }
        handler = handlers.get(which)
        if handler:
            done, extra = handler(request, wo)
            if done:
                return redirect("vehicles:work-order-detail", wo.pk)
            wo = selectors.work_order_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "vehicles/work_order_detail.html",
        _detail_context(request, wo, **extra),
        status=done.status,
    )


def _post_line(request, wo):
    form = forms.LineForm(request.POST, prefix="l", shop_id=wo.shop_id)
    done = submit(
        form,
        lambda: services.work_order_line_add(
            work_order=wo,
            user=request.user,
            **{k: v for k, v in form.cleaned_data.items() if v is not None},
        ),
    )
    return done, {"line_form": form}


def _post_edit(request, wo):
    form = forms.WorkOrderEditForm(request.POST, instance=wo, prefix="e")
    done = submit(
        form,
        lambda: services.work_order_update(
            work_order=wo,
            user=request.user,
            expected_version=form.cleaned_data["version"],
            **{k: form.cleaned_data[k] for k in ("concern", "cause", "correction", "promised_at")},
        ),
    )
    return done, {"edit_form": form}


def _post_authorize(request, wo):
    form = forms.AuthorizeForm(request.POST, prefix="a")
    done = submit(
        form,
        lambda: services.work_order_authorize(
            work_order=wo,
            user=request.user,
            expected_version=request.POST.get("version"),
            **form.cleaned_data,
        ),
    )
    if done:
        messages.success(request, _("Authorization recorded."))
    return done, {"authorize_form": form, "show_authorize": not done}


def _post_deliver(request, wo):
    form = forms.DeliverForm(request.POST, prefix="d")
    done = submit(
        form,
        lambda: services.work_order_deliver(
            work_order=wo,
            user=request.user,
            expected_version=request.POST.get("version"),
            **form.cleaned_data,
        ),
    )
    if done:
        messages.success(request, _("Delivered: the invoice is ready."))
    return done, {"deliver_form": form}


def _post_cancel(request, wo):
    form = forms.CancelForm(request.POST, prefix="c")
    done = submit(
        form,
        lambda: services.work_order_cancel(
            work_order=wo,
            user=request.user,
            expected_version=request.POST.get("version"),
            **form.cleaned_data,
        ),
    )
    return done, {"cancel_form": form}


def _post_comeback(request, wo):
    form = forms.ComebackForm(request.POST, prefix="cb")
    done = submit(
        form,
        lambda: services.work_order_review_comeback(
            work_order=wo, user=request.user, **form.cleaned_data
        ),
    )
    return done, {"comeback_form": form}


STEPS = {
    "start": services.work_order_start,
    "ready": services.work_order_ready,
}


@login_required
@require_POST
def work_order_step(request, pk, step):
    """Start or ready: buttons without a form. A refusal shows why (409 page or message)."""
    wo = selectors.work_order_get_for_user(user=request.user, pk=pk)
    if step not in STEPS:
        raise NotFound()
    done = submit(
        None,
        lambda: STEPS[step](
            work_order=wo, user=request.user, expected_version=request.POST.get("version")
        ),
        request=request,
    )
    if done:
        messages.success(request, _("Done: %(step)s.") % {"step": ACTIONS[step][0]})
    return redirect("vehicles:work-order-detail", wo.pk)


@login_required
@require_POST
def work_order_line_remove(request, pk, line_pk):
    wo = selectors.work_order_get_for_user(user=request.user, pk=pk)
    line = selectors.line_get_for_user(user=request.user, work_order=wo, pk=line_pk)
    submit(
        None, lambda: services.work_order_line_remove(line=line, user=request.user), request=request
    )
    return redirect("vehicles:work-order-detail", wo.pk)


# ---------------------------------------------------------------- inspections


@login_required
@require_POST
def inspection_create(request, pk):
    wo = selectors.work_order_get_for_user(user=request.user, pk=pk)
    done = submit(
        None, lambda: services.inspection_create(work_order=wo, user=request.user), request=request
    )
    if not done:
        return redirect("vehicles:work-order-detail", wo.pk)
    return redirect("vehicles:inspection-detail", done.value.pk)


@login_required
def inspection_detail(request, pk):
    inspection = selectors.inspection_get_for_user(user=request.user, pk=pk)
    item_form = forms.InspectionItemForm(prefix="i")
    photo_errors = {}
    done = Outcome()
    if request.method == "POST":
        which = request.POST.get("form")
        if which == "item":
            item_form = forms.InspectionItemForm(request.POST, prefix="i")
            done = submit(
                item_form,
                lambda: services.inspection_item_add(
                    inspection=inspection, user=request.user, **item_form.cleaned_data
                ),
            )
            if done:
                return redirect("vehicles:inspection-detail", inspection.pk)
        elif which in ("photo", "decision"):
            item = get_for_user(
                inspection.items.select_related("inspection__work_order"),
                user=request.user,
                pk=request.POST.get("item"),
            )
            form = (
                forms.PhotoForm(request.POST, request.FILES)
                if which == "photo"
                else forms.DecisionForm(request.POST)
            )
            done = submit(
                form,
                lambda: (
                    services.inspection_photo_add(
                        item=item, user=request.user, upload=form.cleaned_data["image"]
                    )
                    if which == "photo"
                    else services.inspection_item_decide(
                        item=item, user=request.user, **form.cleaned_data
                    )
                ),
            )
            if done:
                return redirect("vehicles:inspection-detail", inspection.pk)
            photo_errors[item.pk] = " ".join(str(e) for errs in form.errors.values() for e in errs)
        inspection = selectors.inspection_get_for_user(user=request.user, pk=pk)
    items = list(inspection.items.all())
    for item in items:
        item.allowed_actions = services.inspection_item_actions(item, request.user)
    return render(
        request,
        "vehicles/inspection_detail.html",
        {
            "inspection": inspection,
            "items": items,
            "item_form": item_form,
            "photo_form": forms.PhotoForm(),
            "item_errors": photo_errors,
        },
        status=done.status,
    )


# ---------------------------------------------------------------- invoices


def _invoice_context(invoice):
    wo = invoice.work_order
    return {
        "invoice": invoice,
        "wo": wo,
        "lines": list(wo.lines.all()),
        "shop": invoice.shop,
        **invoicing.summary(invoice),
    }


@login_required
def invoice_detail(request, pk):
    invoice = selectors.invoice_get_for_user(user=request.user, pk=pk)
    with translation.override(invoice.language):
        html = render_to_string(
            "vehicles/invoice.html", {**_invoice_context(invoice), "printable": True}, request
        )
    return HttpResponse(html)


@login_required
def invoice_pdf(request, pk):
    invoice = selectors.invoice_get_for_user(user=request.user, pk=pk)
    pdf = invoice_pdf_bytes(invoice, _invoice_context(invoice))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{invoice.number}.pdf"'
    return response

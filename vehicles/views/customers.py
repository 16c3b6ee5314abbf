"""Customers: the counter's search, the customer's page, new and edit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from servicedesk.accounts.selectors import shops_for_user
from servicedesk.errors import NotFound, Outcome, submit

from .. import actions, forms, permissions, selectors, services, timeline
from ..services.errors import DuplicateCustomer

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
            lambda: services.customer_create(
                shop_pk=shops[0].pk, user=request.user, **form.cleaned_data
            ),
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
                pk=customer.pk, user=request.user, **form.cleaned_data
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

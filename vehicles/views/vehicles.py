"""Vehicles: the vehicle's page (mileage, owner, a new work order), new and edit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from servicedesk.errors import Outcome, submit

from .. import actions, forms, permissions, selectors, services, timeline
from ..services.work_orders import vehicle_warranty_covers

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
                shop_pk=owner.shop_id, owner_pk=owner.pk, user=request.user, **form.cleaned_data
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
            lambda: services.vehicle_update(pk=vehicle.pk, user=request.user, **form.cleaned_data),
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
                    pk=vehicle.pk,
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
                    pk=vehicle.pk,
                    new_owner_pk=owner_form.cleaned_data["owner"].pk,
                    user=request.user,
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
                    vehicle_pk=vehicle.pk, user=request.user, **open_form.cleaned_data
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

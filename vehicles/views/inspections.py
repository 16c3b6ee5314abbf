"""Courtesy inspections: items, photos and the customer's decisions."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from servicedesk.accounts.selectors import get_for_user
from servicedesk.errors import Outcome, submit

from .. import forms, selectors, services

# ---------------------------------------------------------------- inspections


@login_required
@require_POST
def inspection_create(request, pk):
    wo = selectors.work_order_get_for_user(user=request.user, pk=pk)
    done = submit(
        None,
        lambda: services.inspection_create(work_order_pk=wo.pk, user=request.user),
        request=request,
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
                    inspection_pk=inspection.pk, user=request.user, **item_form.cleaned_data
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
                        item_pk=item.pk, user=request.user, upload=form.cleaned_data["image"]
                    )
                    if which == "photo"
                    else services.inspection_item_decide(
                        pk=item.pk, user=request.user, **form.cleaned_data
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

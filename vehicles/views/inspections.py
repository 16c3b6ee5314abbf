"""Courtesy inspections: items, photos and the customer's decisions."""

import mimetypes

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from servicedesk.accounts.selectors import get_for_user, shops_for_user
from servicedesk.errors import NotFound, Outcome, submit

from .. import forms, permissions, selectors, services
from ..models import Condition

# ---------------------------------------------------------------- inspections


@login_required
@require_POST
def inspection_create(request, pk):
    wo = selectors.work_order_get_for_user(user=request.user, pk=pk)
    template = request.POST.get("template") or None
    done = submit(
        None,
        lambda: services.inspection_create(
            work_order_pk=wo.pk, user=request.user, template_pk=template
        ),
        request=request,
    )
    if not done:
        return redirect("vehicles:work-order-detail", wo.pk)
    return redirect("vehicles:inspection-detail", done.value.pk)


# The forms posted on an item's card: which form reads them and which service takes them.
ITEM_FORMS = {
    "photo": (
        forms.PhotoForm,
        lambda *, user, item, data: services.inspection_photo_add(
            item_pk=item.pk, user=user, upload=data["image"]
        ),
    ),
    "video": (
        forms.VideoForm,
        lambda *, user, item, data: services.inspection_video_add(
            item_pk=item.pk, user=user, upload=data["video"]
        ),
    ),
    "decision": (
        forms.DecisionForm,
        lambda *, user, item, data: services.inspection_item_decide(pk=item.pk, user=user, **data),
    ),
    "tick": (
        forms.ItemTickForm,
        lambda *, user, item, data: services.inspection_item_update(pk=item.pk, user=user, **data),
    ),
}


@login_required
def inspection_detail(request, pk):
    inspection = selectors.inspection_get_for_user(user=request.user, pk=pk)
    item_form = forms.InspectionItemForm(prefix="i")
    photo_errors = {}
    typed = {}  # item pk -> the refused tick as typed, shown again instead of the item's values
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
        elif which in ITEM_FORMS:
            item = get_for_user(
                inspection.items.select_related("inspection__work_order"),
                user=request.user,
                pk=request.POST.get("item"),
            )
            form_class, call = ITEM_FORMS[which]
            form = form_class(request.POST, request.FILES)
            done = submit(form, lambda: call(user=request.user, item=item, data=form.cleaned_data))
            if done:
                return redirect("vehicles:inspection-detail", inspection.pk)
            photo_errors[item.pk] = " ".join(str(e) for errs in form.errors.values() for e in errs)
            if which == "tick":
                typed[item.pk] = request.POST
        inspection = selectors.inspection_get_for_user(user=request.user, pk=pk)
    items = list(inspection.items.all())
    for item in items:
        item.allowed_actions = services.inspection_item_actions(item, request.user)
        item.tick = typed.get(item.pk) or {
            "condition": item.condition,
            "notes": item.notes,
            "recommended_job": item.recommended_job,
            "price": "" if item.price is None else item.price,
        }
    return render(
        request,
        "vehicles/inspection_detail.html",
        {
            "inspection": inspection,
            "items": items,
            "item_form": item_form,
            "photo_form": forms.PhotoForm(),
            "conditions": Condition.choices,
            "item_errors": photo_errors,
        },
        status=done.status,
    )


# ---------------------------------------------------------------- files, access-checked


def file_response(stored) -> FileResponse:
    """A stored inspection file, answered privately: never cached by a shared cache, never
    sniffed into another type."""
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = mimetypes.guess_type(stored.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def inspection_file(request, kind, pk):
    """A photo, a video or a signature of an inspection, for staff of its shop only: files are
    stored under unguessable names and never linked by their media URL."""
    return file_response(selectors.inspection_file(kind=kind, pk=pk, user=request.user))


# ---------------------------------------------------------------- checklists


def _template_page(request, *, template=None, form=None, status=200):
    return render(
        request,
        "vehicles/inspection_templates.html",
        {
            "templates": selectors.inspection_templates(user=request.user),
            "template": template,
            "form": form,
            "keeps": bool(permissions.shops(request.user, "templates")),
        },
        status=status,
    )


@login_required
def inspection_templates(request):
    """The shop's checklists; its service manager adds one here."""
    shops = permissions.shops(request.user, "templates")
    if request.method == "POST" and not shops:
        # Every member reads the checklists; a role that keeps none is refused its post (403),
        # not shown the list again as if it had been saved.
        member_of = shops_for_user(request.user)
        if not member_of:
            raise NotFound()
        permissions.require(request.user, shop_id=member_of[0].pk, action="templates")
    form = forms.InspectionTemplateForm(request.POST or None) if shops else None
    if request.method != "POST":
        return _template_page(request, form=form)
    done = submit(
        form,
        # A new checklist is in use (as through the API): "active" is for the edit page.
        lambda: services.inspection_template_create(
            user=request.user,
            shop_pk=shops[0].pk,
            name=form.cleaned_data["name"],
            items=form.cleaned_data["items"],
        ),
    )
    if done:
        return redirect("vehicles:inspection-templates")
    return _template_page(request, form=form, status=done.status)


@login_required
def inspection_template_edit(request, pk):
    template = selectors.inspection_template_get_for_user(user=request.user, pk=pk)
    # Asked before the form is shown: only the one who keeps the checklists is offered it.
    permissions.require(request.user, shop_id=template.shop_id, action="templates")
    initial = {
        "name": template.name,
        "items": "\n".join(i.name for i in template.items.all()),
        "active": template.active,
    }
    form = forms.InspectionTemplateForm(request.POST or None, initial=initial)
    if request.method != "POST":
        return _template_page(request, template=template, form=form)
    done = submit(
        form,
        lambda: services.inspection_template_update(
            user=request.user, pk=template.pk, **form.cleaned_data
        ),
    )
    if done:
        return redirect("vehicles:inspection-templates")
    return _template_page(request, template=template, form=form, status=done.status)

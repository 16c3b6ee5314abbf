"""Work orders: the board and the work order's page with its forms and steps."""

import itertools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from servicedesk.errors import NotFound, Outcome, submit

from .. import actions, forms, panels, selectors, services
from ..models import WorkOrderStatus
from ..services.work_orders import ACTIONS

# ---------------------------------------------------------------- work orders


@login_required
def work_order_board(request):
    columns = selectors.work_order_board(user=request.user)
    # Up to 180 cards: each card's link, car and promised time are made here in one pass, at a
    # fraction of what a {% url %}, a |default and a |date per card cost in the template.
    link = reverse("vehicles:work-order-detail", args=[0]).removesuffix("0/")
    for card in itertools.chain.from_iterable(columns.values()):
        card["url"] = f"{link}{card['pk']}/"
        card["car"] = card["vehicle__plate"] or card["vehicle__vin"]
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
        "checklists": list(
            selectors.inspection_templates(user=request.user, shop_id=shop_id).filter(active=True)
        ),
        "wo_actions": services.work_order_actions(wo, request.user),
        "invoice": getattr(wo, "invoice", None) if wo.status == WorkOrderStatus.DELIVERED else None,
        "panels": panels.for_work_order(wo, request=request),
        "history": panels.history_for(wo),
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
            work_order_pk=wo.pk,
            user=request.user,
            **form.line_values(),
        ),
    )
    return done, {"line_form": form}


def _post_edit(request, wo):
    form = forms.WorkOrderEditForm(request.POST, instance=wo, prefix="e")
    done = submit(
        form,
        lambda: services.work_order_update(
            pk=wo.pk,
            user=request.user,
            version=form.cleaned_data["version"],
            **{k: form.cleaned_data[k] for k in ("concern", "cause", "correction", "promised_at")},
        ),
    )
    return done, {"edit_form": form}


def _post_step(form_class, prefix: str, service, form_name: str, success=None):
    """A step of the order taken with a form on its page (authorize, deliver, cancel): the form
    and the page's copy (``version``) sent to the step's service."""

    def post(request, wo):
        form = form_class(request.POST, prefix=prefix)
        done = submit(
            form,
            lambda: service(
                pk=wo.pk,
                user=request.user,
                version=request.POST.get("version"),
                **form.cleaned_data,
            ),
        )
        if done and success:
            messages.success(request, str(success))
        return done, {form_name: form}

    return post


_post_authorize = _post_step(
    forms.AuthorizeForm,
    "a",
    services.work_order_authorize,
    "authorize_form",
    gettext_lazy("Authorization recorded."),
)
_post_deliver = _post_step(
    forms.DeliverForm,
    "d",
    services.work_order_deliver,
    "deliver_form",
    gettext_lazy("Delivered: the invoice is ready."),
)
_post_cancel = _post_step(forms.CancelForm, "c", services.work_order_cancel, "cancel_form")


def _post_comeback(request, wo):
    form = forms.ComebackForm(request.POST, prefix="cb")
    done = submit(
        form,
        lambda: services.work_order_review_comeback(
            pk=wo.pk, user=request.user, **form.cleaned_data
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
        lambda: STEPS[step](pk=wo.pk, user=request.user, version=request.POST.get("version")),
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
        None,
        lambda: services.work_order_line_remove(pk=line.pk, user=request.user),
        request=request,
    )
    return redirect("vehicles:work-order-detail", wo.pk)

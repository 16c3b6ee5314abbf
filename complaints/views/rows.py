"""The forms of one row of a list (or of the complaint's page): decide a remedy, record or verify
an action, apply a deduction, settle money to pay the customer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from servicedesk.errors import submit

from .. import selectors, services
from ..forms import (
    ApplyForm,
    DecisionForm,
    ResultForm,
    SupplierAnswerForm,
    VerifyForm,
)
from .common import back_to, from_list
from .detail import detail_page
from .lists import actions_page, approvals_page, deductions_page, settlements_page


@login_required
@require_POST
def remedy_decide(request, pk):
    remedy = selectors.remedy_get_for_user(user=request.user, pk=pk)
    form = DecisionForm(request.POST)
    back = request.POST.get("next") or reverse("complaints:detail", args=[remedy.complaint_id])
    if not back.startswith("/"):
        back = reverse("complaints:detail", args=[remedy.complaint_id])
    done = submit(
        form,
        lambda: services.remedy_decide(
            pk=remedy.pk,
            user=request.user,
            approve=form.cleaned_data["decision"] == "approve",
            note=form.cleaned_data["note"],
        ),
    )
    if done:
        messages.success(request, _("Decision recorded."))
        return redirect(back)
    row_forms = {("decision", remedy.pk): form}
    if from_list(request, "complaints:approvals"):
        return approvals_page(request, status=done.status, row_forms=row_forms)
    return detail_page(request, remedy.complaint_id, status=done.status, row_forms=row_forms)


def _action_row_view(kind: str, form_class, success, call):
    """A corrective action's row form (its result, its verification) sent to its service,
    ``call(pk, user, data)``; done, back where it was sent from; refused, that page again."""

    @login_required
    @require_POST
    def view(request, pk):
        action = selectors.action_get_for_user(user=request.user, pk=pk)
        form = form_class(request.POST)
        done = submit(form, lambda: call(action.pk, request.user, form.cleaned_data))
        if done:
            messages.success(request, str(success))
            back = reverse("complaints:detail", args=[action.complaint_id])
            return redirect(back_to(request, back))
        return _action_refused(request, action, kind, form, status=done.status)

    return view


def _action_refused(request, action, kind, form, *, status):
    """An action's result or verification refused: its list or its complaint's page again."""
    row_forms = {(kind, action.pk): form}
    if from_list(request, "complaints:actions"):
        return actions_page(request, status=status, row_forms=row_forms)
    return detail_page(request, action.complaint_id, status=status, row_forms=row_forms)


action_result = _action_row_view(
    "result",
    ResultForm,
    gettext_lazy("Result recorded."),
    lambda pk, user, d: services.corrective_action_record_result(
        pk=pk, user=user, result=d["result"]
    ),
)
action_verify = _action_row_view(
    "verify",
    VerifyForm,
    gettext_lazy("Verification recorded."),
    lambda pk, user, d: services.corrective_action_verify(pk=pk, user=user, **d),
)


def _settle_once_view(*, get_for_user, service, kind: str, page, success, back: str):
    """Money a complaint decided, marked done once with the paper's reference from its list
    (``ApplyForm``): refused, the list again with the message under the row's form; done,
    ``success(record)`` as a message and the list at ``back``."""

    @login_required
    @require_POST
    def view(request, pk):
        record = get_for_user(user=request.user, pk=pk)
        form = ApplyForm(request.POST)
        done = submit(
            form,
            lambda: service(
                pk=record.pk, user=request.user, reference=form.cleaned_data["reference"]
            ),
        )
        if not done:
            return page(request, status=done.status, row_forms={(kind, record.pk): form})
        messages.success(request, success(record))
        return redirect(back)

    return view


def _paid_to_the_customer(settlement) -> str:
    return _("%(kind)s %(amount)s for %(number)s marked paid to the customer.") % {
        "kind": settlement.get_kind_display(),
        "amount": settlement.amount,
        "number": settlement.complaint.number,
    }


deduction_apply = _settle_once_view(
    get_for_user=selectors.deduction_get_for_user,
    service=services.supplier_deduction_apply,
    kind="apply",
    page=deductions_page,
    success=lambda deduction: _("Deduction marked applied."),
    back=reverse_lazy("complaints:deductions"),
)


@login_required
@require_POST
def deduction_answer(request, pk):
    """The supplier's answer, from the list of deductions: refused, the list again with the
    answer typed and the reason under it."""
    deduction = selectors.deduction_get_for_user(user=request.user, pk=pk)
    form = SupplierAnswerForm(request.POST)
    done = submit(
        form,
        lambda: services.supplier_deduction_answer(
            pk=deduction.pk, user=request.user, answer=form.cleaned_data["answer"]
        ),
    )
    if not done:
        return deductions_page(
            request, status=done.status, row_forms={("answer", deduction.pk): form}
        )
    messages.success(request, _("The supplier's answer is recorded."))
    return redirect(back_to(request, reverse("complaints:deductions")))


settlement_settle = _settle_once_view(
    get_for_user=selectors.settlement_get_for_user,
    service=services.customer_settlement_settle,
    kind="settle",
    page=settlements_page,
    success=_paid_to_the_customer,
    back=format_lazy("{}?show=settled", reverse_lazy("complaints:settlements")),
)

"""The lists: complaints (and their register as CSV), approvals, corrective actions, supplier
deductions and money to pay customers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from servicedesk.accounts.selectors import shop_ids_for_user
from servicedesk.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, download_response
from servicedesk.pagination import LateRowPaginator

from .. import permissions as rules
from .. import selectors, services
from ..forms import (
    ApplyForm,
    DecisionForm,
    ExportForm,
    ListFilterForm,
    ResultForm,
    VerifyForm,
)
from ..register import register_csv, register_filename, register_xlsx
from .common import render_rows, shown

PAGE_SIZE = 25


@login_required
def complaint_list(request):
    offered = rules.list_filters(request.user)
    form = ListFilterForm(
        request.GET or None, shop_ids=shop_ids_for_user(request.user), offered=offered
    )
    qs = selectors.complaint_list(user=request.user, filters=form.filters())
    page = LateRowPaginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "complaints/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "export_form": ExportForm(),
            "may_open": rules.shops(request.user, "take_in"),
            "offered": offered,
        },
    )


def _register(request):
    """The register's complaints for the export form's dates; None (a message said why) when
    the dates are missing or wrong."""
    form = ExportForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("Choose the first and last day of the register."))
        return None, None
    dates = form.cleaned_data["received_from"], form.cleaned_data["received_to"]
    complaints = selectors.complaint_register(
        user=request.user, received_from=dates[0], received_to=dates[1]
    )
    return dates, complaints


@login_required
def complaint_export(request):
    dates, complaints = _register(request)
    if dates is None:
        return redirect("complaints:list")
    return download_response(
        register_csv(complaints),
        filename=register_filename(*dates, "csv"),
        content_type=CSV_CONTENT_TYPE,
    )


@login_required
def complaint_export_xlsx(request):
    dates, complaints = _register(request)
    if dates is None:
        return redirect("complaints:list")
    return download_response(
        register_xlsx(complaints),
        filename=register_filename(*dates, "xlsx"),
        content_type=XLSX_CONTENT_TYPE,
    )


def approvals_page(request, *, status=200, row_forms=None):
    remedies = list(selectors.remedies_awaiting(user=request.user))
    return render_rows(
        request,
        "complaints/approvals.html",
        remedies,
        ["decision"],
        row_forms,
        status=status,
        remedies=remedies,
        decision_form=DecisionForm(),
    )


@login_required
def approval_queue(request):
    return approvals_page(request)


def actions_page(request, *, status=200, row_forms=None):
    actions = list(
        selectors.actions_for_user(user=request.user, open_only=request.GET.get("all") != "1")
    )
    for action in actions:
        action.allowed_actions = services.corrective_action_actions(action, request.user)
    return render_rows(
        request,
        "complaints/actions.html",
        actions,
        ["result", "verify"],
        row_forms,
        status=status,
        actions=actions,
        result_form=ResultForm(),
        verify_form=VerifyForm(),
        show_all=request.GET.get("all") == "1",
    )


@login_required
def action_list(request):
    return actions_page(request)


def deductions_page(request, *, status=200, row_forms=None):
    show, applied = shown(request, "applied")
    deductions = list(selectors.deductions_for_user(user=request.user, applied=applied))
    for deduction in deductions:
        deduction.allowed_actions = rules.deduction_actions(deduction, request.user)
    return render_rows(
        request,
        "complaints/deductions.html",
        deductions,
        ["apply", "answer"],
        row_forms,
        status=status,
        deductions=deductions,
        show=show,
        apply_form=ApplyForm(),
        may_see_settlements=rules.anywhere(request.user, "see_settlements"),
    )


@login_required
def deduction_list(request):
    return deductions_page(request)


def settlements_page(request, *, status=200, row_forms=None):
    show, settled = shown(request, "settled")
    settlements = list(selectors.settlements_for_user(user=request.user, settled=settled))
    for settlement in settlements:
        settlement.allowed_actions = rules.settlement_actions(settlement, request.user)
    return render_rows(
        request,
        "complaints/settlements.html",
        settlements,
        ["settle"],
        row_forms,
        status=status,
        settlements=settlements,
        show=show,
        settle_form=ApplyForm(),
    )


@login_required
def settlement_list(request):
    """The cashier's list of money to pay customers, beside the supplier deductions."""
    return settlements_page(request)

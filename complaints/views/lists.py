"""The lists: complaints (and their register as CSV), approvals, corrective actions, supplier
deductions and money to pay customers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from servicedesk.accounts.selectors import shop_ids_for_user
from servicedesk.exports import csv_writer
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


@login_required
def complaint_export(request):
    form = ExportForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("Choose the first and last day of the register."))
        return redirect("complaints:list")
    qs = selectors.complaint_list(user=request.user, filters=form.cleaned_data)
    qs = qs.prefetch_related("remedies").order_by("received_at", "pk")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"complaints-{form.cleaned_data['received_from']}-{form.cleaned_data['received_to']}"
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the Chinese as UTF-8
    writer = csv_writer(response)
    writer.writerow(
        [
            _("Number"),
            _("Shop"),
            _("Received at"),
            _("Received by"),
            _("Customer"),
            _("Vehicle"),
            _("Work order"),
            _("Channel"),
            _("Severity"),
            _("Category"),
            _("Responsibility"),
            _("State"),
            _("First response due"),
            _("First responded at"),
            _("Resolution due"),
            _("Resolved at"),
            _("Closed at"),
            _("Agreed remedies total"),
            _("The complaint, in the customer's words"),
        ]
    )

    def when(value):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""

    for c in qs:
        writer.writerow(
            [
                c.number,
                c.shop.name,
                when(c.received_at),
                c.received_by.get_full_name() or c.received_by.username if c.received_by else "",
                c.who,
                c.vehicle.plate if c.vehicle else "",
                c.work_order.number if c.work_order else "",
                c.get_channel_display(),
                c.get_severity_display(),
                c.get_category_display(),
                c.get_responsibility_display(),
                c.get_state_display(),
                when(c.first_response_due),
                when(c.first_responded_at),
                when(c.resolution_due),
                when(c.resolved_at),
                when(c.closed_at),
                sum((r.amount for r in c.remedies.all() if r.agreed), 0),
                c.customer_words,
            ]
        )
    return response


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

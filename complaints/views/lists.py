"""The lists: complaints (and their register as CSV), approvals, corrective actions, supplier
deductions and money to pay customers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from servicedesk.accounts.selectors import shop_ids_for_user
from servicedesk.accounts.templatetags.people import person
from servicedesk.exports import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, download_response
from servicedesk.pagination import LateRowPaginator

from .. import clocks, selectors, services
from .. import permissions as rules
from ..forms import (
    ApplyForm,
    DecisionForm,
    ExportForm,
    ListFilterForm,
    ResultForm,
    VerifyForm,
)
from ..models import Category, PauseReason, Severity, State
from ..register import register_csv, register_filename, register_xlsx
from .common import render_rows, shown

PAGE_SIZE = 25
# What a row of the list shows: the page's complaints without the shop and work order the
# selector joins for others, and only the columns read below.
ROW_RELATED = ("customer", "vehicle", "received_by")
ROW_FIELDS = (
    "number",
    "state",
    "severity",
    "category",
    "received_at",
    "customer_name",
    "paused_since",
    "pause_reason",
    "first_responded_at",
    "first_response_due",
    "resolved_at",
    "resolution_due",
    *ROW_RELATED,
    "customer__name",
    "vehicle__plate",
    "vehicle__make",
    "vehicle__model",
    "vehicle__vin",
    "received_by__username",
    "received_by__first_name",
    "received_by__last_name",
)


def _local(moment) -> str:
    """``|date:"Y-m-d H:i"``, once per value instead of a filter per cell."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _list_rows(complaints) -> list[dict]:
    """The list's rows in one pass: each cell's text made here (a link, a label, a time), at
    a fraction of what a {% url %}, a get_…_display and a |date per cell cost in the template;
    the clocks are still asked of the complaint (clocks.py)."""
    now = timezone.now()
    link = reverse("complaints:detail", args=[0]).removesuffix("0/")
    labels = {
        field: {value: str(label) for value, label in choices.choices}
        for field, choices in (
            ("state", State),
            ("severity", Severity),
            ("category", Category),
            ("pause_reason", PauseReason),
        )
    }
    rows = []
    for c in complaints:
        rows.append(
            {
                "url": f"{link}{c.pk}/",
                "number": c.number,
                "pending_remedies": c.pending_remedies,
                "who": c.who,
                "vehicle": str(c.vehicle) if c.vehicle_id else "",
                "state": labels["state"].get(c.state, c.state),
                "severity": labels["severity"].get(c.severity, c.severity),
                "category": labels["category"].get(c.category, c.category) or "—",
                "received_at": _local(c.received_at),
                "received_by": person(c.received_by),
                "first_response_due": _local(c.first_response_due),
                "first_response_overdue": clocks.RESPONSE.missed(c, now),
                "resolution_due": _local(c.resolution_due),
                "resolution_overdue": clocks.RESOLUTION.missed(c, now),
                "paused_since": c.paused_since,
                "pause_reason": labels["pause_reason"].get(c.pause_reason, c.pause_reason),
                "is_overdue": clocks.overdue(c, now),
            }
        )
    return rows


@login_required
def complaint_list(request):
    offered = rules.list_filters(request.user)
    form = ListFilterForm(
        request.GET or None, shop_ids=shop_ids_for_user(request.user), offered=offered
    )
    qs = selectors.complaint_list(user=request.user, filters=form.filters())
    qs = qs.select_related(None).select_related(*ROW_RELATED).only(*ROW_FIELDS)
    page = LateRowPaginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = _list_rows(page.object_list)
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

"""Browser pages. Each view parses a form, calls one service or selector, and renders; domain
errors go back onto the form (or, as a fallback, to DomainErrorMiddleware)."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from servicedesk.accounts.selectors import role_in_shop, shop_ids_for_user
from servicedesk.errors import Forbidden, NotFound, Outcome, submit
from servicedesk.exports import csv_writer
from servicedesk.pagination import LateRowPaginator
from vehicles.models import Customer, Vehicle, WorkOrder

from . import permissions as rules
from . import selectors, services
from .forms import (
    ActionForm,
    ApplyForm,
    ConfirmationForm,
    DecisionForm,
    DeductionForm,
    ExportForm,
    FactsForm,
    FollowUpForm,
    IntakeForm,
    ListFilterForm,
    RemedyForm,
    ResultForm,
    TransitionForm,
    VerifyForm,
)
from .models import STATE_ORDER, Source, State
from .report import render_report_pdf, report_context, signature_src

PAGE_SIZE = 25


# --- lists -----------------------------------------------------------------------------------


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


# A form of one row of a list (a remedy, an action, a deduction) refused: the list is shown again
# with that row's form as it was sent, its error beside it. ``row_forms``: {(kind, pk): form}. A
# row no longer listed (paid meanwhile, so gone from "to pay") has its error above the list.


def _with_row_forms(rows, row_forms, *kinds) -> str:
    """Set ``row.<kind>_form`` on each row; the errors of a form whose row is not among them."""
    shown = set()
    for row in rows:
        for kind in kinds:
            form = (row_forms or {}).get((kind, row.pk))
            setattr(row, f"{kind}_form", form)
            if form is not None:
                shown.add((kind, row.pk))
    return " ".join(
        str(e)
        for key, form in (row_forms or {}).items()
        if key not in shown
        for errors in form.errors.values()
        for e in errors
    )


def _from_list(request, name: str) -> bool:
    """The row's form was sent from the list ``name`` (its ``next``), not the complaint's page."""
    return urlsplit(request.POST.get("next", "")).path == reverse(name)


def _approvals_page(request, *, status=200, row_forms=None):
    remedies = list(selectors.remedies_awaiting(user=request.user))
    error = _with_row_forms(remedies, row_forms, "decision")
    return render(
        request,
        "complaints/approvals.html",
        {"remedies": remedies, "decision_form": DecisionForm(), "error": error},
        status=status,
    )


@login_required
def approval_queue(request):
    return _approvals_page(request)


def _actions_page(request, *, status=200, row_forms=None):
    actions = list(
        selectors.actions_for_user(user=request.user, open_only=request.GET.get("all") != "1")
    )
    error = _with_row_forms(actions, row_forms, "result", "verify")
    for action in actions:
        action.allowed_actions = services.corrective_action_actions(action, request.user)
    return render(
        request,
        "complaints/actions.html",
        {
            "actions": actions,
            "result_form": ResultForm(),
            "verify_form": VerifyForm(),
            "show_all": request.GET.get("all") == "1",
            "error": error,
        },
        status=status,
    )


@login_required
def action_list(request):
    return _actions_page(request)


def _deductions_page(request, *, status=200, row_forms=None):
    show = request.GET.get("show", "open")
    applied = {"open": False, "applied": True}.get(show)
    deductions = list(selectors.deductions_for_user(user=request.user, applied=applied))
    error = _with_row_forms(deductions, row_forms, "apply")
    cashier_shops = {shop.pk for shop in rules.shops(request.user, "apply_deduction")}
    return render(
        request,
        "complaints/deductions.html",
        {
            "deductions": deductions,
            "show": show,
            "apply_form": ApplyForm(),
            "cashier_shops": cashier_shops,
            "may_see_settlements": rules.anywhere(request.user, "see_settlements"),
            "error": error,
        },
        status=status,
    )


@login_required
def deduction_list(request):
    return _deductions_page(request)


def _settlements_page(request, *, status=200, row_forms=None):
    show = request.GET.get("show", "open")
    settled = {"open": False, "settled": True}.get(show)
    settlements = list(selectors.settlements_for_user(user=request.user, settled=settled))
    for settlement in settlements:
        settlement.allowed_actions = rules.settlement_actions(settlement, request.user)
    error = _with_row_forms(settlements, row_forms, "settle")
    return render(
        request,
        "complaints/settlements.html",
        {"settlements": settlements, "show": show, "settle_form": ApplyForm(), "error": error},
        status=status,
    )


@login_required
def settlement_list(request):
    """The cashier's list of money to pay customers, beside the supplier deductions."""
    return _settlements_page(request)


@login_required
@require_POST
def settlement_settle(request, pk):
    settlement = selectors.settlement_get_for_user(user=request.user, pk=pk)
    form = ApplyForm(request.POST)
    done = submit(
        form,
        lambda: services.customer_settlement_settle(
            pk=settlement.pk, user=request.user, reference=form.cleaned_data["reference"]
        ),
    )
    if not done:
        return _settlements_page(
            request, status=done.status, row_forms={("settle", settlement.pk): form}
        )
    messages.success(
        request,
        _("%(kind)s %(amount)s for %(number)s marked paid to the customer.")
        % {
            "kind": settlement.get_kind_display(),
            "amount": settlement.amount,
            "number": settlement.complaint.number,
        },
    )
    return redirect(f"{reverse('complaints:settlements')}?show=settled")


# --- intake ----------------------------------------------------------------------------------


@login_required
def complaint_new(request):
    shops = rules.shops(request.user, "take_in")
    if not shops:
        raise Forbidden()
    initial = {"channel": "in_person"}
    order = None
    if request.GET.get("work_order"):
        try:
            order = WorkOrder.objects.select_related("customer", "vehicle").get(
                pk=request.GET["work_order"], shop_id__in=[s.pk for s in shops]
            )
        except (WorkOrder.DoesNotExist, ValueError):
            raise NotFound() from None
        initial.update(
            shop=order.shop_id,
            customer=order.customer_id,
            vehicle=order.vehicle_id,
            work_order=order.pk,
            comeback=order.comeback_of_id is not None,
        )
    elif request.GET.get("customer") or request.GET.get("vehicle"):
        initial.update(_prefill_customer_vehicle(request.GET, shops=shops))
    form = IntakeForm(request.POST or None, shops=shops, initial=initial)
    done = Outcome()
    if request.method == "POST":
        done = submit(form, lambda: _open(request, form.cleaned_data, shops=shops))
        if done:
            complaint = done.value
            messages.success(request, _("Complaint %(number)s opened.") % {"number": complaint})
            return redirect("complaints:detail", pk=complaint.pk)
    return render(
        request, "complaints/new.html", {"form": form, "work_order": order}, status=done.status
    )


def _open(request, data, *, shops):
    return services.complaint_open(
        shop=next(s for s in shops if s.pk == data["shop"]),
        user=request.user,
        source=Source.COMEBACK if data["comeback"] else Source.DIRECT,
        customer_words=data["customer_words"],
        channel=data["channel"],
        severity=data["severity"],
        requested_remedy=data["requested_remedy"],
        customer=data["customer"],
        customer_name=data["customer_name"],
        vehicle=data["vehicle"],
        work_order=data["work_order"],
    )


def _prefill_customer_vehicle(params, *, shops) -> dict:
    """From a customer's or vehicle's page: ``customer`` and ``vehicle`` of the handler's shops
    (404 alike for missing and other shops')."""
    shop_ids = [s.pk for s in shops]
    try:
        vehicle = (
            Vehicle.objects.get(pk=params["vehicle"], shop_id__in=shop_ids)
            if params.get("vehicle")
            else None
        )
        customer = (
            Customer.objects.get(pk=params["customer"], shop_id__in=shop_ids)
            if params.get("customer")
            else None
        )
    except (Vehicle.DoesNotExist, Customer.DoesNotExist, ValueError):
        raise NotFound() from None
    customer_id = customer.pk if customer else vehicle.owner_id
    return {
        "shop": (customer or vehicle).shop_id,
        "customer": customer_id,
        "vehicle": vehicle.pk if vehicle else None,
    }


# --- the complaint page ----------------------------------------------------------------------


def _may_determine(user, complaint) -> bool:
    return "determine_nature" in services.complaint_actions(complaint, user)


def _detail_context(request, complaint, row_forms=None, **forms):
    user = request.user
    role = role_in_shop(user, complaint.shop_id)
    offered = services.complaint_actions(complaint, user)
    remedies = list(complaint.remedies.all())
    authority = None  # read once, and only when some remedy awaits a decision
    for remedy in remedies:
        remedy.may_decide = False
        if remedy.status == "pending":
            authority = authority or rules.approval_authority(user, shop_id=complaint.shop_id)
            remedy.may_decide = rules.may_approve(user, remedy=remedy, authority=authority)
    actions = list(complaint.corrective_actions.all())
    _with_row_forms(remedies, row_forms, "decision")
    _with_row_forms(actions, row_forms, "result", "verify")
    for action in actions:
        action.allowed_actions = services.corrective_action_actions(action, user)
    buttons = []
    for state in services.next_states(complaint):
        name = services.transition_action(complaint, state)
        if name not in offered:
            continue
        if name == "skip":
            buttons.append({"to": state, "label": _("Skip corrective action"), "skip": True})
        elif name == "reopen":
            buttons.append({"to": "reopened", "label": _("Reopen"), "reopen": True})
        else:
            buttons.append({"to": state, "label": State(state).label})
    context = {
        "complaint": complaint,
        "role": role,
        "allowed_actions": offered,
        "remedies": remedies,
        "actions": actions,
        "deductions": list(complaint.supplier_deductions.all()),
        "follow_ups": list(complaint.follow_ups.all()),
        "history": list(complaint.history.all()),
        "steps": [(s, State(s).label) for s in STATE_ORDER],
        "step_index": complaint.step_index,
        "buttons": buttons,
        "tries_left": services.follow_up_tries_left(complaint)
        if complaint.state == State.FOLLOW_UP
        else None,
        "facts_form": FactsForm(complaint=complaint, may_determine="determine_nature" in offered),
        "transition_form": TransitionForm(),
        "remedy_form": RemedyForm(),
        "action_form": ActionForm(complaint=complaint),
        "result_form": ResultForm(),
        "verify_form": VerifyForm(),
        "deduction_form": DeductionForm(complaint=complaint),
        "follow_up_form": FollowUpForm(),
        "decision_form": DecisionForm(),
        "now": timezone.now(),
    }
    context.update(forms)
    return context


def _detail(request, pk, *, status=200, row_forms=None, **forms):
    complaint = selectors.complaint_detail(user=request.user, pk=pk)
    return render(
        request,
        "complaints/detail.html",
        _detail_context(request, complaint, row_forms, **forms),
        status=status,
    )


@login_required
def complaint_detail(request, pk):
    return _detail(request, pk)


def _post_action(request, pk, form, call, form_name, success):
    """Submit ``form`` to the service; refused, the complaint's page shows why on the form."""
    done = submit(form, lambda: call(form.cleaned_data))
    if done:
        messages.success(request, success)
        return redirect("complaints:detail", pk=pk)
    return _detail(request, pk, status=done.status, **{form_name: form})


@login_required
@require_POST
def complaint_edit(request, pk):
    complaint = selectors.complaint_get_for_user(user=request.user, pk=pk)
    form = FactsForm(
        request.POST, complaint=complaint, may_determine=_may_determine(request.user, complaint)
    )

    def call(data):
        facts = form.facts()
        services.complaint_update(
            pk=complaint.pk, user=request.user, version=data["version"], **facts
        )

    return _post_action(request, pk, form, call, "facts_form", _("Facts saved."))


@login_required
@require_POST
def complaint_transition(request, pk):
    selectors.complaint_get_for_user(user=request.user, pk=pk)
    form = TransitionForm(request.POST)
    return _post_action(
        request,
        pk,
        form,
        lambda d: services.complaint_transition(
            pk=pk, user=request.user, to=d["to"], note=d["note"]
        ),
        "transition_form",
        _("State changed."),
    )


@login_required
@require_POST
def remedy_propose(request, pk):
    selectors.complaint_get_for_user(user=request.user, pk=pk)
    form = RemedyForm(request.POST)
    return _post_action(
        request,
        pk,
        form,
        lambda d: services.remedy_propose(complaint_pk=pk, user=request.user, **d),
        "remedy_form",
        _("Remedy proposed."),
    )


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
    if _from_list(request, "complaints:approvals"):
        return _approvals_page(request, status=done.status, row_forms=row_forms)
    return _detail(request, remedy.complaint_id, status=done.status, row_forms=row_forms)


@login_required
def complaint_confirm(request, pk):
    """The customer's screen: the agreed remedies in the customer's language, name, signature."""
    complaint = selectors.complaint_detail(user=request.user, pk=pk)
    rules.require_complaint_handler(request.user, complaint=complaint)
    form = ConfirmationForm(request.POST or None)
    done = Outcome()
    if request.method == "POST":
        done = submit(
            form,
            lambda: services.complaint_confirm(
                pk=complaint.pk,
                user=request.user,
                signed_name=form.cleaned_data["signed_name"],
                signature=form.cleaned_data["signature"] or None,
            ),
        )
        if done:
            messages.success(request, _("The customer's confirmation is recorded."))
            return redirect("complaints:detail", pk=pk)
    language = (
        complaint.customer.preferred_language if complaint.customer_id else None
    ) or complaint.shop.language
    return render(
        request,
        "complaints/confirm.html",
        {
            "complaint": complaint,
            "form": form,
            "customer_language": language,
            "agreed": [r for r in complaint.remedies.all() if r.agreed],
            "pending": [r for r in complaint.remedies.all() if r.status == "pending"],
        },
        status=done.status,
    )


@login_required
@require_POST
def action_plan(request, pk):
    complaint = selectors.complaint_get_for_user(user=request.user, pk=pk)
    form = ActionForm(request.POST, complaint=complaint)
    return _post_action(
        request,
        pk,
        form,
        lambda d: services.corrective_action_plan(complaint_pk=pk, user=request.user, **d),
        "action_form",
        _("Corrective action planned."),
    )


def _back(request, default):
    target = request.POST.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") else default


@login_required
@require_POST
def action_result(request, pk):
    action = selectors.action_get_for_user(user=request.user, pk=pk)
    form = ResultForm(request.POST)
    done = submit(
        form,
        lambda: services.corrective_action_record_result(
            pk=action.pk, user=request.user, result=form.cleaned_data["result"]
        ),
    )
    if done:
        messages.success(request, _("Result recorded."))
        return redirect(_back(request, reverse("complaints:detail", args=[action.complaint_id])))
    return _action_refused(request, action, "result", form, status=done.status)


def _action_refused(request, action, kind, form, *, status):
    """An action's result or verification refused: its list or its complaint's page again."""
    row_forms = {(kind, action.pk): form}
    if _from_list(request, "complaints:actions"):
        return _actions_page(request, status=status, row_forms=row_forms)
    return _detail(request, action.complaint_id, status=status, row_forms=row_forms)


@login_required
@require_POST
def action_verify(request, pk):
    action = selectors.action_get_for_user(user=request.user, pk=pk)
    form = VerifyForm(request.POST)
    done = submit(
        form,
        lambda: services.corrective_action_verify(
            pk=action.pk, user=request.user, **form.cleaned_data
        ),
    )
    if done:
        messages.success(request, _("Verification recorded."))
        return redirect(_back(request, reverse("complaints:detail", args=[action.complaint_id])))
    return _action_refused(request, action, "verify", form, status=done.status)


@login_required
@require_POST
def deduction_raise(request, pk):
    complaint = selectors.complaint_get_for_user(user=request.user, pk=pk)
    form = DeductionForm(request.POST, complaint=complaint)
    return _post_action(
        request,
        pk,
        form,
        lambda d: services.supplier_deduction_raise(complaint_pk=pk, user=request.user, **d),
        "deduction_form",
        _("Supplier deduction raised."),
    )


@login_required
@require_POST
def deduction_apply(request, pk):
    deduction = selectors.deduction_get_for_user(user=request.user, pk=pk)
    form = ApplyForm(request.POST)
    done = submit(
        form,
        lambda: services.supplier_deduction_apply(
            pk=deduction.pk, user=request.user, reference=form.cleaned_data["reference"]
        ),
    )
    if done:
        messages.success(request, _("Deduction marked applied."))
        return redirect("complaints:deductions")
    return _deductions_page(request, status=done.status, row_forms={("apply", deduction.pk): form})


@login_required
@require_POST
def follow_up_record(request, pk):
    selectors.complaint_get_for_user(user=request.user, pk=pk)
    form = FollowUpForm(request.POST)
    return _post_action(
        request,
        pk,
        form,
        lambda d: services.follow_up_record(complaint_pk=pk, user=request.user, **d),
        "follow_up_form",
        _("Follow-up recorded."),
    )


@login_required
def signature_image(request, pk):
    complaint = selectors.complaint_get_for_user(user=request.user, pk=pk)
    if not complaint.confirmation_signature:
        raise Http404()
    return FileResponse(complaint.confirmation_signature.open("rb"), content_type="image/png")


# --- the report ------------------------------------------------------------------------------


def _report_language(request):
    lang = request.GET.get("lang")
    return lang if lang in ("en", "zh-hans") else translation.get_language()


@login_required
def complaint_report(request, pk):
    complaint = selectors.complaint_detail(user=request.user, pk=pk)
    language = _report_language(request)
    with translation.override(language):
        context = report_context(complaint, signature_src=signature_src(complaint, request))
        context["language"] = language
        return render(request, "complaints/report.html", context)


@login_required
def complaint_report_pdf(request, pk):
    complaint = selectors.complaint_detail(user=request.user, pk=pk)
    pdf = render_report_pdf(
        complaint, language=_report_language(request), signature_src=signature_src(complaint)
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{complaint.number}.pdf"'
    return response

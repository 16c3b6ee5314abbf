"""The complaint's page, the forms on it, the customer's confirmation screen and the report."""

from functools import cache

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from interactions import permissions as log_rules
from interactions import services as log_services
from interactions.services.canned_replies import ReplyContext, canned_replies_for
from servicedesk.accounts.selectors import role_in_shop
from servicedesk.errors import Outcome, submit
from servicedesk.ids import as_ids

from .. import permissions as rules
from .. import selectors, services
from ..forms import (
    ActionForm,
    ConfirmationForm,
    CustomerMessageForm,
    DecisionForm,
    DeductionForm,
    FactsForm,
    FollowUpForm,
    PauseForm,
    RemedyForm,
    ResultForm,
    ResumeForm,
    TransitionForm,
    VerifyForm,
)
from ..models import STATE_ORDER, ComplaintHistory, State
from ..report import render_report_pdf, report_context, signature_src
from .common import with_row_forms


def _may_determine(user, complaint) -> bool:
    return "determine_nature" in services.complaint_actions(complaint, user)


def _on_demand(make):
    """A form of the page made when the template first reads it (a template calls what it is
    given), and once: most of them are offered only in some states and to some roles, and a
    form costs its fields' copies to make. A refused form passed in (``**forms``) replaces it."""
    return cache(make)


HISTORY_LABELS = ("kind", "from_state", "to_state")


def _with_labels(history) -> list:
    """The history's rows, each with its kind and states' labels (``kind_label``, …) as
    get_…_display gives them: that hashes every label of the field (a translation each) on
    every call, for each of the rows."""
    rows = list(history)
    labels = {
        name: dict(ComplaintHistory._meta.get_field(name).flatchoices) for name in HISTORY_LABELS
    }
    for row in rows:
        for name in HISTORY_LABELS:
            value = getattr(row, name)
            label = force_str(labels[name].get(value, value), strings_only=True)
            setattr(row, f"{name.removesuffix('_state')}_label", label)
    return rows


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
    with_row_forms(remedies, row_forms, "decision")
    with_row_forms(actions, row_forms, "result", "verify")
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
        "history": _with_labels(complaint.history.all()),
        "emails": selectors.complaint_emails(complaint=complaint),
        "steps": [(s, State(s).label) for s in STATE_ORDER],
        "step_index": complaint.step_index,
        "buttons": buttons,
        "waiting_for": services.complaint_waiting_for(complaint, user),
        "tries_left": services.follow_up_tries_left(complaint)
        if complaint.state == State.FOLLOW_UP
        else None,
        "facts_form": _on_demand(
            lambda: FactsForm(complaint=complaint, may_determine="determine_nature" in offered)
        ),
        "transition_form": _on_demand(lambda: TransitionForm()),
        "remedy_form": _on_demand(lambda: RemedyForm()),
        "action_form": _on_demand(lambda: ActionForm(complaint=complaint)),
        "result_form": _on_demand(lambda: ResultForm()),
        "verify_form": _on_demand(lambda: VerifyForm()),
        "deduction_form": _on_demand(lambda: DeductionForm(complaint=complaint)),
        "follow_up_form": _on_demand(lambda: FollowUpForm()),
        "pause_form": _on_demand(lambda: PauseForm(initial={"version": complaint.version})),
        "resume_form": _on_demand(lambda: ResumeForm(initial={"version": complaint.version})),
        "decision_form": _on_demand(lambda: DecisionForm()),
        "now": timezone.now(),
    }
    context.update(_message_context(user, complaint))
    context.update(forms)
    return context


def _message_context(user, complaint) -> dict:
    """Writing to the customer about the complaint: for those who log contacts, where the
    complaint has a customer; the canned replies are filled in for this complaint."""
    customer = complaint.customer
    if customer is None or not log_rules.may(user, shop_id=complaint.shop_id, action="log"):
        return {"may_message": False}
    reply_context = ReplyContext(
        shop=complaint.shop,
        customer=customer,
        work_order=complaint.work_order,
        complaint_number=complaint.number,
    )
    return {
        "may_message": True,
        "message_form": _on_demand(
            lambda: CustomerMessageForm(initial={"channel": customer.preferred_channel})
        ),
        "canned": canned_replies_for(user=user, context=reply_context),
    }


def detail_page(request, pk, *, status=200, row_forms=None, **forms):
    complaint = selectors.complaint_detail(user=request.user, pk=pk)
    return render(
        request,
        "complaints/detail.html",
        _detail_context(request, complaint, row_forms, **forms),
        status=status,
    )


@login_required
def complaint_detail(request, pk):
    return detail_page(request, pk)


def _post_action(request, pk, form, call, form_name, success):
    """Submit ``form`` to the service; refused, the complaint's page shows why on the form."""
    done = submit(form, lambda: call(form.cleaned_data))
    if done:
        messages.success(request, success)
        return redirect("complaints:detail", pk=pk)
    return detail_page(request, pk, status=done.status, **{form_name: form})


@login_required
@require_POST
def complaint_edit(request, pk):
    complaint = selectors.complaint_get_for_user(user=request.user, pk=pk)
    form = FactsForm(
        request.POST, complaint=complaint, may_determine=_may_determine(request.user, complaint)
    )

    def call(data):
        facts = as_ids(form.facts(), "supplier", "work_order_line", "technician")
        services.complaint_update(
            pk=complaint.pk, user=request.user, version=data["version"], **facts
        )

    return _post_action(request, pk, form, call, "facts_form", _("Facts saved."))


@login_required
@require_POST
def complaint_message(request, pk):
    """Write to the complaint's customer: logged on their communication log, with the
    complaint's car and work order."""
    complaint = selectors.complaint_get_for_user(user=request.user, pk=pk)
    if complaint.customer_id is None:
        raise Http404()
    form = CustomerMessageForm(request.POST)

    def call(data):
        log_services.communication_log(
            user=request.user,
            customer_pk=complaint.customer_id,
            direction="outbound",
            vehicle_pk=complaint.vehicle_id,
            work_order_pk=complaint.work_order_id,
            **data,
        )

    return _post_action(request, pk, form, call, "message_form", _("Logged."))


def _complaint_form_view(form_class, form_name: str, success, call, *, for_complaint=False):
    """A view of a form on the complaint's page sent to its service, ``call(pk, user, data)``;
    ``for_complaint``: the form is made for the complaint (its choices are the shop's)."""

    @login_required
    @require_POST
    def view(request, pk):
        complaint = selectors.complaint_get_for_user(user=request.user, pk=pk)
        form = (
            form_class(request.POST, complaint=complaint)
            if for_complaint
            else form_class(request.POST)
        )
        return _post_action(
            request, pk, form, lambda d: call(pk, request.user, d), form_name, str(success)
        )

    return view


complaint_transition = _complaint_form_view(
    TransitionForm,
    "transition_form",
    gettext_lazy("State changed."),
    lambda pk, user, d: services.complaint_transition(pk=pk, user=user, to=d["to"], note=d["note"]),
)
remedy_propose = _complaint_form_view(
    RemedyForm,
    "remedy_form",
    gettext_lazy("Remedy proposed."),
    lambda pk, user, d: services.remedy_propose(complaint_pk=pk, user=user, **d),
)
action_plan = _complaint_form_view(
    ActionForm,
    "action_form",
    gettext_lazy("Corrective action planned."),
    lambda pk, user, d: services.corrective_action_plan(
        complaint_pk=pk, user=user, **as_ids(d, "owner")
    ),
    for_complaint=True,
)
deduction_raise = _complaint_form_view(
    DeductionForm,
    "deduction_form",
    gettext_lazy("Supplier deduction raised."),
    lambda pk, user, d: services.supplier_deduction_raise(
        complaint_pk=pk, user=user, **as_ids(d, "supplier", "work_order_line")
    ),
    for_complaint=True,
)
complaint_pause = _complaint_form_view(
    PauseForm,
    "pause_form",
    gettext_lazy("Clocks paused."),
    lambda pk, user, d: services.complaint_pause(pk=pk, user=user, **d),
)
complaint_resume = _complaint_form_view(
    ResumeForm,
    "resume_form",
    gettext_lazy("Clocks resumed: the due times moved on by the time they waited."),
    lambda pk, user, d: services.complaint_resume(pk=pk, user=user, **d),
)
follow_up_record = _complaint_form_view(
    FollowUpForm,
    "follow_up_form",
    gettext_lazy("Follow-up recorded."),
    lambda pk, user, d: services.follow_up_record(complaint_pk=pk, user=user, **d),
)


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
def signature_image(request, pk):
    complaint = selectors.complaint_get_for_user(user=request.user, pk=pk)
    if not complaint.confirmation_signature:
        raise Http404()
    return FileResponse(complaint.confirmation_signature.open("rb"), content_type="image/png")


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

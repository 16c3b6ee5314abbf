"""One interaction's page: the cycle card (htmx stage forms, close, the work order it opens) and
the cards changed in place (escalate, who the customer is, what was learned about them)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from servicedesk.accounts.selectors import scope_to_user
from servicedesk.errors import submit
from vehicles import panels
from vehicles.models import Customer, Vehicle

from .. import selectors, services
from ..forms import (
    CloseForm,
    CommunicationForm,
    EscalateForm,
    IdentifyForm,
    LearnedForm,
    NewCustomerForm,
    WorkOrderOpenForm,
    stage_form,
    stage_values,
)
from ..models import Interaction, Stage
from ..services.canned_replies import ReplyContext, canned_replies_for
from ..stages import long_wait_prompt
from .common import _cleaned


def _work_order_form(interaction, actions, data=None) -> WorkOrderOpenForm | None:
    if "open_work_order" not in actions:
        return None
    initial = services.interaction_work_order_defaults(interaction)
    if initial["promised_at"]:
        initial["promised_at"] = timezone.localtime(initial["promised_at"])
    initial["version"] = interaction.version
    return WorkOrderOpenForm(data=data, initial=initial)


def _cycle_context(request, interaction, *, form=None, close_form=None, work_order_form=None):
    stage = interaction.stage
    actions = services.interaction_actions(interaction, request.user)
    if form is None and "edit" in actions:
        form = stage_form(stage, interaction=interaction)
    return {
        "interaction": interaction,
        "actions": actions,
        "spans": selectors.stage_spans(interaction),
        "elapsed": selectors.time_with_customer(interaction),
        "form": form,
        "close_form": close_form or CloseForm(initial={"version": interaction.version}),
        "coaching": selectors.coaching_for(interaction, language=get_language()),
        "long_wait": long_wait_prompt(interaction),
        "work_order_stage": stage in services.WORK_ORDER_STAGES,
        "work_order_form": work_order_form or _work_order_form(interaction, actions),
        # At help, the work order's panels from the apps above (the customer's link): sent,
        # re-sent and seen opened from here as from the work order's page.
        "work_order_panels": panels.for_work_order(interaction.work_order, request=request)
        if stage == Stage.HELP and interaction.work_order_id
        else [],
    }


def _render_cycle(request, interaction, *, status=200, **kwargs):
    context = _cycle_context(request, interaction, **kwargs)
    if request.htmx:
        return render(request, "interactions/_cycle.html", context, status=status)
    return _render_detail(request, interaction, context=context, status=status)


def _render_detail(request, interaction, *, context=None, status=200, **forms):
    context = _detail_context(request, interaction, context=context, **forms)
    return render(request, "interactions/detail.html", context, status=status)


def _detail_context(request, interaction, *, context=None, **forms):
    context = dict(context or _cycle_context(request, interaction))
    customers = scope_to_user(Customer.objects.all(), user=request.user).filter(
        shop_id=interaction.shop_id
    )
    vehicles = Vehicle.objects.filter(shop_id=interaction.shop_id, owner_id=interaction.customer_id)
    context.update(
        {
            "escalations": interaction.escalations.select_related(
                "raised_by", "assigned_to", "responded_by"
            ),
            "communications": selectors.communications_for_user(user=request.user).filter(
                interaction=interaction
            ),
            "escalate_form": forms.get("escalate_form") or EscalateForm(),
            "identify_form": forms.get("identify_form")
            or IdentifyForm(
                initial={
                    "customer": interaction.customer_id,
                    "vehicle": interaction.vehicle_id,
                    "walk_in_name": interaction.walk_in_name,
                    "version": interaction.version,
                },
                customers=customers.order_by("name"),
                vehicles=Vehicle.objects.filter(shop_id=interaction.shop_id),
                shop_id=interaction.shop_id,
                may_add=not interaction.customer_id,
            ),
            "learned_form": forms.get("learned_form") or LearnedForm(),
            "new_customer_form": forms.get("new_customer_form") or NewCustomerForm(),
            "log_form": forms.get("log_form")
            or CommunicationForm(
                initial={
                    "direction": "inbound",
                    "channel": "in_person",
                    "kind": "inquiry",
                    "vehicle": interaction.vehicle_id,
                },
                vehicles=vehicles,
                customer=interaction.customer,
            )
            if interaction.customer_id
            else None,
            "canned": canned_replies_for(
                user=request.user,
                context=ReplyContext(
                    shop=interaction.shop,
                    customer=interaction.customer,
                    work_order=interaction.work_order,
                ),
            )
            if interaction.customer_id
            else [],
        }
    )
    return context


def _in_place(request, interaction, template, *, status=200, before=None, **forms):
    """The htmx answer of a card of the page that is not the cycle (escalation, who the
    customer is): that card, and — after a change of who the customer is — the parts of the
    page that follow them, swapped out of band. The stage form is never re-rendered: what the
    advisor typed there and has not saved stays as typed; only its version is refreshed."""
    context = _detail_context(request, interaction, **forms)
    if before is not None:
        context["changed"] = {
            "version": before["version"] != interaction.version,
            "customer": before["customer"] != interaction.customer_id,
            "work_order": before["work_order"] != (context["work_order_form"] is not None),
        }
    return render(request, template, context, status=status)


def _identity(request, interaction) -> dict:
    """What an in-place change of who the customer is compares, before and after."""
    return {
        "version": interaction.version,
        "customer": interaction.customer_id,
        "work_order": "open_work_order" in services.interaction_actions(interaction, request.user),
    }


@login_required
def detail(request, pk: int):
    interaction = selectors.interaction_get_for_user(user=request.user, pk=pk)
    return _render_detail(request, interaction)


def _current_version(pk: int):
    """For ``submit``: the interaction's version as it is now, after a refused submit."""
    return lambda: Interaction.objects.values_list("version", flat=True).get(pk=pk)


@login_required
@require_POST
def stage_save(request, pk: int):
    """Save the current stage's form, and with ``then=advance`` go on to the next stage (at
    keep: close, completed). htmx swaps the cycle card in place; a refusal comes back on the
    form with the message, what was typed and the current version."""
    interaction = selectors.interaction_get_for_user(user=request.user, pk=pk)
    if interaction.stage == Stage.CLOSED:
        return _render_cycle(request, interaction, status=409)
    form = stage_form(interaction.stage, interaction=interaction, data=request.POST)
    advance = request.POST.get("then") == "advance"
    done = submit(
        form,
        lambda: services.interaction_update(
            user=request.user,
            pk=pk,
            fields=stage_values(form),
            version=form.cleaned_data["version"],
            advance=advance,
        ),
        current_version=_current_version(pk),
    )
    if not done:
        interaction = selectors.interaction_get_for_user(user=request.user, pk=pk)
        return _render_cycle(request, interaction, form=form, status=done.status)
    if done.value.stage == Stage.CLOSED:
        return _closed(request, pk)
    if not advance:
        messages.success(request, _("Saved."))
    interaction = selectors.interaction_get_for_user(user=request.user, pk=pk)
    return _render_cycle(request, interaction)


def _closed(request, pk: int):
    if request.htmx:
        # Closed, the whole page changes (no escalate or "who" form, maybe a new escalation).
        return HttpResponseClientRefresh()
    return redirect("interactions:detail", pk=pk)


@login_required
@require_POST
def work_order_open(request, pk: int):
    """Open the work order the interaction agreed on, prefilled from it, and link it."""
    interaction = selectors.interaction_get_for_user(user=request.user, pk=pk)
    form = WorkOrderOpenForm(request.POST)
    done = submit(
        form,
        lambda: services.interaction_open_work_order(user=request.user, pk=pk, **form.cleaned_data),
        current_version=_current_version(pk),
    )
    if done:
        messages.success(
            request, _("Work order %(number)s opened.") % {"number": done.value.number}
        )
        return redirect("interactions:detail", pk=pk)
    interaction = selectors.interaction_get_for_user(user=request.user, pk=pk)
    context = _cycle_context(request, interaction, work_order_form=form)
    return _render_detail(request, interaction, context=context, status=done.status)


@login_required
@require_POST
def close(request, pk: int):
    """Close: completed from keep, or early with an outcome."""
    interaction = selectors.interaction_get_for_user(user=request.user, pk=pk)
    completed = request.POST.get("outcome") == "completed"
    form = CloseForm(request.POST)
    if completed:
        form.fields["outcome"].choices = [("completed", "completed")]
    done = submit(
        form,
        lambda: services.interaction_advance(
            user=request.user,
            pk=pk,
            stage=Stage.CLOSED,
            outcome=form.cleaned_data["outcome"],
            version=form.cleaned_data["version"],
        ),
        current_version=_current_version(pk),
    )
    if done:
        return _closed(request, pk)
    interaction = selectors.interaction_get_for_user(user=request.user, pk=pk)
    return _render_cycle(request, interaction, close_form=form, status=done.status)


@login_required
@require_POST
def escalate(request, pk: int):
    interaction = selectors.interaction_get_for_user(user=request.user, pk=pk)
    form = EscalateForm(request.POST)
    done = submit(
        form,
        lambda: services.interaction_escalate(
            user=request.user,
            pk=pk,
            reason=form.cleaned_data["reason"],
            kind=form.cleaned_data["kind"],
        ),
    )
    if done:
        messages.success(request, _("Escalated. The manager on duty has been notified."))
        if request.htmx:  # in place: the stage form keeps what was typed there
            return _in_place(request, interaction, "interactions/_escalation_card.html")
        return redirect("interactions:detail", pk=pk)
    if request.htmx:
        return _in_place(
            request,
            interaction,
            "interactions/_escalation_card.html",
            escalate_form=form,
            status=done.status,
        )
    return _render_detail(request, interaction, escalate_form=form, status=done.status)


@login_required
@require_POST
def identify(request, pk: int):
    """Who the customer is, completed later for a walk-in; and what was learned about them."""
    interaction = selectors.interaction_get_for_user(user=request.user, pk=pk)
    before = _identity(request, interaction)
    customers = scope_to_user(Customer.objects.all(), user=request.user).filter(
        shop_id=interaction.shop_id
    )
    form = IdentifyForm(
        request.POST,
        customers=customers,
        vehicles=Vehicle.objects.filter(shop_id=interaction.shop_id),
        shop_id=interaction.shop_id,
    )
    done = submit(
        form,
        lambda: services.interaction_update(
            user=request.user,
            pk=pk,
            fields=_cleaned(form, "customer", "vehicle", "walk_in_name"),
            version=form.cleaned_data["version"],
        ),
        current_version=_current_version(pk),
    )
    if done:
        messages.success(request, _("Saved."))
        if request.htmx:  # in place: the stage form keeps what was typed there
            return _identity_swap(request, pk, before)
        return redirect("interactions:detail", pk=pk)
    interaction = selectors.interaction_get_for_user(user=request.user, pk=pk)
    if request.htmx:
        return _identity_swap(request, pk, None, identify_form=form, status=done.status)
    return _render_detail(request, interaction, identify_form=form, status=done.status)


def _identity_swap(request, pk: int, before, *, status=200, **forms):
    interaction = selectors.interaction_get_for_user(user=request.user, pk=pk)
    return _in_place(
        request,
        interaction,
        "interactions/_identity_card.html",
        status=status,
        before=before,
        **forms,
    )


@login_required
@require_POST
def customer_new(request, pk: int):
    """A walk-in not on file: add the customer (and their car) and attach them, without leaving
    the interaction."""
    interaction = selectors.interaction_get_for_user(user=request.user, pk=pk)
    before = _identity(request, interaction)
    form = NewCustomerForm(request.POST)
    version = request.POST.get("version")
    done = submit(
        form,
        lambda: services.interaction_customer_new(
            user=request.user, pk=pk, version=int(version) if version else None, **form.values()
        ),
    )
    if done:
        messages.success(request, _("Customer added to this interaction."))
        if request.htmx:  # in place: the stage form keeps what was typed there
            return _identity_swap(request, pk, before)
        return redirect("interactions:detail", pk=pk)
    if request.htmx:
        return _identity_swap(request, pk, None, new_customer_form=form, status=done.status)
    interaction = selectors.interaction_get_for_user(user=request.user, pk=pk)
    return _render_detail(request, interaction, new_customer_form=form, status=done.status)


@login_required
@require_POST
def learned(request, pk: int):
    interaction = selectors.interaction_get_for_user(user=request.user, pk=pk)
    if not interaction.customer_id:
        messages.error(request, _("Choose the customer first."))
        return redirect("interactions:detail", pk=pk)
    form = LearnedForm(request.POST)
    done = submit(
        form,
        lambda: services.customer_profile_learn(
            user=request.user, customer_pk=interaction.customer_id, changes=form.learned()
        ),
    )
    if done:
        messages.success(request, _("The customer's profile is updated."))
        return redirect("interactions:detail", pk=pk)
    # Refused: said on the form, with what was chosen (a redirect showed nothing, or lost it).
    return _render_detail(request, interaction, learned_form=form, status=done.status)

"""Browser pages: the advisor's desk, the team view, one page per interaction (htmx stage
forms), the escalation queue and the communication log entry."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from servicedesk.accounts.selectors import get_for_user, scope_to_user
from servicedesk.errors import Forbidden, Outcome, submit
from vehicles.models import Customer, Vehicle, WorkOrder

from . import permissions, selectors, services
from .forms import (
    CloseForm,
    CommunicationForm,
    EscalateForm,
    IdentifyForm,
    LearnedForm,
    NewCustomerForm,
    NewInteractionForm,
    RespondForm,
    StartForm,
    WorkOrderOpenForm,
    stage_form,
    stage_values,
)
from .models import STAGE_ORDER, Interaction, InteractionChannel, Stage
from .stages import STAGE_FIELDS


def _writable_shop_id(user) -> int:
    for shop in permissions.shops(user, "run"):
        return shop.pk
    raise Forbidden()  # a member whose role does not run interactions: 403, as the API says


def _is_responder(user) -> bool:
    return permissions.anywhere(user, "respond")


# --- desk and team ------------------------------------------------------------------------


def _by_stage(interactions, now):
    columns = {stage: [] for stage in STAGE_ORDER}
    for interaction in interactions:
        columns[interaction.stage].append(
            {"interaction": interaction, "spans": selectors.stage_spans(interaction, now=now)}
        )
    return [{"stage": stage, "label": stage.label, "rows": columns[stage]} for stage in columns]


@login_required
def desk(request):
    """Today's interactions of the advisor by stage, their open escalations, one-tap start."""
    now = timezone.now()
    today = selectors.interactions_on_day(
        user=request.user, day=timezone.localdate(now), advisor=request.user
    )
    context = {
        "columns": _by_stage(today, now),
        "escalations": selectors.open_escalations_raised_by(user=request.user),
        "to_answer": selectors.escalations_to_answer(user=request.user)
        if _is_responder(request.user)
        else [],
        "can_start": permissions.anywhere(request.user, "run"),
        "channels": StartForm.base_fields["channel"].choices,
    }
    return render(request, "interactions/desk.html", context)


@login_required
def team(request):
    """The manager's view: today's interactions of every advisor, by stage, and the queue."""
    if not _is_responder(request.user):
        raise Forbidden()
    now = timezone.now()
    today = list(selectors.interactions_on_day(user=request.user, day=timezone.localdate(now)))
    per_advisor = defaultdict(list)
    for interaction in today:
        per_advisor[interaction.advisor].append(interaction)
    advisors = [
        {
            "advisor": advisor,
            "columns": _by_stage(rows, now),
            "count": len(rows),
        }
        for advisor, rows in sorted(
            per_advisor.items(), key=lambda item: item[0].get_full_name() or item[0].username
        )
    ]
    totals = defaultdict(int)
    for interaction in today:
        totals[interaction.stage] += 1
    context = {
        "advisors": advisors,
        "totals": [(s.label, totals[s.value]) for s in STAGE_ORDER],
        "queue": selectors.open_escalations(user=request.user),
    }
    return render(request, "interactions/team.html", context)


@login_required
@require_POST
def start(request):
    """One tap: a new walk-in or call. From the desk it opens the new-walk-in page, which records
    nothing until the advisor submits it (``new``). From a customer's or a vehicle's page it comes
    with ``customer`` (and ``vehicle``), chosen: the interaction starts with them, in their shop,
    greeted now."""
    form = StartForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how the customer came in."))
        return redirect("interactions:desk")
    if not (request.POST.get("customer") or request.POST.get("vehicle")):
        # Nobody chosen yet: the new-walk-in page records nothing until the advisor submits.
        _writable_shop_id(request.user)
        return redirect(f"{reverse('interactions:new')}?channel={form.cleaned_data['channel']}")
    customer = vehicle = None
    if request.POST.get("customer"):
        customer = get_for_user(
            Customer.objects.all(), user=request.user, pk=request.POST["customer"]
        )
    if request.POST.get("vehicle"):
        vehicle = get_for_user(
            Vehicle.objects.select_related("owner"), user=request.user, pk=request.POST["vehicle"]
        )
        customer = customer or vehicle.owner
    interaction = services.interaction_open(
        user=request.user,
        shop_id=customer.shop_id if customer else _writable_shop_id(request.user),
        channel=form.cleaned_data["channel"],
        customer=customer,
        vehicle=vehicle,
    )
    return redirect("interactions:detail", pk=interaction.pk)


@login_required
def new(request):
    """The new-walk-in page: the greet form and who the customer is, greeted when "New walk-in"
    was tapped. The advisor's first submit records the interaction (``interaction_start``); a
    page left untouched leaves no record — nothing to clean up, nothing counted in the
    statistics."""
    shop_id = _writable_shop_id(request.user)
    data = request.POST if request.method == "POST" else None
    customers = scope_to_user(Customer.objects.all(), user=request.user).filter(shop_id=shop_id)
    form = NewInteractionForm(
        data,
        initial={
            "channel": request.GET.get("channel", InteractionChannel.WALK_IN),
            "greet_at": timezone.now().isoformat(timespec="seconds"),
        },
        customers=customers,
        vehicles=Vehicle.objects.filter(shop_id=shop_id),
        shop_id=shop_id,
        may_add=True,
    )
    adding = data is not None and data.get("then") == "new_customer"
    new_customer_form = NewCustomerForm(data if adding else None)
    done = Outcome()
    if data is not None:
        target = new_customer_form if adding else form
        if adding and not form.is_valid():
            target = form
        done = submit(
            target,
            lambda: services.interaction_start(
                user=request.user,
                shop_id=shop_id,
                greet=form.greet_values(),
                new_customer=new_customer_form.values() if adding else None,
                then=data.get("then", "save"),
                **_cleaned(
                    form, "channel", "greet_at", "customer", "vehicle", "walk_in_name", "outcome"
                ),
            ),
        )
        if done:
            if adding:
                messages.success(request, _("Customer added to this interaction."))
            return redirect("interactions:detail", pk=done.value.pk)
    tapped = form.cleaned_data.get("greet_at") if form.is_bound and form.is_valid() else None
    draft = Interaction(
        shop_id=shop_id,
        channel=form["channel"].value() or InteractionChannel.WALK_IN,
        advisor=request.user,
        stage=Stage.GREET,
        greet_at=tapped or timezone.now(),  # a refused submit keeps the greeting's time
    )
    context = {
        "form": form,
        "new_customer_form": new_customer_form,
        "draft": draft,
        "coaching": selectors.coaching_for_interaction(draft, language=get_language()),
        "greet_fields": STAGE_FIELDS[Stage.GREET],
        "spans": selectors.stage_spans(draft),
    }
    return render(request, "interactions/new.html", context, status=done.status)


def _cleaned(form, *names: str) -> dict:
    """The named values of a valid form, as a service's keyword arguments."""
    return {name: form.cleaned_data[name] for name in names}


@login_required
def interaction_list(request):
    qs = selectors.interactions_for_user(user=request.user)
    stage = request.GET.get("stage", "")
    if stage in Stage.values:
        qs = qs.filter(stage=stage)
    if request.GET.get("mine") == "1":
        qs = qs.filter(advisor=request.user)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "interactions/list.html",
        {"page": page, "stage": stage, "stages": Stage.choices, "mine": request.GET.get("mine")},
    )


# --- one interaction ----------------------------------------------------------------------


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
        "coaching": selectors.coaching_for_interaction(interaction, language=get_language()),
        "work_order_stage": stage in services.WORK_ORDER_STAGES,
        "work_order_form": work_order_form or _work_order_form(interaction, actions),
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
            user=request.user, customer=interaction.customer, changes=form.learned()
        ),
    )
    if done:
        messages.success(request, _("The customer's profile is updated."))
        return redirect("interactions:detail", pk=pk)
    # Refused: said on the form, with what was chosen (a redirect showed nothing, or lost it).
    return _render_detail(request, interaction, learned_form=form, status=done.status)


# --- escalations --------------------------------------------------------------------------


@login_required
def escalation_queue(request):
    page = Paginator(selectors.open_escalations(user=request.user), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "interactions/escalations.html",
        {"page": page, "can_respond": _is_responder(request.user)},
    )


@login_required
def escalation(request, pk: int):
    item = selectors.escalation_get_for_user(user=request.user, pk=pk)
    form = RespondForm()
    done = Outcome()
    if request.method == "POST":
        form = RespondForm(request.POST)
        done = submit(
            form,
            lambda: services.escalation_respond(
                user=request.user, pk=pk, response=form.cleaned_data["response"]
            ),
        )
        if done:
            messages.success(request, _("Response recorded; the advisor has been notified."))
            return redirect("interactions:escalations")
    can_respond = item.responded_at is None and permissions.may(
        request.user, shop_id=item.shop_id, action="respond"
    )
    return render(
        request,
        "interactions/escalation.html",
        {"item": item, "form": form, "can_respond": can_respond},
        status=done.status,
    )


# --- communication log --------------------------------------------------------------------


@login_required
def communication_new(request):
    """Log a contact with a customer: ``?customer=ID`` (and optionally ``vehicle``,
    ``interaction``) — the customer page links here."""
    customer = get_for_user(
        Customer.objects.all(), user=request.user, pk=request.GET.get("customer")
    )
    interaction = None
    if request.GET.get("interaction"):
        interaction = selectors.interaction_get_for_user(
            user=request.user, pk=request.GET["interaction"]
        )
    work_order = None
    if request.GET.get("work_order"):
        work_order = get_for_user(
            WorkOrder.objects.filter(customer=customer),
            user=request.user,
            pk=request.GET["work_order"],
        )
    vehicles = Vehicle.objects.filter(shop_id=customer.shop_id, owner=customer).order_by("plate")
    initial = {"direction": "inbound", "channel": customer.preferred_channel, "kind": "inquiry"}
    if request.GET.get("vehicle"):
        initial["vehicle"] = request.GET["vehicle"]
    form = CommunicationForm(initial=initial, vehicles=vehicles, customer=customer)
    done = Outcome()
    if request.method == "POST":
        form = CommunicationForm(request.POST, vehicles=vehicles, customer=customer)
        done = submit(
            form,
            lambda: services.communication_log(
                user=request.user,
                customer=customer,
                work_order=work_order,
                interaction=interaction,
                learned=form.learned(),
                **_cleaned(form, "direction", "channel", "kind", "summary", "vehicle"),
            ),
        )
        if done:
            messages.success(request, _("Logged."))
            if interaction is not None:
                return redirect("interactions:detail", pk=interaction.pk)
            return redirect(f"{request.path}?customer={customer.pk}")
    history = selectors.communications_for_customer(customer=customer)[:20]
    return render(
        request,
        "interactions/communication_new.html",
        {
            "form": form,
            "customer": customer,
            "interaction": interaction,
            "work_order": work_order,
            "history": history,
        },
        status=done.status,
    )


@login_required
def communication_list(request):
    qs = selectors.communications_for_user(user=request.user)
    customer_id = request.GET.get("customer")
    customer = None
    if customer_id:
        customer = get_for_user(Customer.objects.all(), user=request.user, pk=customer_id)
        qs = qs.filter(customer=customer)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "interactions/communications.html", {"page": page, "customer": customer})

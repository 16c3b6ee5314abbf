"""The advisor's desk, the team view, the list, and starting an interaction (one tap, or the
new-walk-in page)."""

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

from servicedesk.accounts.selectors import get_for_user, scope_to_user
from servicedesk.errors import Forbidden, Outcome, submit
from vehicles.models import Customer, Vehicle

from .. import permissions, selectors, services
from ..forms import NewCustomerForm, NewInteractionForm, StartForm
from ..models import STAGE_ORDER, Interaction, InteractionChannel, Stage
from ..stages import STAGE_FIELDS
from .common import _cleaned, _ids, _is_responder, _writable_shop_id


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
    # A desk row names the customer (interactions/_stage_columns.html): that join alone.
    today = (
        selectors.interactions_on_day(
            user=request.user, day=timezone.localdate(now), advisor=request.user
        )
        .select_related(None)
        .select_related("customer")
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
        customer_pk=customer.pk if customer else None,
        vehicle_pk=vehicle.pk if vehicle else None,
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
                **_cleaned(form, "channel", "greet_at", "walk_in_name", "outcome"),
                **_ids(form, "customer", "vehicle"),
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
        "coaching": selectors.coaching_for(draft, language=get_language()),
        "greet_fields": STAGE_FIELDS[Stage.GREET],
        "spans": selectors.stage_spans(draft),
    }
    return render(request, "interactions/new.html", context, status=done.status)


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

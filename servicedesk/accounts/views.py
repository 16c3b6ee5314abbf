from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from servicedesk.errors import DomainError, reraise_refusal
from servicedesk.navigation import landing_for_roles, panels_for_roles

from .forms import OnDutyForm
from .permissions import may_manage_every_token
from .selectors import api_tokens_for_user, memberships_for_user
from .services import api_token_revoke as revoke_token
from .services import membership_set_on_duty


@login_required
def home(request):
    memberships = memberships_for_user(request.user)
    panels = panels_for_roles({m.role for m in memberships})
    return render(request, "accounts/home.html", {"memberships": memberships, "panels": panels})


@login_required
def landing(request):
    """Where logging in leads: the work of the user's role (the advisor's desk, the approvals,
    the settlements…), registered with the navigation; the home page for anyone else."""
    url = landing_for_roles({m.role for m in memberships_for_user(request.user)})
    return redirect(url or "home")


@login_required
@require_POST
def on_duty(request):
    form = OnDutyForm(request.POST)
    if form.is_valid():
        try:
            membership = membership_set_on_duty(
                user=request.user,
                shop_id=form.cleaned_data["shop"],
                on_duty=form.cleaned_data["on_duty"],
            )
        except DomainError as exc:
            reraise_refusal(exc)
            messages.error(request, exc.message)
        else:
            if membership.on_duty:
                messages.success(
                    request, _("You are on duty at %(shop)s.") % {"shop": membership.shop}
                )
            else:
                messages.success(
                    request, _("You are off duty at %(shop)s.") % {"shop": membership.shop}
                )
    return redirect("home")


@login_required
def account(request):
    """The user's account: their API tokens, each revocable (an administrator sees everyone's)."""
    tokens = api_tokens_for_user(user=request.user)
    context = {
        "tokens": tokens,
        "show_owner": may_manage_every_token(request.user),
        "token_ttl_days": settings.API_TOKEN_TTL_DAYS,
    }
    return render(request, "accounts/account.html", context)


@login_required
@require_POST
def api_token_revoke(request, pk: int):
    revoke_token(user=request.user, pk=pk)
    messages.success(request, _("The token was revoked: clients using it are refused from now on."))
    return redirect("account")

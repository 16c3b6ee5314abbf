from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from servicedesk.errors import submit
from servicedesk.navigation import landing_for_roles, panels_for_roles

from .forms import BusinessHoursForm, LanguageForm, OnDutyForm
from .permissions import ROLES_FOR, may_manage_every_token, membership_actions
from .selectors import (
    api_tokens_for_user,
    groups_for_user,
    memberships_for_user,
    require_role,
    shop_get_for_user,
    shop_hours_rows,
    user_language,
)
from .services import api_token_revoke as revoke_token
from .services import membership_set_on_duty, shop_calendar_set, user_set_language


def _language_cookie(response, language: str) -> None:
    """The cookie LocaleMiddleware reads, set as Django's set_language sets it."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class LoginView(auth_views.LoginView):
    """Django's log-in, after which the site speaks the user's own language, if they chose one:
    on a counter tablet shared by the shop, each person who logs in reads the site in theirs,
    whatever the one before them picked. Only at log-in: a choice made afterwards stands."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        language = user_language(form.get_user())
        if language:
            _language_cookie(response, language)
        return response


def set_language(request):
    """Django's language switcher (the cookie, the way back to the page); a logged-in user's
    choice is kept as theirs too, for their emails and their next log-in."""
    response = django_set_language(request)
    chosen = response.cookies.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen is not None and request.user.is_authenticated:
        user_set_language(user=request.user, language=chosen.value)
    return response


@login_required
def home(request):
    memberships = memberships_for_user(request.user)
    groups = groups_for_user(request.user)
    panels = panels_for_roles({m.role for m in memberships} | {g.role for g in groups})
    shops = [(m, membership_actions(m)) for m in memberships]
    return render(
        request, "accounts/home.html", {"shops": shops, "groups": groups, "panels": panels}
    )


@login_required
def landing(request):
    """Where logging in leads: the work of the user's role (the advisor's desk, the approvals,
    the settlements…), registered with the navigation; the home page for anyone else."""
    roles = {m.role for m in memberships_for_user(request.user)}
    url = landing_for_roles(roles | {g.role for g in groups_for_user(request.user)})
    return redirect(url or "home")


@login_required
@require_POST
def on_duty(request):
    form = OnDutyForm(request.POST)
    if form.is_valid():  # a button: nothing typed to refuse, a refusal said as a message
        done = submit(
            None,
            lambda: membership_set_on_duty(
                user=request.user,
                shop_id=form.cleaned_data["shop"],
                on_duty=form.cleaned_data["on_duty"],
            ),
            request=request,
        )
        if done:
            membership = done.value
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
    """The user's account: their language, and their API tokens, each revocable (an
    administrator sees everyone's)."""
    tokens = api_tokens_for_user(user=request.user)
    context = {
        "language_form": LanguageForm(initial={"language": user_language(request.user)}),
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


@login_required
@require_POST
def account_language(request):
    """The user's own language, chosen on their account page; the site turns to it at once
    (none chosen: the screen stays as it is, messages follow the shop)."""
    form = LanguageForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["language"][0])
        return redirect("account")
    language = form.cleaned_data["language"]
    user_set_language(user=request.user, language=language)
    response = redirect("account")
    if language:
        translation.activate(language)  # the confirmation below is read in it
        _language_cookie(response, language)
    messages.success(request, _("Your language was saved."))
    return response


@login_required
def shop_hours(request, pk: int):
    """The shop's business hours and holidays, which the complaint and escalation clocks count;
    a manager of the shop edits them (a member of another shop: 404; another role: 403)."""
    shop = shop_get_for_user(user=request.user, pk=pk)
    require_role(request.user, shop_id=shop.pk, roles=ROLES_FOR["edit_hours"])
    if request.method == "POST":
        form = BusinessHoursForm(request.POST)
        done = submit(
            form,
            lambda: shop_calendar_set(
                user=request.user,
                shop_id=shop.pk,
                hours=form.hours(),
                holidays=form.cleaned_data["holidays"],
            ),
        )
        if done:
            messages.success(request, _("Business hours saved."))
            return redirect("shop-hours", pk=shop.pk)
        status = done.status
    else:
        form = BusinessHoursForm(initial=BusinessHoursForm.initial_for(shop_hours_rows(shop_id=pk)))
        status = 200
    return render(request, "accounts/shop_hours.html", {"shop": shop, "form": form}, status=status)

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from servicedesk.errors import Invalid

from . import permissions, tokens
from .models import ApiToken, BusinessHours, Holiday, Membership, Profile, Weekday
from .selectors import api_token_get_for_user, forget_memberships

UNKNOWN_LANGUAGE = _("Choose one of the site's languages, or none for the shop's.")
CLOSES_BEFORE_OPENS = _("The shop must close after it opens.")
HOURS_INCOMPLETE = _("Give both the opening and the closing time, or neither (closed).")
NEVER_OPEN = _("A holiday closes the shop for a day: set its opening hours first.")
HOLIDAY_TWICE = _("This date is already a holiday.")
HOLIDAY_NAME_REQUIRED = _("Name the holiday, in at most 80 characters.")
HOLIDAY_NAME_LENGTH = 80


@transaction.atomic
def membership_set_on_duty(*, user, shop_id: int, on_duty: bool) -> Membership:
    """A manager or supervisor goes on or off duty in one of their shops (``require`` refuses
    every other role: ``go_on_duty`` is granted to the on-duty roles only)."""
    permissions.require(user, shop_id=shop_id, action="go_on_duty")
    membership = Membership.objects.select_for_update().get(user=user, shop_id=shop_id)
    membership.on_duty = on_duty
    membership.save(update_fields=["on_duty"])
    forget_memberships(user)
    return membership


def user_set_language(*, user, language: str) -> Profile:
    """The user's own language: the site and every message to them are written in it. ""
    leaves it to the shop (its language in messages, the browser's on the screen)."""
    if language and language not in dict(settings.LANGUAGES):
        raise Invalid(UNKNOWN_LANGUAGE, field="language")
    profile, _created = Profile.objects.update_or_create(user=user, defaults={"language": language})
    user.profile = profile  # read again in this request (the page, the answer) as stored
    forget_memberships(user)
    return profile


def api_token_create(*, user, name: str = "") -> tuple[ApiToken, str]:
    """Issue a new API token to ``user`` (already authenticated by the caller). Returns the
    token and its key: the key is shown this once, only its digest is kept."""
    key = tokens.new_key()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=key[: tokens.PREFIX_LENGTH],
        digest=tokens.digest(key),
        expires_at=timezone.now() + timedelta(days=settings.API_TOKEN_TTL_DAYS),
    )
    return token, key


def api_token_revoke(*, user, pk: int) -> None:
    """Revoke a token: its owner's, or any for an administrator (404 alike otherwise)."""
    api_token_get_for_user(user=user, pk=pk).delete()


def api_tokens_revoke_all(*, user) -> int:
    """Every token of ``user`` ends (their password changed). Returns how many."""
    deleted, _by_model = ApiToken.objects.filter(user=user).delete()
    return deleted


@transaction.atomic
def shop_calendar_set(*, user, shop_id: int, hours: dict, holidays: list) -> None:
    """Replace the shop's business hours and holidays (a manager of the shop; ``user`` None is a
    system write, the demo's seeding). ``hours`` maps an ISO weekday to (opens, closes), or
    (None, None) for a closed day; ``holidays`` is a list of (date, name). No day with hours:
    open around the clock; otherwise a day without hours is closed. Refusals name their field:
    ``closes_<weekday>`` or ``holidays``."""
    if user is not None:
        permissions.require(user, shop_id=shop_id, action="edit_hours")
    rows = []
    for weekday in Weekday.values:
        opens, closes = hours.get(weekday, (None, None))
        if (opens is None) != (closes is None):
            raise Invalid(HOURS_INCOMPLETE, field=f"closes_{weekday}")
        if opens is None:
            continue
        if closes <= opens:
            raise Invalid(CLOSES_BEFORE_OPENS, field=f"closes_{weekday}")
        rows.append(BusinessHours(shop_id=shop_id, weekday=weekday, opens=opens, closes=closes))
    seen = set()
    for on, name in holidays:
        if not (name or "").strip() or len(name.strip()) > HOLIDAY_NAME_LENGTH:
            raise Invalid(HOLIDAY_NAME_REQUIRED, field="holidays")
        if on in seen:
            raise Invalid(HOLIDAY_TWICE, field="holidays")
        seen.add(on)
    if not rows and holidays:
        # Around the clock has no closed days: a holiday needs hours to close.
        raise Invalid(NEVER_OPEN, field="holidays")
    BusinessHours.objects.filter(shop_id=shop_id).delete()
    BusinessHours.objects.bulk_create(rows)
    Holiday.objects.filter(shop_id=shop_id).delete()
    Holiday.objects.bulk_create(
        Holiday(shop_id=shop_id, on=on, name=name.strip()) for on, name in holidays
    )

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from servicedesk.errors import Invalid

from . import permissions, tokens
from .models import ApiToken, Membership, Profile
from .selectors import api_token_get_for_user, forget_memberships

UNKNOWN_LANGUAGE = _("Choose one of the site's languages, or none for the shop's.")


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

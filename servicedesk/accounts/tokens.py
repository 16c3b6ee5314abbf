"""API tokens: how a key is made and checked, and the hooks that make tokens end.

``ApiTokenAuthentication`` replaces DRF's TokenAuthentication (same ``Token <key>`` header) on
``ApiToken``: the key is looked up by its SHA-256, an expired token is refused, and the time of
use is kept (at most once a minute, so a busy client costs no write per call).
``RevokeApiTokensOnPasswordChange`` sits in AUTH_PASSWORD_VALIDATORS because Django tells every
validator when a password really changes (``password_changed``: the admin's form, the
``changepassword`` command, ``set_password`` then ``save``) and not when a hasher upgrade
rewrites the same password's hash at log-in."""

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from .models import ApiToken

KEY_BYTES = 20  # 40 hexadecimal characters, as DRF's tokens
PREFIX_LENGTH = 8
LAST_USED_EVERY = timedelta(minutes=1)

TOKEN_INVALID = pgettext_lazy("api token", "Invalid token.")
TOKEN_EXPIRED = _("The token has expired: ask for a new one.")
TOKENS_END_WITH_PASSWORD = _("Changing the password revokes every API token of the user.")


def new_key() -> str:
    return secrets.token_hex(KEY_BYTES)


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        token = ApiToken.objects.select_related("user").filter(digest=digest(key)).first()
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(TOKEN_INVALID)
        now = timezone.now()
        if token.expires_at <= now:
            raise exceptions.AuthenticationFailed(TOKEN_EXPIRED)
        if token.last_used_at is None or token.last_used_at < now - LAST_USED_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return (token.user, token)


class RevokeApiTokensOnPasswordChange:
    """Not a rule for passwords: the hook by which a password change revokes the user's API
    tokens (see the module's docstring)."""

    def validate(self, password, user=None):
        return None

    def password_changed(self, password, user=None):
        from .services import api_tokens_revoke_all  # noqa: PLC0415 — services imports tokens

        if user is not None and user.pk is not None:
            api_tokens_revoke_all(user=user)

    def get_help_text(self):
        return TOKENS_END_WITH_PASSWORD

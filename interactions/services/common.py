"""The row lock and the versioned save every interaction write goes through, and the guard they
share: a closed interaction is never changed again."""

from servicedesk.accounts.selectors import get_for_user
from servicedesk.errors import Conflict, Invalid
from servicedesk.field_history import attribute_to
from vehicles.services.records import record_get

from .. import permissions
from ..models import Interaction, Stage
from .errors import ALREADY_CLOSED, STALE_COPY, WRONG_SHOP


def _lock(*, user, pk, version: int | None) -> Interaction:
    """The interaction, row-locked, after the access, closed and stale-copy checks."""
    interaction = get_for_user(
        Interaction.objects.select_for_update(),
        user=user,
        pk=pk,
        roles=permissions.ROLES_FOR["run"],
    )
    _guard_open(interaction)
    if version is not None and int(version) != interaction.version:
        raise Conflict(STALE_COPY, code="stale")
    return attribute_to(interaction, user)


def _guard_open(interaction: Interaction) -> None:
    if interaction.stage == Stage.CLOSED:
        raise Conflict(ALREADY_CLOSED, code="closed")


def _save(interaction: Interaction, changed: list[str]) -> None:
    interaction.version += 1
    interaction.save(update_fields=sorted({*changed, "version"}))


def _named(queryset, pk, *, shop_id: int, field: str):
    """A record a service names by id (CONVENTIONS §9), of the shop ``shop_id``: None for no id,
    NotFound for a missing one, and one of another shop refused on its field."""
    if pk is None:
        return None
    record = record_get(queryset, pk)
    if record.shop_id != shop_id:
        raise Invalid(WRONG_SHOP, field=field)
    return record

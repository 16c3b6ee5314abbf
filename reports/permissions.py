"""Who may read and refresh the annual statistics: the role table with ``require()``/``may()``
(``servicedesk.permissions.Table``). The page, the API and the jobs ask here."""

from django.utils.translation import gettext_lazy as _

from servicedesk.accounts.models import GroupRole, Role
from servicedesk.accounts.selectors import (
    group_get_for_user,
    group_role,
    groups_for_user,
    memberships_for_user,
)
from servicedesk.errors import Forbidden, Invalid, NotFound
from servicedesk.permissions import Table

# A member of a group of shops reads the reports of every shop of the group, and nothing else
# of theirs (servicedesk.permissions.Table: no other table names a group role).
GROUP_READERS = (GroupRole.GROUP_MANAGER, GroupRole.GROUP_QUALITY)
READERS = (Role.MANAGER, Role.QUALITY, Role.REPORTING, *GROUP_READERS)
REFRESHERS = (Role.MANAGER,)

ONLY_A_MANAGER_REFRESHES = _("Only a service manager refreshes the statistics.")
NOT_A_READER = _("Your role does not give access to the reports.")
SHOP_REQUIRED = _("You work in several shops: choose one with ?shop=.")
BAD_SHOP = _("Give the shop as its number.")


ROLES_FOR = {
    "read": READERS,  # the statistics, the dashboards: pages, API, exports, home panel
    "refresh": REFRESHERS,  # compute a year again
    # the quality page, its drill-down and exports: every reader; so is computing it again
    # (a reader's refresh replaces a cached copy of minutes, not a stored snapshot)
    "read_quality": READERS,
    "refresh_quality": READERS,
}

_TABLE = Table(ROLES_FOR, refusals={"read": NOT_A_READER, "refresh": ONLY_A_MANAGER_REFRESHES})
may = _TABLE.may
shops = _TABLE.shops


def require(user, *, shop_id: int, action: str) -> str | None:
    """The table's ``require``; refreshing is for a reader only, so a member who may not read
    reads why (``NOT_A_READER``) first."""
    if action in ("refresh", "refresh_quality"):
        _TABLE.require(user, shop_id=shop_id, action="read")
    return _TABLE.require(user, shop_id=shop_id, action=action)


def report_shop(user, shop_param=None):
    """The shop a report call is about: ``?shop=`` when given, else the user's only shop.

    NotFound for a shop the user is not a member of, Forbidden for a member whose role does
    not read reports, Invalid when the user has several reporting shops and named none.
    """
    if shop_param not in (None, ""):
        try:
            shop_id = int(shop_param)
        except (TypeError, ValueError):
            raise Invalid(BAD_SHOP, field="shop") from None
        require(user, shop_id=shop_id, action="read")
        return next(shop for shop in shops(user, "read") if shop.pk == shop_id)
    memberships = memberships_for_user(user)
    readable = shops(user, "read")
    if len(readable) == 1:
        return readable[0]
    if not readable:
        if memberships:
            raise Forbidden(NOT_A_READER)
        raise NotFound()
    raise Invalid(SHOP_REQUIRED, field="shop")


def report_group(user, group_id):
    """One of the user's groups of shops, whose dashboard they read; NotFound alike for a
    missing group and one they are not in."""
    group = group_get_for_user(user=user, pk=group_id)
    if group_role(user, group) not in ROLES_FOR["read"]:
        raise Forbidden(NOT_A_READER)
    return group


def report_groups(user) -> list:
    """The groups whose dashboards the user reads."""
    return [gm.group for gm in groups_for_user(user) if gm.role in ROLES_FOR["read"]]

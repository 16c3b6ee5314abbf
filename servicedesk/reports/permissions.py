"""Who may read and refresh the annual statistics. The page, the API and the jobs ask here."""

from django.utils.translation import gettext_lazy as _

from servicedesk.accounts.models import Role
from servicedesk.accounts.selectors import memberships_for_user, role_in_shop
from servicedesk.errors import Forbidden, Invalid, NotFound

READERS = (Role.MANAGER, Role.QUALITY, Role.REPORTING)
REFRESHERS = (Role.MANAGER,)

ONLY_A_MANAGER_REFRESHES = _("Only a service manager refreshes the statistics.")
NOT_A_READER = _("Your role does not give access to the reports.")
SHOP_REQUIRED = _("You work in several shops: choose one with ?shop=.")
BAD_SHOP = _("Give the shop as its number.")


def require_reader(user, *, shop_id: int) -> str:
    role = role_in_shop(user, shop_id)
    if role is None:
        raise NotFound()
    if role not in READERS:
        raise Forbidden(NOT_A_READER)
    return role


def require_refresher(user, *, shop_id: int) -> str:
    role = require_reader(user, shop_id=shop_id)
    if role not in REFRESHERS:
        raise Forbidden(ONLY_A_MANAGER_REFRESHES)
    return role


def may_refresh(user, *, shop_id: int) -> bool:
    return role_in_shop(user, shop_id) in REFRESHERS


def report_shop(user, shop_param=None):
    """The shop a report call is about: ``?shop=`` when given, else the user's only shop.

    NotFound for a shop the user is not a member of, Forbidden for a member whose role does
    not read reports, Invalid when the user has several reporting shops and named none.
    """
    memberships = memberships_for_user(user)
    if shop_param not in (None, ""):
        try:
            shop_id = int(shop_param)
        except (TypeError, ValueError):
            raise Invalid(BAD_SHOP, field="shop") from None
        require_reader(user, shop_id=shop_id)
        return next(m.shop for m in memberships if m.shop_id == shop_id)
    readable = [m.shop for m in memberships if m.role in READERS]
    if len(readable) == 1:
        return readable[0]
    if not readable:
        if memberships:
            raise Forbidden(NOT_A_READER)
        raise NotFound()
    raise Invalid(SHOP_REQUIRED, field="shop")


def reader_shops(user) -> list:
    return [m.shop for m in memberships_for_user(user) if m.role in READERS]

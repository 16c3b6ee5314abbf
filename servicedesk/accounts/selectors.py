"""Who may see what. Every read of a shop's records goes through ``scope_to_user`` or
``get_for_user``, so a record of another shop answers exactly like a missing one."""

from decimal import Decimal

from django.db.models import Model, Prefetch, QuerySet
from django.utils import timezone

from servicedesk import security
from servicedesk.business_time import Calendar
from servicedesk.errors import Forbidden, NotFound

from . import identity
from .models import (
    DEFAULT_AUTHORITY_LIMITS,
    ApiToken,
    AuthorityLimit,
    BusinessHours,
    GroupMembership,
    Holiday,
    Membership,
    Profile,
    Role,
    Shop,
    ShopGroup,
)
from .permissions import may_manage_every_token

_CACHE_ATTR = "_servicedesk_memberships"
_GROUPS_CACHE_ATTR = "_servicedesk_group_memberships"
_LANGUAGE_ATTR = "_servicedesk_language"


def memberships_for_user(user) -> list[Membership]:
    """The user's memberships with their shops, read once per request (cached on the user,
    and across requests in ``servicedesk.accounts.identity``)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return _identity_part(user, _CACHE_ATTR)


def forget_memberships(user) -> None:
    """After a change to the user's memberships or language in this request: read them again
    from the database (the change may not be committed yet, so not from the cache)."""
    for attr in _READERS:
        if hasattr(user, attr):
            delattr(user, attr)
    identity.bypass(user)


def groups_for_user(user) -> list[GroupMembership]:
    """The user's places in groups of shops, each with its group and the group's shops (two
    queries, whatever the number of groups and shops), read once per request."""
    if not getattr(user, "is_authenticated", False):
        return []
    return _identity_part(user, _GROUPS_CACHE_ATTR)


def _read_memberships(user) -> list[Membership]:
    return list(Membership.objects.filter(user=user).select_related("shop").order_by("shop__name"))


def _read_groups(user) -> list[GroupMembership]:
    return list(
        GroupMembership.objects.filter(user=user)
        .select_related("group")
        .prefetch_related(Prefetch("group__shops", queryset=Shop.objects.order_by("name")))
        .order_by("group__name")
    )


def _read_language(user) -> str:
    try:
        return user.profile.language  # kept on the user when the request read it already
    except Profile.DoesNotExist:
        return ""


# What ``identity`` keeps of a user, each part with its reader.
_READERS = {
    _CACHE_ATTR: _read_memberships,
    _GROUPS_CACHE_ATTR: _read_groups,
    _LANGUAGE_ATTR: _read_language,
}


def _identity_part(user, attr: str):
    """One part of the user's identity, read once per request: with the identity cache all of
    them at once (one round trip, or the readers on a miss), else only this one."""
    if not hasattr(user, attr):
        if identity.cached_for(user):
            identity.load(user, {name: read for name, read in _READERS.items()})
        else:
            setattr(user, attr, _READERS[attr](user))
    return getattr(user, attr)


def group_roles_in_shop(user, shop_id: int) -> set[str]:
    """The roles the user's groups give them in the shop (a ``GroupRole`` per group holding it)."""
    return {
        gm.role
        for gm in groups_for_user(user)
        for shop in gm.group.shops.all()
        if shop.pk == shop_id
    }


def group_shops_for_user(user, roles: tuple[str, ...]) -> list[Shop]:
    """The shops of the user's groups where their group role is one of ``roles``, once each."""
    seen: dict[int, Shop] = {}
    for gm in groups_for_user(user):
        if gm.role in roles:
            for shop in gm.group.shops.all():
                seen.setdefault(shop.pk, shop)
    return list(seen.values())


def group_get_for_user(*, user, pk) -> ShopGroup:
    """One of the user's groups, its shops prefetched; NotFound alike for missing and not
    a member."""
    for gm in groups_for_user(user):
        if str(gm.group_id) == str(pk):
            return gm.group
    raise NotFound()


def group_role(user, group: ShopGroup) -> str | None:
    return next((gm.role for gm in groups_for_user(user) if gm.group_id == group.pk), None)


def user_language(user) -> str:
    """The language the user chose for themselves; "" when they chose none."""
    if not getattr(user, "is_authenticated", False):
        return ""
    if hasattr(user, _LANGUAGE_ATTR) or identity.cached_for(user):
        return _identity_part(user, _LANGUAGE_ATTR)
    return _read_language(user)


def language_for(*, user, shop: Shop) -> str:
    """The language a message to a member of staff about ``shop`` is written in: the one they
    chose, else the shop's."""
    return user_language(user) or shop.language


def shop_ids_for_user(user) -> set[int]:
    return {m.shop_id for m in memberships_for_user(user)}


def shops_for_user(user) -> list[Shop]:
    return [m.shop for m in memberships_for_user(user)]


def role_in_shop(user, shop_id: int) -> str | None:
    for membership in memberships_for_user(user):
        if membership.shop_id == shop_id:
            return membership.role
    return None


_ANSWERS_ATTR = "_servicedesk_answers"


def answers_for_user(user) -> dict:
    """A memo, on the user, of what follows from their memberships and groups alone (the role
    tables' answers, ``servicedesk.permissions.Table.require``). It lasts as long as the
    memberships and groups read for this request do: whoever drops or reloads them
    (``forget_memberships``, a test changing a role) drops it with them."""
    basis = (getattr(user, _CACHE_ATTR, None), getattr(user, _GROUPS_CACHE_ATTR, None))
    cached = getattr(user, _ANSWERS_ATTR, None)
    if cached is None or cached[0] is not basis[0] or cached[1] is not basis[1]:
        cached = (*basis, {})
        setattr(user, _ANSWERS_ATTR, cached)
    return cached[2]


def scope_to_user(queryset: QuerySet, *, user, shop_field: str = "shop") -> QuerySet:
    """The queryset cut down to the records of the user's shops."""
    return queryset.filter(**{f"{shop_field}__in": shop_ids_for_user(user)})


def get_for_user(
    queryset: QuerySet,
    *,
    user,
    pk,
    shop_field: str = "shop",
    roles: tuple[str, ...] | None = None,
) -> Model:
    """One record of the user's shops, or NotFound alike for missing and not-yours.

    With ``roles``, the user's role in the record's shop must be one of them (else Forbidden):
    existence is only confirmed to a member of the shop.
    """
    try:
        obj = scope_to_user(queryset, user=user, shop_field=shop_field).get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError, OverflowError):
        _note_if_elsewhere(queryset, pk)
        raise NotFound() from None
    if roles is not None:
        shop_id = _shop_id_of(obj, shop_field)
        if role_in_shop(user, shop_id) not in roles:
            raise Forbidden()
    return obj


def require_role(user, *, shop_id: int, roles: tuple[str, ...]) -> str:
    """The user's role in the shop if it is one of ``roles``; NotFound for a non-member."""
    role = role_in_shop(user, shop_id)
    if role is None:
        security.note_other_shop("shop", shop_id)
        raise NotFound()
    if role not in roles:
        raise Forbidden()
    return role


def _note_if_elsewhere(queryset: QuerySet, pk) -> None:
    """For the security log: the record refused as missing exists, in another shop."""
    try:
        exists = queryset.model._base_manager.filter(pk=pk).exists()
    except (ValueError, TypeError, OverflowError):
        return
    if exists:
        security.note_other_shop(queryset.model._meta.label, pk)


def _shop_id_of(obj: Model, shop_field: str) -> int:
    target = obj
    parts = shop_field.split("__")
    for part in parts[:-1]:
        target = getattr(target, part)
    return getattr(target, f"{parts[-1]}_id")


def authority_limit(*, shop_id: int, role: str) -> Decimal | None:
    """The most a role may approve (or give without approval) in a shop; None is unlimited.

    Roles with no default and no shop setting have no authority (zero).
    """
    row = AuthorityLimit.objects.filter(shop_id=shop_id, role=role).first()
    if row is not None:
        return row.amount
    return DEFAULT_AUTHORITY_LIMITS.get(role, Decimal("0"))


def on_duty_approvers(*, shop_id: int) -> QuerySet:
    """Managers on duty, or, when none is, the duty supervisors: who may approve right now."""
    managers = Membership.objects.filter(shop_id=shop_id, role=Role.MANAGER, on_duty=True)
    if managers.exists():
        return managers.select_related("user")
    return Membership.objects.filter(
        shop_id=shop_id, role=Role.SUPERVISOR, on_duty=True
    ).select_related("user")


def managers_to_tell(*, shop_id: int, roles=(Role.MANAGER,)) -> list:
    """Who hears of an escalation: the shop's managers (or members in ``roles``) on duty, or
    every one of them when none is on duty (so an escalation never goes to nobody)."""
    managers = list(
        Membership.objects.filter(shop_id=shop_id, role__in=roles).select_related("user")
    )
    on_duty = [m.user for m in managers if m.on_duty]
    return on_duty or [m.user for m in managers]


def department_heads(*, shop_id: int, department: str) -> list:
    """The heads of ``department`` in the shop (quality members whose department it is,
    whatever the letter case), with their user rows."""
    name = (department or "").strip()
    if not name:
        return []
    return [
        m.user
        for m in Membership.objects.filter(
            shop_id=shop_id, role=Role.QUALITY, department__iexact=name
        )
        .select_related("user")
        .order_by("user__username")
    ]


def api_tokens_for_user(*, user) -> QuerySet[ApiToken]:
    """The tokens ``user`` may see and revoke: their own, or every user's for an administrator.
    Expired tokens are left out: they no longer open anything."""
    tokens = ApiToken.objects.select_related("user").filter(expires_at__gt=timezone.now())
    if not may_manage_every_token(user):
        tokens = tokens.filter(user=user)
    return tokens.order_by("-created_at", "-pk")


def api_token_get_for_user(*, user, pk) -> ApiToken:
    """One token of ``api_tokens_for_user``; NotFound alike for missing and not yours."""
    tokens = ApiToken.objects.select_related("user")
    if not may_manage_every_token(user):
        tokens = tokens.filter(user=user)
    token = tokens.filter(pk=pk).first()
    if token is None:
        raise NotFound()
    return token


def shop_calendar(*, shop_id: int) -> Calendar:
    """The shop's business hours and holidays, in its time zone, for ``servicedesk.business_time``
    (no hours recorded: open around the clock). Two queries; a job reading many shops' clocks
    asks once per shop."""
    shop = Shop.objects.only("timezone").get(pk=shop_id)
    rows = BusinessHours.objects.filter(shop_id=shop_id)
    hours = {row.weekday: (row.opens, row.closes) for row in rows}
    holidays = frozenset(Holiday.objects.filter(shop_id=shop_id).values_list("on", flat=True))
    return Calendar(tz=shop.timezone, hours=hours, holidays=holidays)


def shop_hours_rows(*, shop_id: int) -> dict:
    """The shop's hours by weekday and its holidays (date, name), for its page and API."""
    return {
        "hours": {
            row.weekday: (row.opens, row.closes)
            for row in BusinessHours.objects.filter(shop_id=shop_id)
        },
        "holidays": list(Holiday.objects.filter(shop_id=shop_id).values_list("on", "name")),
    }


def shop_get_for_user(*, user, pk) -> Shop:
    """One of the user's shops; NotFound alike for missing and not a member."""
    return get_for_user(Shop.objects.all(), user=user, pk=pk, shop_field="pk")

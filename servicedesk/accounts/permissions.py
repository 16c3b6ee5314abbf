"""Who may do what with one's own membership (``ROLES_FOR``, ``require()``/``may()`` as in every
app: ``servicedesk.permissions.Table``), who manages API tokens, and the API's first check:

a write that the caller's role may never make is refused before its body is read.

Each API view names, in ``write_roles``, the roles that may make its writes: a tuple for all of
its unsafe methods, or a dict by the viewset's action (``"create"``, ``"mileage"``) or by the
handler's method (``"post"``, ``"patch"``). The tuples are the apps' own role tables (each app's
``permissions.py``), named here, not restated. A caller holding none of those roles in any shop
gets 403 at once: validating the body first answered 400 with the fields to send, to a role
that may never send them. Which shop's record, and rules that depend on the record (the owner,
the approver on duty), stay with the service.
"""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from servicedesk.permissions import Table

from .models import ON_DUTY_ROLES, Role

ROLES_FOR = {
    "go_on_duty": ON_DUTY_ROLES,  # the approvers: see complaints.permissions.approval_authority
    "edit_hours": (Role.MANAGER,),  # the shop's business hours and holidays
}

_TABLE = Table(ROLES_FOR)
require = _TABLE.require
may = _TABLE.may


def membership_actions(membership) -> frozenset[str]:
    """What a member may do with their own membership of a shop, from the table above: the home
    page offers these and restates no role."""
    return frozenset(action for action, roles in ROLES_FOR.items() if membership.role in roles)


def write_roles_for(view, request) -> tuple[str, ...] | None:
    roles = getattr(view, "write_roles", None)
    if isinstance(roles, dict):
        key = getattr(view, "action", None) or request.method.lower()
        return roles.get(key)
    return roles


class RoleMayWrite(BasePermission):
    code = "forbidden"

    @property
    def message(self):
        from servicedesk.errors import NOT_ALLOWED  # noqa: PLC0415 (see has_permission)

        return NOT_ALLOWED

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS or not request.user.is_authenticated:
            return True
        roles = write_roles_for(view, request)
        if roles is None:
            return True
        # Imported here: DRF imports this class while servicedesk.errors is still importing DRF.
        from .selectors import memberships_for_user  # noqa: PLC0415 (the cycle above)

        # False, not a raised domain error: the browsable API asks this too, to decide whether
        # to show a form, and expects a yes or no.
        return any(m.role in roles for m in memberships_for_user(request.user))


def may_manage_every_token(user) -> bool:
    """An administrator — a superuser, or staff given "Can delete API token" in the admin — sees
    and revokes every user's API tokens; everyone else only their own."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_staff
        and user.has_perm("accounts.delete_apitoken")
    )

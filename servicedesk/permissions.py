"""The one shape of a permission: each app's ``permissions.py`` holds a role table,
``ROLES_FOR = {action: roles}``, and answers through a ``Table`` made from it:

- ``require(user, shop_id=, action=)`` returns the user's role in the shop, or raises: NotFound
  for a non-member (a record of another shop answers like a missing one), Forbidden with the
  action's refusal (or the general one) for a member whose role may not;
- ``may(user, shop_id=, action=)`` is the same rule as a yes or no, for the buttons a page shows;
- ``shops(user, action)`` the shops where the user's role may, for pickers and lists.

A table may name group roles (``accounts.GroupRole``) beside the shop roles: a member of a group of
shops then holds that role in every shop of the group, for those actions only. Only the reports
name them; every other table answers a group member as it answers a stranger to the shop.

``user`` None is the system itself (demo seeding, jobs): it may do anything. Rules that depend on
the record (the approver on duty, a corrective action's owner) are named functions beside the
app's table, built on it. API views name their writes' roles from the same table
(``write_roles = ROLES_FOR["..."]``, see ``servicedesk.accounts.permissions.RoleMayWrite``), and
AppConfigs the roles of their navigation entries.
"""

from collections.abc import Mapping

_UNASKED = object()


class Table:
    def __init__(self, roles_for: Mapping[str, tuple[str, ...]], *, refusals=None) -> None:
        self.roles_for = roles_for
        self.refusals = refusals or {}  # action -> the message a member without the role reads
        self._named_group_roles: dict[str | None, frozenset[str]] = {}

    def roles(self, action: str) -> tuple[str, ...]:
        return self.roles_for[action]

    def _group_roles(self, action: str | None = None) -> frozenset[str]:
        """The group roles the table names, for ``action`` or for any action (read once: the
        table does not change)."""
        found = self._named_group_roles.get(action)
        if found is None:
            from servicedesk.accounts.models import GroupRole  # noqa: PLC0415 (the cycle below)

            named = (
                self.roles_for[action]
                if action
                else [r for v in self.roles_for.values() for r in v]
            )
            found = self._named_group_roles[action] = frozenset(named) & frozenset(GroupRole.values)
        return found

    def _group_role(self, user, shop_id: int, action: str) -> str | None:
        """The user's group role in the shop that may do ``action``, if the table names one."""
        wanted = self._group_roles(action)
        if not wanted:
            return None
        from servicedesk.accounts.selectors import group_roles_in_shop  # noqa: PLC0415

        return min(group_roles_in_shop(user, shop_id) & wanted, default=None)

    def require(self, user, *, shop_id: int, action: str) -> str | None:
        if user is None:
            return None
        # Imported here: servicedesk.accounts' own permissions are a Table too, and DRF loads
        # them (RoleMayWrite) while servicedesk.errors is still importing DRF.
        from servicedesk.accounts.selectors import answers_for_user  # noqa: PLC0415
        from servicedesk.errors import DomainError  # noqa: PLC0415

        # The answer follows from the user's memberships and groups alone: asked again in the
        # same request (``complaint_actions`` asks ~10 times a row of a list), it is read back.
        key = (self, shop_id, action)
        answer = answers_for_user(user).get(key, _UNASKED)
        if answer is _UNASKED:
            try:
                answer = self._require(user, shop_id=shop_id, action=action)
            except DomainError as refusal:  # Forbidden, NotFound
                answer = refusal
            answers_for_user(user)[key] = answer  # after: the first read fills the caches
        if isinstance(answer, Exception):
            # A fresh refusal each time: a caller may keep or amend the one it catches.
            raise type(answer)(answer.message, code=answer.code) from None
        return answer

    def _require(self, user, *, shop_id: int, action: str) -> str | None:
        from servicedesk.accounts.selectors import (  # noqa: PLC0415 (the cycle in require)
            group_roles_in_shop,
            require_role,
        )
        from servicedesk.errors import Forbidden, NotFound  # noqa: PLC0415 (the cycle in require)

        try:
            return require_role(user, shop_id=shop_id, roles=self.roles_for[action])
        except NotFound:
            group_role = self._group_role(user, shop_id, action)
            if group_role is not None:
                return group_role
            # A group member knows the shop: what their group role may not do is refused (403).
            if not (self._group_roles() and group_roles_in_shop(user, shop_id)):
                raise
            refusal = self.refusals.get(action)
            if refusal is None:
                raise Forbidden() from None
            raise Forbidden(refusal) from None
        except Forbidden:
            group_role = self._group_role(user, shop_id, action)
            if group_role is not None:
                return group_role
            refusal = self.refusals.get(action)
            if refusal is None:
                raise
            raise Forbidden(refusal) from None

    def may(self, user, *, shop_id: int, action: str) -> bool:
        from servicedesk.accounts.selectors import role_in_shop  # noqa: PLC0415 (the cycle above)

        if role_in_shop(user, shop_id) in self.roles_for[action]:
            return True
        return self._group_role(user, shop_id, action) is not None

    def shops(self, user, action: str) -> list:
        from servicedesk.accounts.selectors import (  # noqa: PLC0415 (the cycle above)
            group_shops_for_user,
            memberships_for_user,
        )

        roles = self.roles_for[action]
        found = {m.shop.pk: m.shop for m in memberships_for_user(user) if m.role in roles}
        if self._group_roles(action):
            for shop in group_shops_for_user(user, roles):
                found.setdefault(shop.pk, shop)
            return sorted(found.values(), key=lambda shop: (shop.name, shop.pk))
        return list(found.values())

    def anywhere(self, user, action: str) -> bool:
        """Whether the user's role in any of their shops may do ``action``."""
        return bool(self.shops(user, action))

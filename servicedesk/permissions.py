"""The one shape of a permission: each app's ``permissions.py`` holds a role table,
``ROLES_FOR = {action: roles}``, and answers through a ``Table`` made from it:

- ``require(user, shop_id=, action=)`` returns the user's role in the shop, or raises: NotFound
  for a non-member (a record of another shop answers like a missing one), Forbidden with the
  action's refusal (or the general one) for a member whose role may not;
- ``may(user, shop_id=, action=)`` is the same rule as a yes or no, for the buttons a page shows;
- ``shops(user, action)`` the shops where the user's role may, for pickers and lists.

``user`` None is the system itself (demo seeding, jobs): it may do anything. Rules that depend on
the record (the approver on duty, a corrective action's owner) are named functions beside the
app's table, built on it. API views name their writes' roles from the same table
(``write_roles = ROLES_FOR["..."]``, see ``servicedesk.accounts.permissions.RoleMayWrite``), and
AppConfigs the roles of their navigation entries.
"""

from collections.abc import Mapping


class Table:
    def __init__(self, roles_for: Mapping[str, tuple[str, ...]], *, refusals=None) -> None:
        self.roles_for = roles_for
        self.refusals = refusals or {}  # action -> the message a member without the role reads

    def roles(self, action: str) -> tuple[str, ...]:
        return self.roles_for[action]

    def require(self, user, *, shop_id: int, action: str) -> str | None:
        if user is None:
            return None
        # Imported here: servicedesk.accounts' own permissions are a Table too, and DRF loads
        # them (RoleMayWrite) while servicedesk.errors is still importing DRF.
        from servicedesk.accounts.selectors import require_role  # noqa: PLC0415 (the cycle above)
        from servicedesk.errors import Forbidden  # noqa: PLC0415 (the cycle above)

        try:
            return require_role(user, shop_id=shop_id, roles=self.roles_for[action])
        except Forbidden:
            refusal = self.refusals.get(action)
            if refusal is None:
                raise
            raise Forbidden(refusal) from None

    def may(self, user, *, shop_id: int, action: str) -> bool:
        from servicedesk.accounts.selectors import role_in_shop  # noqa: PLC0415 (the cycle above)

        return role_in_shop(user, shop_id) in self.roles_for[action]

    def shops(self, user, action: str) -> list:
        from servicedesk.accounts.selectors import memberships_for_user  # noqa: PLC0415 (the cycle above)

        roles = self.roles_for[action]
        return [m.shop for m in memberships_for_user(user) if m.role in roles]

    def anywhere(self, user, action: str) -> bool:
        """Whether the user's role in any of their shops may do ``action``."""
        return bool(self.shops(user, action))

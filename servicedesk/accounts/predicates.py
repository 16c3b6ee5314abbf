"""Role predicates for django-rules, built on the one membership lookup in selectors."""

import rules

from .models import Role
from .selectors import roles_for_user


def has_role(*roles: str):
    @rules.predicate(name=f"has_role({','.join(roles)})")
    def predicate(user) -> bool:
        return bool(roles_for_user(user) & set(roles))

    return predicate


is_advisor = has_role(Role.ADVISOR)
is_manager = has_role(Role.MANAGER)
is_staff_of_a_shop = has_role(*Role.values)

rules.add_perm("accounts.view_home", is_staff_of_a_shop)
rules.add_perm("accounts.go_on_duty", has_role(Role.MANAGER, Role.SUPERVISOR))

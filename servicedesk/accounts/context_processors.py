from servicedesk.navigation import items_for_roles, shortcuts_for_roles

from .selectors import groups_for_user, memberships_for_user


def staff(request):
    """The signed-in user's memberships, roles and the navigation their roles may see."""
    user = getattr(request, "user", None)
    memberships = memberships_for_user(user) if user is not None else []
    # A group role opens the group's dashboards (reports): the one query more of every page.
    groups = groups_for_user(user) if user is not None else []
    roles = {m.role for m in memberships} | {g.role for g in groups}
    items = items_for_roles(roles)
    return {
        "memberships": memberships,
        "my_groups": groups,
        "my_roles": roles,
        "nav_items": items,
        # From a tablet's width up: the roles' main destinations in the bar, the rest in "More".
        "nav_main": [item for item in items if item["main"]],
        "nav_more": [item for item in items if not item["main"]],
        "nav_shortcuts": shortcuts_for_roles(roles),
    }

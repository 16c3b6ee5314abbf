"""The top bar's menus, rendered once per process for each set of roles, language, page and
staff flag, then reused: the same for every reader who has them, and on every page. The parts
that differ per person (the bell's count, their name, the CSRF token) stay in base.html."""

from functools import lru_cache

from django import template
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from servicedesk.navigation import items_for_roles, shortcuts_for_roles

register = template.Library()


@lru_cache(maxsize=1024)
def _rendered(name: str, roles: frozenset, language: str, prefix: str, active: str, staff: bool):
    items = items_for_roles(set(roles))
    return mark_safe(  # noqa: S308 - a template of ours, its values escaped by it
        get_template(name).render(
            {
                "nav_main": [item for item in items if item["main"]],
                "nav_more": [item for item in items if not item["main"]],
                "nav_shortcuts": shortcuts_for_roles(set(roles)),
                "active": active,
                "is_staff": staff,
            }
        )
    )


def _key(context) -> tuple:
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    user = context.get("user")
    return (
        frozenset(context.get("my_roles") or ()),
        get_language() or "",
        get_script_prefix(),
        (match.view_name if match else "") or "",
        bool(getattr(user, "is_staff", False)),
    )


@register.simple_tag(takes_context=True)
def top_shortcuts(context):
    """The shortcuts that stay in the bar on every screen ("Report a problem")."""
    return _rendered("_top_shortcuts.html", *_key(context))


@register.simple_tag(takes_context=True)
def top_menu(context):
    """The roles' main destinations, and the rest under More."""
    return _rendered("_top_menu.html", *_key(context))

"""The main navigation. Each app registers its entries in its AppConfig.ready(), so adding an app
touches no shared template; the context processor keeps the ones the user's roles may see."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    label: str  # a lazy translation
    url_name: str
    roles: frozenset[str]  # empty: every signed-in member of a shop
    order: int = 100


_ITEMS: dict[str, NavItem] = {}
_PANELS: dict[str, NavItem] = {}


def register(label, url_name: str, *, roles=(), order: int = 100) -> None:
    _ITEMS[url_name] = NavItem(label, url_name, frozenset(roles), order)


def register_home_panel(url_name: str, *, roles=(), order: int = 100) -> None:
    """A fragment the home page loads (htmx) for users with one of ``roles``: an app shows its
    summary on the home page without the lower layer knowing the app."""
    _PANELS[url_name] = NavItem("", url_name, frozenset(roles), order)


def items_for_roles(roles: set[str]) -> list[dict]:
    return _visible(_ITEMS, roles)


def panels_for_roles(roles: set[str]) -> list[dict]:
    return _visible(_PANELS, roles)


def _visible(registry: dict[str, NavItem], roles: set[str]) -> list[dict]:
    visible = []
    for item in sorted(registry.values(), key=lambda i: (i.order, i.url_name)):
        if item.roles and not (item.roles & roles):
            continue
        if not roles:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        visible.append({"label": item.label, "url": url, "url_name": item.url_name})
    return visible

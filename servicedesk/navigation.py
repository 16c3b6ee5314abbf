"""The main navigation. Each app registers its entries in its AppConfig.ready(), so adding an app
touches no shared template; the context processor keeps the ones the user's roles may see.

An entry may be a *main destination* for some roles (``main_for``): those stand in the top bar
from a tablet's width up, the rest wait under "More". It may also be where a role *lands* after
logging in (``landing_for``): the advisor on their desk, the cashier on the settlements."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    label: str  # a lazy translation
    url_name: str
    roles: frozenset[str]  # empty: every signed-in member of a shop
    order: int = 100
    main_for: frozenset[str] = frozenset()
    landing_for: frozenset[str] = frozenset()


_ITEMS: dict[str, NavItem] = {}
_PANELS: dict[str, NavItem] = {}
_SHORTCUTS: dict[str, NavItem] = {}
_ICONS: dict[str, str] = {}


def register(
    label, url_name: str, *, roles=(), order: int = 100, main_for=(), landing_for=()
) -> None:
    _ITEMS[url_name] = NavItem(
        label, url_name, frozenset(roles), order, frozenset(main_for), frozenset(landing_for)
    )


def register_shortcut(label, url_name: str, *, roles=(), icon: str = "", order: int = 100):
    """A button that stays in the top bar on every page and every screen, outside the menu that
    folds away on a phone ("Report a problem"): for what anyone may need at any moment."""
    _SHORTCUTS[url_name] = NavItem(label, url_name, frozenset(roles), order)
    _ICONS[url_name] = icon


def shortcuts_for_roles(roles: set[str]) -> list[dict]:
    return [
        {**entry, "icon": _ICONS.get(item.url_name, "")}
        for item, entry in _visible(_SHORTCUTS, roles)
    ]


def register_home_panel(url_name: str, *, roles=(), order: int = 100) -> None:
    """A fragment the home page loads (htmx) for users with one of ``roles``: an app shows its
    summary on the home page without the lower layer knowing the app."""
    _PANELS[url_name] = NavItem("", url_name, frozenset(roles), order)


def items_for_roles(roles: set[str]) -> list[dict]:
    """The entries the roles may see, in order; ``main`` marks the roles' main destinations."""
    return [
        {**entry, "main": bool(item.main_for & roles)} for item, entry in _visible(_ITEMS, roles)
    ]


def panels_for_roles(roles: set[str]) -> list[dict]:
    return [entry for _item, entry in _visible(_PANELS, roles)]


def landing_for_roles(roles: set[str]) -> str | None:
    """Where a person with these roles starts their day: the first entry (in menu order) that
    is the landing of one of their roles; None if none is (the home page then)."""
    for item, entry in _visible(_ITEMS, roles):
        if item.landing_for & roles:
            return entry["url"]
    return None


def _visible(registry: dict[str, NavItem], roles: set[str]) -> list[tuple[NavItem, dict]]:
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
        visible.append((item, {"label": item.label, "url": url, "url_name": item.url_name}))
    return visible

"""What the apps above add to a work order's page: a panel of their own, and rows of its history.

This app may not import them (they import it), yet the work order's page shows, for instance,
the customer's link to the visit (portal) — sent when, opened when — and what the customer did
there. A higher app registers in its ``AppConfig.ready()``::

    from vehicles import panels

    def link_panel(work_order, *, request):     # returns HTML, or "" to show nothing
        return render_to_string("portal/_panel.html", {...}, request=request)

    def link_history(work_order):               # rows for the History card
        return [panels.HistoryRow(at=…, what=…, who=…), …]

    panels.register("portal.link", link_panel, order=10)
    panels.register_history("portal.link", link_history)

The interaction's page shows the same panels for its work order at the help stage. Providers
decide who sees what (``request.user``) and cost a fixed number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from .models import WorkOrder

PanelProvider = Callable[..., str]
HistoryProvider = Callable[[WorkOrder], list]
_PANELS: dict[str, tuple[int, PanelProvider]] = {}
_HISTORY: dict[str, HistoryProvider] = {}


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    what: str
    who: str = ""
    note: str = ""


def register(name: str, provider: PanelProvider, *, order: int = 100) -> None:
    """Add (or replace, by name) a panel of the work order's page."""
    _PANELS[name] = (order, provider)


def register_history(name: str, provider: HistoryProvider) -> None:
    """Add (or replace, by name) a source of rows for the work order's History card."""
    _HISTORY[name] = provider


def for_work_order(work_order: WorkOrder, *, request) -> list[SafeString]:
    """The panels to show, in order; a provider returning "" shows nothing."""
    found = []
    for _order, provider in sorted(_PANELS.values(), key=lambda item: item[0]):
        html = provider(work_order, request=request)
        if html:
            found.append(mark_safe(html))  # noqa: S308 — rendered by the provider's template
    return found


def history_for(work_order: WorkOrder) -> list[HistoryRow]:
    """The work order's status events and every registered source's rows, oldest first."""
    rows = [
        HistoryRow(
            at=event.at,
            what=str(event.get_to_status_display()),
            # No staff actor: the customer authorized on their link (portal).
            who=(event.actor.get_full_name() or event.actor.username)
            if event.actor_id
            else gettext("the customer"),
            note=event.note,
        )
        for event in work_order.events.all()
    ]
    for provider in _HISTORY.values():
        rows.extend(provider(work_order))
    rows.sort(key=lambda row: row.at)
    return rows

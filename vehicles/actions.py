"""What a person can start from a customer's or a vehicle's page, contributed by the apps above.

This app may not import interactions or complaints (they import it), yet the counter wants
"start an interaction", "log a communication", "open a complaint" on the customer's and the
vehicle's page, prefilled. The higher apps register a provider in their ``AppConfig.ready()``,
as they do for the timeline (``vehicles/timeline.py``)::

    from vehicles import actions

    def complaint_action(subject, *, user):      # a Customer, a Vehicle or a WorkOrder
        if not may_open_complaints(user, subject.shop_id):
            return None                          # the provider decides who sees it
        customer, vehicle = actions.customer_and_vehicle(subject)
        return actions.Action(label=_("Open a complaint"), url=…)

    actions.register("complaints.open", complaint_action, order=30)

A provider must not query per call beyond what the subject already holds (the vehicle comes with
its owner): the page shows every provider's action at once.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from .models import Customer, Vehicle, WorkOrder


@dataclass(frozen=True)
class Action:
    label: str
    url: str
    icon: str = ""  # a Bootstrap Icons name, e.g. "chat-dots"
    style: str = "outline-primary"  # a Bootstrap button style
    method: str = "get"  # "post": a form with ``fields`` as hidden inputs
    fields: tuple[tuple[str, object], ...] = ()
    # For a post: one submit button per choice (name, value, label), shown as a menu.
    choices: tuple[tuple[str, str, str], ...] = ()


Provider = Callable[..., Action | None]
_PROVIDERS: dict[str, tuple[int, Provider]] = {}


def register(name: str, provider: Provider, *, order: int = 100) -> None:
    """Add (or replace, by name) a provider of an action for customers and vehicles."""
    _PROVIDERS[name] = (order, provider)


def customer_and_vehicle(subject) -> tuple[Customer, Vehicle | None]:
    if isinstance(subject, WorkOrder):
        return subject.customer, subject.vehicle
    if isinstance(subject, Vehicle):
        return subject.owner, subject
    return subject, None


def prefill_query(subject) -> str:
    """``customer=…&vehicle=…`` (``work_order=…`` for a work order) for a link that opens a
    form prefilled with the subject."""
    customer, vehicle = customer_and_vehicle(subject)
    params = {"customer": customer.pk}
    if vehicle is not None:
        params["vehicle"] = vehicle.pk
    if isinstance(subject, WorkOrder):
        params["work_order"] = subject.pk
    return urlencode(params)


def prefill_fields(subject) -> tuple[tuple[str, object], ...]:
    customer, vehicle = customer_and_vehicle(subject)
    fields: tuple[tuple[str, object], ...] = (("customer", customer.pk),)
    if vehicle is not None:
        fields += (("vehicle", vehicle.pk),)
    return fields


def for_subject(subject: Customer | Vehicle | WorkOrder, *, user) -> list[Action]:
    """The actions the user may take from this customer's, vehicle's or work order's page."""
    found = []
    for _order, provider in sorted(_PROVIDERS.values(), key=lambda item: item[0]):
        action = provider(subject, user=user)
        if action is not None:
            found.append(action)
    return found

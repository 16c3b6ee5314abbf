"""This app's actions on a customer's and a vehicle's page (registered in ``ready()``):
start an interaction and log a communication, prefilled with the customer and the car."""

from django.urls import reverse
from django.utils.translation import gettext as _

from vehicles import actions

from . import permissions
from .models import InteractionChannel


def start_action(subject, *, user) -> actions.Action | None:
    if not permissions.may(user, shop_id=subject.shop_id, action="run"):
        return None
    return actions.Action(
        label=_("Start an interaction"),
        url=reverse("interactions:start"),
        icon="person-raised-hand",
        style="primary",
        method="post",
        fields=actions.prefill_fields(subject),
        choices=tuple(
            ("channel", value, str(label)) for value, label in InteractionChannel.choices
        ),
    )


def log_action(subject, *, user) -> actions.Action | None:
    if not permissions.may(user, shop_id=subject.shop_id, action="log"):
        return None
    return actions.Action(
        label=_("Log a communication"),
        url=f"{reverse('interactions:communication-new')}?{actions.prefill_query(subject)}",
        icon="telephone",
    )


def register() -> None:
    actions.register("interactions.start", start_action, order=10)
    actions.register("interactions.log", log_action, order=20)

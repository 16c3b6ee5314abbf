"""This app's action on a customer's and a vehicle's page: open a complaint, prefilled."""

from django.urls import reverse
from django.utils.translation import gettext as _

from vehicles import actions

from . import permissions


def open_action(subject, *, user) -> actions.Action | None:
    if not permissions.may(user, shop_id=subject.shop_id, action="take_in"):
        return None
    return actions.Action(
        label=_("Open a complaint"),
        url=f"{reverse('complaints:new')}?{actions.prefill_query(subject)}",
        icon="exclamation-triangle",
        style="outline-danger",
    )


def register() -> None:
    actions.register("complaints.open", open_action, order=30)

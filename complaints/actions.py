"""This app's action on a customer's and a vehicle's page: open a complaint, prefilled."""

from django.urls import reverse
from django.utils.translation import gettext as _

from servicedesk.accounts.selectors import role_in_shop
from vehicles import actions

from .permissions import HANDLERS


def open_action(subject, *, user) -> actions.Action | None:
    if role_in_shop(user, subject.shop_id) not in HANDLERS:
        return None
    return actions.Action(
        label=_("Open a complaint"),
        url=f"{reverse('complaints:new')}?{actions.prefill_query(subject)}",
        icon="exclamation-triangle",
        style="outline-danger",
    )


def register() -> None:
    actions.register("complaints.open", open_action, order=30)

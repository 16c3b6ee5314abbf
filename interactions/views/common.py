"""What the interaction pages share: the shop a new interaction is recorded in, who answers
escalations, and a form's values as a service's keyword arguments."""

from servicedesk.errors import Forbidden
from servicedesk.ids import as_ids

from .. import permissions


def _writable_shop_id(user) -> int:
    for shop in permissions.shops(user, "run"):
        return shop.pk
    raise Forbidden()  # a member whose role does not run interactions: 403, as the API says


def _is_responder(user) -> bool:
    return permissions.anywhere(user, "respond")


def _cleaned(form, *names: str) -> dict:
    """The named values of a valid form, as a service's keyword arguments."""
    return {name: form.cleaned_data[name] for name in names}


def _ids(form, *names: str) -> dict:
    """The records a valid form chose, as a service takes them: ``<name>_pk``, None for none."""
    return as_ids(_cleaned(form, *names), *names)

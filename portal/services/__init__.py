"""The portal's writes, a module per aggregate; the names below are its public surface."""

from .decisions import link_authorize, link_inspection_decide
from .links import (
    customer_link_actions,
    customer_link_create,
    customer_link_for_token,
    customer_link_revoke,
    event_record,
    link_get_for_user,
    link_is_live,
    link_url,
    live_link_for,
    live_link_get_for_user,
)
from .messages import customer_link_message
from .sending import customer_link_send

__all__ = [
    "customer_link_actions",
    "customer_link_create",
    "customer_link_for_token",
    "customer_link_message",
    "customer_link_send",
    "customer_link_revoke",
    "event_record",
    "link_authorize",
    "link_get_for_user",
    "link_inspection_decide",
    "link_is_live",
    "link_url",
    "live_link_for",
    "live_link_get_for_user",
]

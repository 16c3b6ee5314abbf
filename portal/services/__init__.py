"""The portal's writes, a module per aggregate; the names below are its public surface."""

from .links import (
    customer_link_actions,
    customer_link_create,
    customer_link_for_token,
    customer_link_revoke,
    event_record,
    link_is_live,
    link_url,
    live_link_for,
)

__all__ = [
    "customer_link_actions",
    "customer_link_create",
    "customer_link_for_token",
    "customer_link_revoke",
    "event_record",
    "link_is_live",
    "link_url",
    "live_link_for",
]

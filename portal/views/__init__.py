from .common import portal_render, portal_view
from .staff import link_revoke, link_send
from .status import status

__all__ = ["link_revoke", "link_send", "portal_render", "portal_view", "status"]

from .common import portal_render, portal_view
from .inspection import authorize, inspection, inspection_media
from .staff import link_revoke, link_send
from .status import status

__all__ = [
    "authorize",
    "inspection",
    "inspection_media",
    "link_revoke",
    "link_send",
    "portal_render",
    "portal_view",
    "status",
]

from .common import portal_render, portal_view
from .inspection import authorize, inspection, inspection_media
from .status import status

__all__ = [
    "authorize",
    "inspection",
    "inspection_media",
    "portal_render",
    "portal_view",
    "status",
]

from .common import portal_render, portal_view
from .status import status

__all__ = ["portal_render", "portal_view", "status"]

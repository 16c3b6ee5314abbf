"""The customer's page of their visit: where the car is, when it is promised, and any
complaint's progress in plain words."""

from .. import selectors
from .common import portal_render, portal_view


@portal_view
def status(request, link):
    return portal_render(request, link, "portal/status.html", selectors.visit_status(link))

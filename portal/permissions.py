"""Who may do what with a customer's link, in the table shape of ``servicedesk.permissions``.

The front desk (advisors, duty supervisors, service managers) creates, sends and revokes a
visit's link, as it runs the work order; every member of the shop sees whether one was sent and
opened. The customer needs no role: the token is their key (``services.customer_link_for_token``).
"""

from django.utils.translation import gettext_lazy as _

from servicedesk.permissions import Table
from vehicles.permissions import FRONT_DESK
from vehicles.permissions import ROLES_FOR as VEHICLE_ROLES

ROLES_FOR = {
    "create": FRONT_DESK,
    "send": FRONT_DESK,
    "revoke": FRONT_DESK,
    "view": VEHICLE_ROLES["browse"],
}

REFUSALS = {
    "create": _("Only the front desk sends the customer their link."),
    "send": _("Only the front desk sends the customer their link."),
    "revoke": _("Only the front desk revokes a customer's link."),
}

_TABLE = Table(ROLES_FOR, refusals=REFUSALS)
require = _TABLE.require
may = _TABLE.may
shops = _TABLE.shops

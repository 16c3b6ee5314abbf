"""Who may do what in the interactions app: the role table with ``require()``/``may()``
(``servicedesk.permissions.Table``), checked by the services; pages, the API's ``write_roles``
and the navigation read the same table. Every member of the shop may read."""

from servicedesk.accounts.models import Role
from servicedesk.permissions import Table

DESK = (Role.ADVISOR, Role.SUPERVISOR, Role.MANAGER)
RESPONDERS = (Role.MANAGER, Role.SUPERVISOR)

ROLES_FOR = {
    "run": DESK,  # run an interaction through its stages, raise an escalation
    "log": (*DESK, Role.QUALITY),  # log a contact with a customer, note what was learned
    "respond": RESPONDERS,  # answer escalations, see the team's day
    # keep the shop's canned replies (every member reads them; those who "log" insert them)
    "canned_replies": (Role.MANAGER,),
}

_TABLE = Table(ROLES_FOR)
require = _TABLE.require
may = _TABLE.may
shops = _TABLE.shops
anywhere = _TABLE.anywhere

"""Who sees the outbox: the staff who talk to customers. The role table with
``require()``/``may()`` (``servicedesk.permissions.Table``), used by page, API and navigation."""

from servicedesk.accounts.models import Role
from servicedesk.permissions import Table

MESSAGE_WATCHERS = (Role.ADVISOR, Role.SUPERVISOR, Role.MANAGER)

ROLES_FOR = {
    "watch": MESSAGE_WATCHERS,  # see their shops' outbound messages
    "resend": MESSAGE_WATCHERS,  # send a failed one again
}

_TABLE = Table(ROLES_FOR)
require = _TABLE.require
may = _TABLE.may
shops = _TABLE.shops

"""Who sees the outbox: the staff who talk to customers. One rule, used by page and API."""

from servicedesk.accounts.models import Role

# They see their shops' outbound messages and may send a failed one again.
MESSAGE_WATCHERS = (Role.ADVISOR, Role.SUPERVISOR, Role.MANAGER)

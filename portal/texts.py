"""What the portal tells staff in the app, by key: put into words in each reader's language
when read (``servicedesk.notifications.messages``)."""

from django.utils.translation import gettext_lazy as _

from servicedesk.notifications import messages

CUSTOMER_MESSAGE = messages.define(
    "portal.customer_message",
    title=_("%(customer)s wrote on their link (%(work_order)s)"),
    words="words",
)

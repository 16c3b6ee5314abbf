"""What the outbox tells staff in the app, by key: put into words in each reader's language
when read (``servicedesk.notifications.messages``)."""

from django.utils.translation import gettext_lazy as _

from servicedesk.notifications import messages

MESSAGE_FAILED = messages.define(
    "outbox.message_failed",
    title=_("A message to %(to)s could not be sent"),
    body=_("%(kind)s by %(channel)s, %(attempts)s attempts. Last error: %(error)s"),
)

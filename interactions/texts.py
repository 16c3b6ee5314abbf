"""What the interactions app writes for people to read later, by key: put into words in each
reader's language when read (``servicedesk.notifications.messages``)."""

from django.utils.translation import gettext_lazy as _

from servicedesk.notifications import messages

NOT_SATISFIED = messages.define(
    "interactions.not_satisfied", title=_("Satisfaction %(score)s of 5 at keep.")
)
ESCALATION_ANSWERED = messages.define(
    "interactions.escalation_answered",
    title=_("%(manager)s answered your escalation"),
    words="response",
)


def reason_text(*, words: str, message: str = "", params: dict | None = None) -> str:
    """An escalation's reason in the active language: what the system says (a message key and
    its parameters), then the person's own words."""
    said = messages.render(message, params or {}) if message else None
    return " ".join(part for part in ((said or ("", ""))[0], words or "") if part)


def _escalation(params: dict) -> tuple[str, str]:
    values = messages.localized(params)
    title = _("Escalation from %(advisor)s: %(kind)s") % values
    body = reason_text(
        words=params.get("reason", ""),
        message=params.get("reason_message", ""),
        params=params.get("reason_params"),
    )
    return str(title), body


ESCALATION = messages.define("interactions.escalation", _escalation)


def _inbound(params: dict) -> tuple[str, str]:
    values = messages.localized(params)
    title = _("%(customer)s wrote in (%(channel)s)") % values
    return str(title), params.get("excerpt", "")


INBOUND_MESSAGE = messages.define("interactions.inbound_message", _inbound)

ESCALATION_UNANSWERED = messages.define(
    "interactions.escalation_unanswered",
    title=_("Escalation from %(advisor)s still unanswered, due %(due)s"),
    words="reason",
)

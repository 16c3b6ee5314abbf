"""What the surveys app tells staff in the app, by key: put into words in each reader's
language when read (``servicedesk.notifications.messages``). Their emails use the shop's
editable message templates."""

from django.utils.translation import gettext_lazy as _

from servicedesk.notifications import messages

SURVEY_CHECK = messages.define(
    "surveys.survey_check",
    title=_("Satisfaction check: %(customer)s (%(work_order)s)"),
    body=_(
        "%(customer)s's %(vehicle)s was delivered on %(delivered)s. The survey link has gone "
        "out; call them to check they are satisfied."
    ),
)


def _low_score(params: dict) -> tuple[str, str]:
    values = messages.localized(params)
    title = _("Low survey score from %(customer)s") % values
    if values.get("work_order"):
        said = _(
            "%(customer)s rated the visit %(csat)s/5 (recommend %(nps)s/10) for work order "
            "%(work_order)s."
        )
    else:
        said = _("%(customer)s rated the visit %(csat)s/5 (recommend %(nps)s/10).")
    comment = params.get("comment") or ""
    return str(title), "\n\n".join(part for part in (str(said % values), comment) if part)


LOW_SCORE = messages.define("surveys.low_score", _low_score)

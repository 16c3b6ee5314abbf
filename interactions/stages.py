"""What each stage keeps: the fields an advisor fills in while the interaction is at that stage,
and what must be recorded before it may be left. Shared by the services, forms and the API."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import STAGE_ORDER, Stage

STAGE_FIELDS: dict[str, tuple[str, ...]] = {
    Stage.GREET: (
        "wait_seconds",
        "cue_in_a_hurry",
        "cue_apprehensive",
        "cue_upset",
        "greet_notes",
    ),
    Stage.KNOW_NEED: (
        "need_in_customer_words",
        "restatement",
        "clarifying_questions",
        "main_concern",
    ),
    Stage.CONFIRM: (
        "agreed_work",
        "can_do",
        "cannot_do",
        "customer_responsibilities",
        "promised_at",
        "estimate",
        "customer_agreed",
        "work_order",
    ),
    Stage.HELP: ("delivered_summary", "information_given"),
    Stage.KEEP: (
        "satisfaction",
        "satisfaction_words",
        "thanked",
        "invited_back",
        "next_visit_on",
    ),
}

# The timestamp field each stage sets when it is entered.
STAGE_TIMESTAMP: dict[str, str] = {
    Stage.GREET: "greet_at",
    Stage.KNOW_NEED: "know_need_at",
    Stage.CONFIRM: "confirm_at",
    Stage.HELP: "help_at",
    Stage.KEEP: "keep_at",
    Stage.CLOSED: "closed_at",
}

# Recorded before leaving a stage for the next (an early close skips these): field → message.
NEED_IN_WORDS_REQUIRED = _("Record the need in the customer's words before confirming.")
AGREED_WORK_REQUIRED = _("Record the agreed work before leaving confirm.")
AGREEMENT_REQUIRED = _("The customer's agreement is required before leaving confirm.")
SATISFACTION_REQUIRED = _("Check the customer's satisfaction (1–5) before closing.")

LEAVE_REQUIREMENTS: dict[str, tuple[tuple[str, object], ...]] = {
    Stage.KNOW_NEED: (("need_in_customer_words", NEED_IN_WORDS_REQUIRED),),
    Stage.CONFIRM: (
        ("agreed_work", AGREED_WORK_REQUIRED),
        ("customer_agreed", AGREEMENT_REQUIRED),
    ),
    Stage.KEEP: (("satisfaction", SATISFACTION_REQUIRED),),
}

OPEN_STAGES = tuple(s for s in STAGE_ORDER if s != Stage.CLOSED)

# At or below this score a customer counts as not satisfied and is escalated.
NOT_SATISFIED_AT_MOST = 2


def next_stage(stage: str) -> str | None:
    index = STAGE_ORDER.index(Stage(stage))
    return STAGE_ORDER[index + 1] if index + 1 < len(STAGE_ORDER) else None


# --- a long wait before the greeting (seed 003 §5(1)) ----------------------------------------

# Past this wait (minutes, ``GREET_LONG_WAIT_MINUTES`` in the settings) the advisor is prompted
# to apologise, explain and offer a special reception.
DEFAULT_LONG_WAIT_MINUTES = 15
LONG_WAIT_TITLE = _("The customer waited %(minutes)s minutes before being greeted.")
LONG_WAIT_APOLOGY = _(
    "Apologise and explain why, to win their understanding — for example: “I am sorry you "
    "had to wait; we have many customers right now and are short of hands. Thank you for "
    "your patience.”"
)
LONG_WAIT_REMEDY = _(
    "Special reception: look after this customer yourself from now on — a seat and a drink, "
    "priority at each step — and apologise again as they leave."
)
LONG_WAIT_AGAIN = _("They waited before being greeted: apologise again as they leave.")


def long_wait_minutes() -> int:
    return int(getattr(settings, "GREET_LONG_WAIT_MINUTES", DEFAULT_LONG_WAIT_MINUTES))


def long_wait_prompt(interaction) -> dict | None:
    """Seed 003 §5(1), a wait beyond reason: the apology with its reason and the special
    reception to offer, from greet on; at keep, the apology again as they leave. None for a
    short wait, or once the interaction is closed. Texts in the active language."""
    if interaction.stage == Stage.CLOSED or interaction.wait_seconds < long_wait_minutes() * 60:
        return None
    minutes = interaction.wait_seconds // 60
    return {
        "minutes": minutes,
        "title": LONG_WAIT_TITLE % {"minutes": minutes},
        "apology": str(LONG_WAIT_APOLOGY),
        "remedy": str(LONG_WAIT_REMEDY),
        "again": str(LONG_WAIT_AGAIN) if interaction.stage == Stage.KEEP else "",
    }

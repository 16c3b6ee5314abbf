"""Stable messages of the interactions services (shown in forms and returned by the API)."""

from django.utils.translation import gettext_lazy as _

ALREADY_CLOSED = _("This interaction is closed and can no longer be changed.")
STALE_COPY = _("Someone else changed this interaction; reload it and try again.")
OUT_OF_ORDER = _(
    "The interaction is at %(current)s; the only stage it can enter next is %(next)s "
    "(or close early with an outcome)."
)
UNKNOWN_STAGE = _("Unknown stage.")
NOT_A_STAGE_FIELD = _("This is not a field of the %(stage)s stage.")
NOT_CURRENT_STAGE = _(
    "This field belongs to the %(stage)s stage; the interaction is at %(current)s."
)
OUTCOME_REQUIRED = _("Closing before keep needs an outcome: answered, booked or no action.")
OUTCOME_COMPLETED_ONLY_FROM_KEEP = _("Only an interaction at keep can close as completed.")
UNKNOWN_OUTCOME = _("Unknown outcome.")
SATISFACTION_RANGE = _("Satisfaction is a score from 1 to 5.")
REASON_REQUIRED = _("Say why you are escalating.")
NOT_SATISFIED_ONLY_AT_KEEP = _("A customer is marked not satisfied at the keep stage.")
ALREADY_NOT_SATISFIED = _("This customer's dissatisfaction is already escalated.")
RESPONSE_REQUIRED = _("Write the response.")
ALREADY_ANSWERED = _("This escalation has already been answered.")
WRONG_SHOP = _("This record belongs to another shop.")
WORK_ORDER_OTHER_CUSTOMER = _("This work order is for another customer.")
SUMMARY_REQUIRED = _("Write a summary.")
NOT_IN_FUTURE = _("This cannot be in the future.")
VEHICLE_NEEDS_CUSTOMER = _("Choose the customer before the vehicle.")
IDENTITY_REQUIRED = _("Choose the customer, or write the name they gave.")
INTERACTION_OTHER_CUSTOMER = _("This interaction is with another customer.")
UNKNOWN_PROFILE_FIELD = _("Not a profile field.")
WORK_ORDER_STAGE = _(
    "A work order is opened at the confirm or help stage; the interaction is at %(current)s."
)
WORK_ORDER_ALREADY_LINKED = _("Work order %(number)s is already linked to this interaction.")
WORK_ORDER_NEEDS_VEHICLE = _("Choose the customer and the vehicle before opening a work order.")
WORK_ORDER_NEEDS_CONCERN = _(
    "Write down the customer's concern: record the need in their words or the agreed work first."
)
REPLY_TITLE_REQUIRED = _("Give the reply a title.")
REPLY_TITLE_TAKEN = _("The shop already has a canned reply with this title.")
REPLY_TEXT_REQUIRED = _("Write the reply in Chinese, in English, or in both.")
UNKNOWN_PLACEHOLDER = _("Unknown placeholder {%(name)s}. The placeholders are: %(known)s.")

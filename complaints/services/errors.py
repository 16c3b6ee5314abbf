"""Stable messages of the complaint services (shown in forms and returned by the API)."""

from django.utils.translation import gettext_lazy as _

# Guards: a refused transition names the one that failed.
GUARD_NOT_ALLOWED = _("No transition from “%(from)s” to “%(to)s”.")
GUARD_CATEGORY = _(
    "Guard “category and responsibility”: set the complaint's category and responsibility "
    "before resolving."
)
# Seed 003 §6: the head of the shop reviews the complaint and determines the nature of the problem
# before it is resolved. Only a manager may write it, so a page offers the move only once it is.
GUARD_NATURE = _(
    "Guard “nature”: the service manager has not determined the nature of the problem yet; "
    "it is resolved only after that."
)
GUARD_REMEDY = _("Guard “remedy”: propose at least one remedy that is not rejected.")
GUARD_CORRECTION = _(
    "Guard “correction”: record what was done at once to correct the nonconformity (the "
    "immediate response) before resolving it."
)
GUARD_PENDING = _("Guard “approvals”: a remedy is still awaiting approval.")
GUARD_CONFIRMATION = _(
    "Guard “customer confirmation”: the customer has not confirmed the remedies yet."
)
GUARD_ACTION_PLANNED = _(
    "Guard “corrective action”: plan the corrective and preventive action (root cause, "
    "department, owner, due date) first."
)
GUARD_ACTION_RESULT = _("Guard “action result”: the owner has not recorded the result yet.")
GUARD_ACTION_VERIFIED = _(
    "Guard “verification”: a manager has not verified the corrective action yet."
)
GUARD_ACTION_EFFECTIVE = _(
    "Guard “effectiveness”: no corrective action was verified effective; plan another."
)
GUARD_SKIP_ONLY_CUSTOMER = _(
    "Guard “skip corrective action”: only when the customer is responsible may the stage be "
    "skipped."
)
GUARD_SKIP_REASON = _("Guard “skip corrective action”: give the reason for skipping.")
GUARD_SUPPLIER_DEDUCTION = _(
    "Guard “supplier deduction”: the supplier is responsible; raise the deduction and the "
    "improvement request first."
)
GUARD_FOLLOW_UP = _(
    "Guard “follow-up”: record the customer's opinion, or that they could not be reached after "
    "%(tries)s tries."
)
GUARD_REOPEN_REASON = _("Guard “reopen”: give the reason for reopening.")
STALE_COPY = _(
    "Someone else changed this complaint since you opened it. Reload it and make your change again."
)
VERSION_REQUIRED = _("Send the version of the complaint you read.")
CLOSED_NO_EDIT = _("The complaint is closed: reopen it to change it.")
NO_REMEDY_NOW = _("Remedies are proposed before the customer confirms.")
ALREADY_DECIDED = _("This remedy has already been decided (%(status)s).")
NEGATIVE_AMOUNT = _("The amount cannot be negative.")
BAD_AMOUNT = _("Enter a valid amount.")
CONFIRM_ONLY_RESOLVING = _("The customer confirms while the complaint is being resolved.")
CONFIRM_NAME_REQUIRED = _("The customer must print their name.")
CONFIRM_METHOD = _("Choose how the customer confirmed.")
NOT_IN_SHOP = _("This record does not belong to the complaint's shop.")
OWNER_NOT_QUALITY = _("The owner must be a head of department (quality role) of this shop.")
FIELD_REQUIRED = _("This field is required.")
RESULT_ALREADY_VERIFIED = _("This action is already verified: its result can no longer change.")
RESULT_MISSING = _("The owner must record the result before it is verified.")
ALREADY_VERIFIED = _("This corrective action has already been verified.")
DEDUCTION_ONLY_SUPPLIER = _("A supplier deduction is raised only when the supplier is responsible.")
SUPPLIER_REQUIRED = _("Name the supplier.")
ALREADY_APPLIED = _("This deduction has already been applied.")
ALREADY_ANSWERED = _("The supplier's answer has already been recorded.")
ALREADY_SETTLED = _("This money has already been paid to the customer.")
NO_CUSTOMER_TO_CONFIRM = _(
    "An internal nonconformity with no customer has no customer's confirmation: the manager "
    "resolves it once the nature is determined and the correction recorded."
)
NO_CUSTOMER_TO_FOLLOW_UP = _(
    "An internal nonconformity with no customer has no customer to follow up: close it once "
    "the corrective action is verified."
)
FOLLOW_UP_ONLY_IN_STATE = _("Follow-up attempts are recorded in the follow-up stage.")
OPINION_REQUIRED = _("The customer was reached: record their opinion.")
OPINION_WITHOUT_CONTACT = _("No opinion can be recorded when the customer was not reached.")
ALREADY_PAUSED = _("The complaint's clocks are already paused.")
NOT_PAUSED = _("The complaint's clocks are not paused.")
PAUSE_REASON_REQUIRED = _("Choose why the clocks are paused.")

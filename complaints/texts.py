"""What the complaints app tells people in the app, by key: put into words in each reader's
language when read (``servicedesk.notifications.messages``)."""

from django.utils.translation import gettext_lazy as _

from servicedesk.notifications.messages import define

# Seed 003 §2 and §5(3): who is told when a complaint is logged, and when it is found to be a
# service-content error (the body is what was said, in the words it was said in).
COMPLAINT_LOGGED = define(
    "complaints.logged",
    title=_("Complaint %(number)s logged (%(source)s): you are among those responsible"),
    words="words",
)
SERVICE_CONTENT_ERROR = define(
    "complaints.service_content_error",
    title=_("Service-content error for the duty supervisor or manager: %(number)s"),
    words="words",
)
REMEDY_PENDING = define(
    "complaints.remedy_pending", title=_("Remedy awaiting your approval: %(number)s")
)
REMEDY_APPROVED = define("complaints.remedy_approved", title=_("Remedy approved: %(number)s"))
REMEDY_REJECTED = define("complaints.remedy_rejected", title=_("Remedy rejected: %(number)s"))
ACTION_ASSIGNED = define(
    "complaints.action_assigned", title=_("Corrective action assigned to you: %(number)s")
)
ACTION_FOR_DEPARTMENT = define(
    "complaints.action_for_department",
    title=_("Corrective action planned for %(department)s: %(number)s"),
    body=_("Owner: %(owner)s. Due on %(due)s."),
)
DEDUCTION_TO_APPLY = define(
    "complaints.deduction_to_apply", title=_("Supplier deduction to apply: %(number)s")
)
SETTLEMENT_TO_PAY = define(
    "complaints.settlement_to_pay", title=_("Money to pay the customer: %(number)s")
)

# The jobs' alerts to staff (their emails use the shop's editable message templates).
FOLLOW_UP_DUE = define(
    "complaints.follow_up_due",
    title=_("Follow-up due: complaint %(complaint)s"),
    body=_(
        "Complaint %(complaint)s (%(customer)s) is waiting for its follow-up: ask the "
        "customer's opinion of the outcome. Tries left: %(tries_left)s."
    ),
)
CLOCK_OVERDUE = define(
    "complaints.clock_overdue",
    title=_("Overdue: %(clock)s of complaint %(complaint)s"),
    body=_(
        "Complaint %(complaint)s (%(customer)s): the %(clock)s was due at %(due)s and has not "
        "happened. Handled by %(handler)s."
    ),
)
ACTION_OVERDUE = define(
    "complaints.action_overdue",
    title=_("Overdue corrective action: complaint %(complaint)s"),
    body=_(
        "The corrective action of complaint %(complaint)s for %(department)s (owner "
        "%(owner)s) was due on %(due)s and has no result yet."
    ),
)

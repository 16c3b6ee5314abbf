"""Who may do what with a complaint. Each rule lives here once: the role table ``ROLES_FOR`` with
``require()``/``may()`` (``servicedesk.permissions.Table``), and named functions for the rules
that depend on the record. Services enforce them; pages ask the ``may`` forms which buttons to
show."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from servicedesk.accounts.models import Membership, Role
from servicedesk.accounts.selectors import authority_limit, managers_to_tell, role_in_shop
from servicedesk.errors import Forbidden, NotFound
from servicedesk.permissions import Table

from .models import KINDS_ALWAYS_NEEDING_APPROVAL, Category, Source

# Staff who take complaints, propose remedies, record confirmations and follow-ups.
HANDLERS = (Role.ADVISOR, Role.SUPERVISOR, Role.MANAGER)
PLANNERS = (Role.MANAGER, Role.SUPERVISOR, Role.QUALITY)
REOPENERS = (Role.SUPERVISOR, Role.MANAGER)
# The roles that decide remedies (when on duty and within their limit: ``approval_authority``).
APPROVERS = (Role.MANAGER, Role.SUPERVISOR)
DEDUCTION_RAISERS = (*HANDLERS, Role.QUALITY)
# Who sees the money to pay customers (the cashier's list and its API); CASHIERS settle it.
SETTLEMENT_VIEWERS = (Role.CASHIER, Role.MANAGER, Role.SUPERVISOR, Role.REPORTING)
MANAGERS = (Role.MANAGER,)
ACTION_OWNERS = (Role.QUALITY,)  # a corrective action's owner heads a department
CASHIERS = (Role.CASHIER,)  # apply supplier deductions and pay customers
# Seed 003 §5(3): a service-content error is resolved by the duty supervisor or the manager.
SERVICE_CONTENT_HANDLERS = (Role.SUPERVISOR, Role.MANAGER)
NATURE_DETERMINERS = MANAGERS  # DESIGN.md: the manager determines a complaint's nature
# Seed 003 §1: every employee is responsible for reporting a nonconformity — a technician on a
# tablet as much as the cashier; not the reporting client (a program, not an employee).
EMPLOYEES = (
    Role.ADVISOR,
    Role.TECHNICIAN,
    Role.SUPERVISOR,
    Role.MANAGER,
    Role.QUALITY,
    Role.CASHIER,
)

NOT_THE_PROPOSER = _("You proposed this remedy: someone else must decide it.")
NOT_AN_APPROVER = _(
    "Only a manager of the shop, or the duty supervisor when no manager is on duty, decides "
    "remedies."
)
MANAGER_ON_DUTY = _(
    "A manager is on duty: the manager decides this remedy, not the duty supervisor."
)
SUPERVISOR_NOT_ON_DUTY = _("Only the supervisor on duty may decide remedies.")
OVER_YOUR_LIMIT = _("The amount is above your authority limit (%(limit)s).")
ONLY_THE_OWNER = _("Only the owner of the corrective action records its result.")
ONLY_A_MANAGER = _("Only a service manager may do this.")
ONLY_A_MANAGER_DETERMINES = _("Only a service manager determines the nature of the problem.")
SERVICE_CONTENT_SUPERVISED = _(
    "A service-content error is handled by the duty supervisor or the service manager."
)
ONLY_THE_CASHIER = _("Only the cashier applies supplier deductions.")
ONLY_WHO_ASKS_RECORDS_THE_ANSWER = _(
    "The supplier's answer is recorded by the staff who raise deductions (advisors, "
    "supervisors, managers, heads of department)."
)
ONLY_THE_CASHIER_PAYS = _("Only the cashier pays the customer.")


# The role table: for each thing done with a complaint, the roles that may do it. Rules that
# depend on the record are the named functions below (the complaint's category, the approver on
# duty within their limit, a corrective action's owner).
ROLES_FOR = {
    "take_in": HANDLERS,
    "raise_internal": EMPLOYEES,  # report an internal nonconformity
    "handle": HANDLERS,
    "handle_service_content": SERVICE_CONTENT_HANDLERS,
    "determine_nature": NATURE_DETERMINERS,
    "reopen": REOPENERS,
    "skip": MANAGERS,  # skip the corrective action of a customer-caused complaint
    "plan": PLANNERS,  # plan a corrective action
    "own_action": ACTION_OWNERS,  # be named the owner of a corrective action
    "be_technician": (Role.TECHNICIAN,),  # be named the technician whose work a complaint is about
    "verify": MANAGERS,  # verify a corrective action's result
    "approve": APPROVERS,  # the roles that decide remedies: see ``require_approver``
    "raise_deduction": DEDUCTION_RAISERS,
    "apply_deduction": CASHIERS,
    # who asks the supplier for an improvement records the supplier's answer to it
    "answer_deduction": DEDUCTION_RAISERS,
    "settle": CASHIERS,
    "see_settlements": SETTLEMENT_VIEWERS,
    # the pages in the navigation
    "list": (*HANDLERS, Role.QUALITY, Role.CASHIER, Role.REPORTING, Role.TECHNICIAN),
    "actions_page": (Role.QUALITY, Role.MANAGER),
    "cashier_pages": (Role.CASHIER, Role.MANAGER),
    # who is told: of money to pay a customer or a supplier deduction to apply; of a clock or a
    # corrective action gone late, or a follow-up due with no one who took the complaint in
    "told_of_money": CASHIERS,
    "told_of_lateness": MANAGERS,
}
REFUSALS = {
    "handle_service_content": SERVICE_CONTENT_SUPERVISED,
    "determine_nature": ONLY_A_MANAGER_DETERMINES,
    "skip": ONLY_A_MANAGER,
    "verify": ONLY_A_MANAGER,
    "apply_deduction": ONLY_THE_CASHIER,
    "answer_deduction": ONLY_WHO_ASKS_RECORDS_THE_ANSWER,
    "settle": ONLY_THE_CASHIER_PAYS,
}

_TABLE = Table(ROLES_FOR, refusals=REFUSALS)
require = _TABLE.require
may = _TABLE.may
shops = _TABLE.shops
anywhere = _TABLE.anywhere


def may_open(user, *, shop_id: int) -> bool:
    """Whether the shop's complaint pages open to the user: every member of the shop, whatever
    the role (``selectors.complaint_get_for_user`` scopes to the user's shops); a reader of
    reports who is not a member there (a dealer group's) reads the figures, not the records."""
    return role_in_shop(user, shop_id) is not None


def _role(user, shop_id: int) -> str:
    role = role_in_shop(user, shop_id)
    if role is None:
        raise NotFound()
    return role


def _handling(complaint) -> str:
    """A service-content error is the duty supervisor's or the manager's (the advisor logs it,
    and may classify it so)."""
    if complaint.category == Category.SERVICE_CONTENT_ERROR:
        return "handle_service_content"
    return "handle"


def intake_action(source: str) -> str:
    """Who may open a complaint of ``source``: a handler takes in a customer's complaint; any
    employee raises an internal nonconformity."""
    return "raise_internal" if source == Source.INTERNAL else "take_in"


def require_complaint_handler(user, *, complaint) -> str:
    """Who may work a complaint after intake: edit it, move it, propose remedies, record the
    customer's confirmation and follow-ups."""
    return require(user, shop_id=complaint.shop_id, action=_handling(complaint))


def list_filters(user) -> frozenset[str]:
    """The complaint list's filters on the user's own work that mean something for them:
    "mine" (the complaints they took in) where they handle complaints, "approvals" (their
    queue) where their role decides remedies. A read-only role is offered neither."""
    offered = set()
    if anywhere(user, "handle"):
        offered.add("mine")
    if anywhere(user, "approve"):
        offered.add("approvals")
    return frozenset(offered)


def settlement_shops(user) -> list[int]:
    """The shops whose money to pay customers ``user`` may see; Forbidden if none."""
    shop_ids = [shop.pk for shop in shops(user, "see_settlements")]
    if not shop_ids:
        raise Forbidden()
    return shop_ids


def settlement_actions(settlement, user) -> frozenset[str]:
    """What ``user`` may do with a line of money to pay the customer: ``settle`` it, once."""
    if settlement.settled_at is None and may(user, shop_id=settlement.shop_id, action="settle"):
        return frozenset({"settle"})
    return frozenset()


def deduction_actions(deduction, user) -> frozenset[str]:
    """What ``user`` may do with a supplier deduction: ``apply`` it (once, the cashier) and
    record the supplier's ``answer`` to the improvement asked (once)."""
    actions = set()
    if deduction.applied_at is None and may(
        user, shop_id=deduction.shop_id, action="apply_deduction"
    ):
        actions.add("apply")
    if deduction.answered_at is None and may(
        user, shop_id=deduction.shop_id, action="answer_deduction"
    ):
        actions.add("answer")
    return frozenset(actions)


def cashiers_to_tell(*, shop_id: int):
    """Who is told of money to pay a customer or a supplier deduction to apply."""
    return get_user_model().objects.filter(
        memberships__shop_id=shop_id, memberships__role__in=ROLES_FOR["told_of_money"]
    )


def managers_to_tell_of_lateness(*, shop_id: int) -> list:
    """Who is told that a clock or a corrective action ran late: the managers on duty, or every
    manager when none is."""
    return managers_to_tell(shop_id=shop_id, roles=ROLES_FOR["told_of_lateness"])


def _distinct(users, *, but=None) -> list:
    seen, people = {getattr(but, "pk", None)}, []
    for user in users:
        if user is not None and user.pk not in seen:
            seen.add(user.pk)
            people.append(user)
    return people


def told_at_intake(complaint) -> list:
    """Seed 003 §2: when a complaint is logged, the people responsible for the product or the
    job are told, so that the incident is reported and its handling managed: the managers (on
    duty, or all when none is), the advisor of the work order it is about and the technician
    whose work it is; for an internal nonconformity, the heads of the responsible departments
    too (they own its corrective action). Not the person who logged it."""
    order, line = complaint.work_order, complaint.work_order_line
    people = [
        *managers_to_tell(shop_id=complaint.shop_id, roles=MANAGERS),
        order.advisor if order is not None else None,
        complaint.technician or (line.technician if line is not None else None),
    ]
    if complaint.source == Source.INTERNAL:
        people += list(
            get_user_model()
            .objects.filter(
                memberships__shop_id=complaint.shop_id, memberships__role__in=ACTION_OWNERS
            )
            .order_by("username")
        )
    return _distinct(people, but=complaint.received_by)


def told_of_service_content(complaint, *, but=None) -> list:
    """Seed 003 §5(3): a service-content error is resolved by the duty supervisor or the
    service manager — those on duty (every one of them when none is)."""
    people = managers_to_tell(shop_id=complaint.shop_id, roles=SERVICE_CONTENT_HANDLERS)
    return _distinct(people, but=but)


def require_action_owner(user, *, action) -> None:
    _role(user, action.complaint.shop_id)
    if action.owner_id != user.pk:
        raise Forbidden(ONLY_THE_OWNER)


def needs_approval(*, kind: str, amount: Decimal, shop_id: int, role: str) -> bool:
    """DESIGN.md: discount, compensation, refund always; others above the proposer's limit."""
    if kind in KINDS_ALWAYS_NEEDING_APPROVAL:
        return True
    limit = authority_limit(shop_id=shop_id, role=role)
    return limit is not None and amount > limit


def _manager_on_duty(shop_id: int) -> bool:
    return Membership.objects.filter(shop_id=shop_id, role=Role.MANAGER, on_duty=True).exists()


@dataclass(frozen=True)
class Authority:
    """What a user may approve in one shop right now: read once, then applied to each remedy."""

    member: bool
    refusal: str | None = None  # why they may not decide remedies at all, now
    limit: Decimal | None = None  # None: no limit


def approval_authority(user, *, shop_id: int) -> Authority:
    membership = Membership.objects.filter(user=user, shop_id=shop_id).first()
    if membership is None:
        return Authority(member=False)
    if membership.role == Role.SUPERVISOR:
        if not membership.on_duty:
            return Authority(member=True, refusal=SUPERVISOR_NOT_ON_DUTY)
        if _manager_on_duty(shop_id):
            return Authority(member=True, refusal=MANAGER_ON_DUTY)
    elif membership.role not in APPROVERS:
        return Authority(member=True, refusal=NOT_AN_APPROVER)
    return Authority(member=True, limit=authority_limit(shop_id=shop_id, role=membership.role))


def require_approver(user, *, remedy, authority: Authority | None = None) -> None:
    """Raise unless ``user`` may decide ``remedy``: a manager of the shop, or the duty supervisor
    when no manager is on duty; never the proposer; the amount within their own limit.

    A page that shows many remedies of one shop passes the user's ``approval_authority`` for
    that shop, read once, instead of it being read again for every remedy."""
    if authority is None:
        authority = approval_authority(user, shop_id=remedy.complaint.shop_id)
    if not authority.member:
        raise NotFound()
    if remedy.proposed_by_id == user.pk:
        raise Forbidden(NOT_THE_PROPOSER)
    if authority.refusal is not None:
        raise Forbidden(authority.refusal)
    if authority.limit is not None and remedy.amount > authority.limit:
        raise Forbidden(OVER_YOUR_LIMIT % {"limit": authority.limit})


def may_approve(user, *, remedy, authority: Authority | None = None) -> bool:
    """``require_approver`` as a yes or no, for the remedy's buttons."""
    try:
        require_approver(user, remedy=remedy, authority=authority)
    except (Forbidden, NotFound):
        return False
    return True

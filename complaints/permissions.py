"""Who may do what with a complaint. Each rule lives here once; services enforce them and pages
ask the ``may_*`` forms to decide which buttons to show."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from servicedesk.accounts.models import Membership, Role
from servicedesk.accounts.selectors import authority_limit, memberships_for_user, role_in_shop
from servicedesk.errors import Forbidden, NotFound

from .models import Category

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
ONLY_THE_CASHIER_PAYS = _("Only the cashier pays the customer.")


def _role(user, shop_id: int) -> str:
    role = role_in_shop(user, shop_id)
    if role is None:
        raise NotFound()
    return role


def _require(user, shop_id: int, roles, message=None) -> str:
    role = _role(user, shop_id)
    if role not in roles:
        raise Forbidden(message) if message else Forbidden()
    return role


def require_handler(user, *, shop_id: int) -> str:
    return _require(user, shop_id, HANDLERS)


def require_complaint_handler(user, *, complaint) -> str:
    """Who may work a complaint after intake: edit it, move it, propose remedies, record the
    customer's confirmation and follow-ups. A service-content error is the duty supervisor's or
    the manager's (the advisor logs it, and may classify it so)."""
    if complaint.category == Category.SERVICE_CONTENT_ERROR:
        return _require(
            user, complaint.shop_id, SERVICE_CONTENT_HANDLERS, SERVICE_CONTENT_SUPERVISED
        )
    return _require(user, complaint.shop_id, HANDLERS)


def require_nature_determiner(user, *, shop_id: int) -> str:
    return _require(user, shop_id, NATURE_DETERMINERS, ONLY_A_MANAGER_DETERMINES)


def handler_shops(user) -> list:
    """The shops where ``user`` may take in and handle complaints (``require_handler``)."""
    return [m.shop for m in memberships_for_user(user) if m.role in HANDLERS]


def list_filters(user) -> frozenset[str]:
    """The complaint list's filters on the user's own work that mean something for them:
    "mine" (the complaints they took in) where they handle complaints, "approvals" (their
    queue) where their role decides remedies. A read-only role is offered neither."""
    roles = {m.role for m in memberships_for_user(user)}
    offered = set()
    if roles.intersection(HANDLERS):
        offered.add("mine")
    if roles.intersection(APPROVERS):
        offered.add("approvals")
    return frozenset(offered)


def require_reopener(user, *, shop_id: int) -> str:
    return _require(user, shop_id, REOPENERS)


def require_manager(user, *, shop_id: int) -> str:
    return _require(user, shop_id, MANAGERS, ONLY_A_MANAGER)


def require_planner(user, *, shop_id: int) -> str:
    return _require(user, shop_id, PLANNERS)


def require_deduction_raiser(user, *, shop_id: int) -> str:
    return _require(user, shop_id, DEDUCTION_RAISERS)


def require_cashier(user, *, shop_id: int) -> str:
    return _require(user, shop_id, CASHIERS, ONLY_THE_CASHIER)


def require_settler(user, *, shop_id: int) -> str:
    return _require(user, shop_id, CASHIERS, ONLY_THE_CASHIER_PAYS)


def settlement_shops(user) -> list[int]:
    """The shops whose money to pay customers ``user`` may see; Forbidden if none."""
    shops = [m.shop_id for m in memberships_for_user(user) if m.role in SETTLEMENT_VIEWERS]
    if not shops:
        raise Forbidden()
    return shops


def settlement_actions(settlement, user) -> frozenset[str]:
    """What ``user`` may do with a line of money to pay the customer: ``settle`` it, once."""
    if settlement.settled_at is None and role_in_shop(user, settlement.shop_id) in CASHIERS:
        return frozenset({"settle"})
    return frozenset()


def require_action_owner(user, *, action) -> None:
    _role(user, action.complaint.shop_id)
    if action.owner_id != user.pk:
        raise Forbidden(ONLY_THE_OWNER)


def needs_approval(*, kind: str, amount: Decimal, shop_id: int, role: str) -> bool:
    """DESIGN.md: discount, compensation, refund always; others above the proposer's limit."""
    from .models import ALWAYS_APPROVED_KINDS

    if kind in ALWAYS_APPROVED_KINDS:
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


def may(check, *args, **kwargs) -> bool:
    """A rule as a yes/no, for deciding which buttons a page shows."""
    try:
        check(*args, **kwargs)
    except (Forbidden, NotFound):
        return False
    return True

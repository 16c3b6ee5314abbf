"""Follow-up calls after the complaint is resolved."""

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from servicedesk.dates import check_plausible, happened_at
from servicedesk.errors import Invalid

from .. import permissions as rules
from ..models import FollowUp, HistoryKind, Opinion
from .common import locked, log, policy_for_shop, since_reopen
from .errors import OPINION_REQUIRED, OPINION_WITHOUT_CONTACT
from .guards import guard_follow_up_state


@transaction.atomic
def follow_up_record(
    *,
    complaint_pk: int,
    user,
    reached: bool,
    opinion: str = "",
    comment: str = "",
    next_try=None,
    at: datetime | None = None,
) -> FollowUp:
    complaint = locked(complaint_pk)
    at = happened_at(at)
    rules.require_complaint_handler(user, complaint=complaint)
    if reached and opinion not in Opinion.values:
        raise Invalid(OPINION_REQUIRED, field="opinion")
    if not reached and opinion:
        raise Invalid(OPINION_WITHOUT_CONTACT, field="opinion")
    check_plausible(next_try, field="next_try")
    guard_follow_up_state(complaint)
    follow_up = FollowUp.objects.create(
        complaint=complaint,
        by=user,
        reached=bool(reached),
        opinion=opinion or "",
        comment=comment or "",
        next_try=next_try,
        at=at,
    )
    label = Opinion(opinion).label if opinion else _("not reached")
    log(
        complaint,
        kind=HistoryKind.FOLLOW_UP,
        by=user,
        note=f"{label}" + (f" · {comment}" if comment else ""),
        changes={"follow_up": follow_up.pk, "opinion": opinion or "", "text": comment or ""},
        at=at,
    )
    return follow_up


def follow_up_tries_left(complaint) -> int:
    tries = policy_for_shop(complaint.shop_id).follow_up_max_tries
    unreached = since_reopen(complaint.follow_ups.filter(reached=False), complaint, "at").count()
    return max(tries - unreached, 0)

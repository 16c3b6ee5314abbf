"""The complaint jobs: follow-up tries that are due, and clocks that ran late escalated to the
manager on duty and the record's owner. Each finder is one query; each item is handled in its
own transaction that first claims the reminder's key, so a second run sends nothing twice."""

from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from interactions.reminders import escalate_unanswered
from servicedesk.accounts.selectors import shop_calendar
from servicedesk.accounts.templatetags.people import person
from servicedesk.business_time import is_open
from servicedesk.notifications import messages
from servicedesk.outbox.models import MessageKind
from servicedesk.outbox.services import reminder_record, staff_alert

from . import clocks, texts
from .models import Complaint, CorrectiveAction, FollowUp, Source, State
from .permissions import managers_to_tell_of_lateness
from .services import follow_up_tries_left

RESPONSE, RESOLUTION = "response", "resolution"
CLOCKS = {RESPONSE: clocks.RESPONSE, RESOLUTION: clocks.RESOLUTION}
# Named in the reader's language when the alert is read.
CLOCK_NAMES = {RESPONSE: gettext_noop("first response"), RESOLUTION: gettext_noop("resolution")}


def _url(complaint_id: int) -> str:
    return reverse("complaints:detail", args=[complaint_id])


def _tell(users, *, complaint: Complaint, kind: str, message: str, key: str, context: dict):
    """One staff alert per person, each under its own key, linking to the complaint."""
    for user in users:
        staff_alert(
            user=user,
            shop=complaint.shop,
            kind=kind,
            message=message,
            key=f"{key}:{user.pk}",
            url=_url(complaint.pk),
            context={"complaint": complaint.number, **context},
        )


def _people(*users) -> list:
    seen, people = set(), []
    for user in users:
        if user is not None and user.pk not in seen:
            seen.add(user.pk)
            people.append(user)
    return people


# --- follow-up tries -------------------------------------------------------------------------


def follow_ups_due(*, now=None) -> list[tuple[int, int | None]]:
    """(complaint id, last attempt id) of complaints in follow-up whose next try is due: none
    tried yet, or the last attempt's next try is today or earlier."""
    today = timezone.localdate(now or timezone.now())
    last = FollowUp.objects.filter(complaint=OuterRef("pk")).order_by("-at", "-pk")
    rows = (
        Complaint.objects.filter(state=State.FOLLOW_UP)
        # An internal nonconformity with no customer has no one to follow up.
        .exclude(source=Source.INTERNAL, customer__isnull=True, customer_name="")
        .annotate(last_id=Subquery(last.values("pk")[:1]))
        .annotate(last_next_try=Subquery(last.values("next_try")[:1]))
        .filter(Q(last_id__isnull=True) | Q(last_next_try__lte=today))
        .values_list("pk", "last_id")
    )
    return list(rows)


@transaction.atomic
def follow_up_remind(*, complaint_id: int, last_id: int | None) -> bool:
    complaint = Complaint.objects.select_related("shop", "customer", "received_by").get(
        pk=complaint_id
    )
    if complaint.state != State.FOLLOW_UP:
        return False
    attempt = last_id if last_id is not None else f"r{complaint.reopen_count}"
    key = f"complaint-follow-up:{complaint.pk}:{attempt}"
    if reminder_record(shop_id=complaint.shop_id, kind="complaint_follow_up", key=key) is None:
        return False
    _tell(
        _people(complaint.received_by) or managers_to_tell_of_lateness(shop_id=complaint.shop_id),
        complaint=complaint,
        kind=MessageKind.COMPLAINT_FOLLOW_UP,
        message=texts.FOLLOW_UP_DUE,
        key=key,
        context={"customer": complaint.who or "—", "tries_left": follow_up_tries_left(complaint)},
    )
    return True


def remind_follow_ups(*, now=None) -> int:
    return sum(
        follow_up_remind(complaint_id=pk, last_id=last_id)
        for pk, last_id in follow_ups_due(now=now)
    )


# --- overdue clocks --------------------------------------------------------------------------


def overdue_due(*, now=None) -> dict[str, list[int]]:
    """Ids of what runs late: complaints per clock, and corrective actions."""
    now = now or timezone.now()
    return {
        **{
            name: list(Complaint.objects.filter(clock.late_q(now)).values_list("pk", flat=True))
            for name, clock in CLOCKS.items()
        },
        "action": list(
            CorrectiveAction.objects.filter(
                clocks.action_overdue_q(timezone.localdate(now))
            ).values_list("pk", flat=True)
        ),
    }


@transaction.atomic
def complaint_escalate_overdue(*, complaint_id: int, clock: str, now=None) -> bool:
    """Tell the managers on duty and the complaint's handler that a clock ran late. Once per
    clock and due time (a changed due time that runs late again is escalated again)."""
    now = now or timezone.now()
    complaint = Complaint.objects.select_related("shop", "customer", "received_by").get(
        pk=complaint_id
    )
    late = CLOCKS[clock].late_q(now)
    if not Complaint.objects.filter(late, pk=complaint.pk).exists():
        return False  # answered or resolved since it was found
    due = complaint.first_response_due if clock == RESPONSE else complaint.resolution_due
    key = f"overdue:{clock}:{complaint.pk}:{due:%Y%m%d%H%M}"
    if reminder_record(shop_id=complaint.shop_id, kind=f"overdue_{clock}", key=key) is None:
        return False
    handler = complaint.received_by
    _tell(
        _people(*managers_to_tell_of_lateness(shop_id=complaint.shop_id), handler),
        complaint=complaint,
        kind=MessageKind.COMPLAINT_OVERDUE,
        message=texts.CLOCK_OVERDUE,
        key=key,
        context={
            "customer": complaint.who or "—",
            "clock": messages.text(CLOCK_NAMES[clock]),
            "due": messages.when(due),
            "handler": person(handler) or "—",
        },
    )
    return True


@transaction.atomic
def action_escalate_overdue(*, action_id: int, now=None) -> bool:
    """Tell the managers on duty and the action's owner that a corrective action is late, in
    the shop's business hours only: found at night, on a closed day or a holiday, it waits for
    the job's first run after the opening (its key is claimed then, so it is told once)."""
    now = now or timezone.now()
    action = CorrectiveAction.objects.select_related("complaint__shop", "owner").get(pk=action_id)
    if not is_open(shop_calendar(shop_id=action.complaint.shop_id), now):
        return False
    if not CorrectiveAction.objects.filter(
        clocks.action_overdue_q(timezone.localdate(now)), pk=action.pk
    ).exists():
        return False
    complaint = action.complaint
    key = f"overdue:action:{action.pk}:{action.due_date:%Y%m%d}"
    if reminder_record(shop_id=complaint.shop_id, kind="overdue_action", key=key) is None:
        return False
    _tell(
        _people(*managers_to_tell_of_lateness(shop_id=complaint.shop_id), action.owner),
        complaint=complaint,
        kind=MessageKind.ACTION_OVERDUE,
        message=texts.ACTION_OVERDUE,
        key=key,
        context={
            "department": action.department,
            "owner": person(action.owner),
            "due": messages.when(action.due_date),
        },
    )
    return True


def escalate_overdue(*, now=None) -> int:
    due = overdue_due(now=now)
    sent = 0
    for clock in (RESPONSE, RESOLUTION):
        sent += sum(
            complaint_escalate_overdue(complaint_id=pk, clock=clock, now=now) for pk in due[clock]
        )
    sent += sum(action_escalate_overdue(action_id=pk, now=now) for pk in due["action"])
    # The same job escalates again what the manager on duty left unanswered (interactions).
    sent += escalate_unanswered(now=now)
    return sent

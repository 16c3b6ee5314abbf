"""Corrective and preventive action: planned, its result recorded, verified."""

from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from servicedesk.accounts.selectors import department_heads
from servicedesk.accounts.templatetags.people import person
from servicedesk.dates import check_plausible, happened_at
from servicedesk.errors import Invalid
from servicedesk.notifications import messages

from .. import permissions as rules
from .. import texts
from ..models import CorrectiveAction, HistoryKind
from .common import lock_row, locked, log, notify
from .errors import FIELD_REQUIRED, OWNER_NOT_QUALITY
from .guards import guard_open, guard_result_open, guard_verifiable


@transaction.atomic
def corrective_action_plan(
    *,
    complaint_pk: int,
    user,
    root_cause: str,
    corrective_action: str,
    preventive_action: str,
    department: str,
    owner_pk: int | None,
    due_date: date,
    at: datetime | None = None,
) -> CorrectiveAction:
    complaint = locked(complaint_pk)
    at = happened_at(at)
    rules.require(user, shop_id=complaint.shop_id, action="plan")
    guard_open(complaint)
    for field, value in (
        ("root_cause", root_cause),
        ("corrective_action", corrective_action),
        ("preventive_action", preventive_action),
        ("department", department),
    ):
        if not (value or "").strip():
            raise Invalid(FIELD_REQUIRED, field=field)
    if due_date is None:
        raise Invalid(FIELD_REQUIRED, field="due_date")
    check_plausible(due_date, field="due_date")
    owner = get_user_model().objects.filter(pk=owner_pk).first() if owner_pk else None
    if owner is None or not rules.may(owner, shop_id=complaint.shop_id, action="own_action"):
        raise Invalid(OWNER_NOT_QUALITY, field="owner")
    action = CorrectiveAction.objects.create(
        complaint=complaint,
        root_cause=root_cause.strip(),
        corrective_action=corrective_action.strip(),
        preventive_action=preventive_action.strip(),
        department=department.strip(),
        owner=owner,
        due_date=due_date,
        created_by=user,
        created_at=at,
    )
    log(
        complaint,
        kind=HistoryKind.ACTION_PLANNED,
        by=user,
        note=f"{action.department} · {owner} · {due_date:%Y-%m-%d}",
        changes={"action": action.pk},
        at=at,
    )
    notify(
        [owner],
        complaint,
        kind="corrective_action",
        message=texts.ACTION_ASSIGNED,
        key=f"action:{action.pk}",
        at=at,
    )
    # The department answers for the action, not only the one head named owner.
    notify(
        [
            u
            for u in department_heads(shop_id=complaint.shop_id, department=action.department)
            if u.pk != owner.pk
        ],
        complaint,
        kind="corrective_action",
        message=texts.ACTION_FOR_DEPARTMENT,
        params={
            "department": action.department,
            "owner": person(owner),
            "due": messages.when(action.due_date),
        },
        key=f"action-department:{action.pk}",
        at=at,
    )
    return action


@transaction.atomic
def corrective_action_record_result(
    *, pk: int, user, result: str, at: datetime | None = None
) -> CorrectiveAction:
    action = lock_row(CorrectiveAction, pk)
    rules.require_action_owner(user, action=action)
    if not (result or "").strip():
        raise Invalid(FIELD_REQUIRED, field="result")
    guard_result_open(action)
    action.result = result.strip()
    action.result_at = happened_at(at)
    action.save(update_fields=["result", "result_at"])
    log(
        action.complaint,
        kind=HistoryKind.ACTION_RESULT,
        by=user,
        note=action.result,
        changes={"action": action.pk},
        at=action.result_at,
    )
    return action


@transaction.atomic
def corrective_action_verify(
    *, pk: int, user, effective: bool, note: str = "", at: datetime | None = None
) -> CorrectiveAction:
    action = lock_row(CorrectiveAction, pk)
    rules.require(user, shop_id=action.complaint.shop_id, action="verify")
    guard_verifiable(action)
    action.effective = bool(effective)
    action.verified_by = user
    action.verified_at = happened_at(at)
    action.verification_note = note or ""
    action.save(update_fields=["effective", "verified_by", "verified_at", "verification_note"])
    verdict = _("effective") if effective else _("not effective")
    log(
        action.complaint,
        kind=HistoryKind.ACTION_VERIFIED,
        by=user,
        note=f"{verdict}" + (f" · {note}" if note else ""),
        changes={"action": action.pk, "effective": bool(effective), "text": note or ""},
        at=action.verified_at,
    )
    return action

"""Escalations: a demand the advisor cannot meet, or a customer not satisfied at keep, handed
to the manager on duty; and the manager's answer."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from servicedesk.accounts.models import Membership
from servicedesk.accounts.selectors import get_for_user, on_duty_approvers, shop_calendar
from servicedesk.business_time import business_add
from servicedesk.dates import happened_at
from servicedesk.errors import Conflict, Invalid
from servicedesk.notifications import messages
from servicedesk.notifications.services import notification_send

from .. import hooks, permissions, texts
from ..models import Escalation, EscalationKind, Interaction, Stage
from .common import _lock
from .errors import (
    ALREADY_ANSWERED,
    ALREADY_NOT_SATISFIED,
    NOT_SATISFIED_ONLY_AT_KEEP,
    REASON_REQUIRED,
    RESPONSE_REQUIRED,
)


@transaction.atomic
def interaction_escalate(
    *,
    user,
    pk: int,
    reason: str,
    kind: str = EscalationKind.UNEXPECTED_DEMAND,
    at: datetime | None = None,
) -> Escalation:
    """Hand a demand the advisor cannot meet — or a customer not satisfied at keep — to the
    manager on duty (or the duty supervisor), who is notified in the app.

    For ``not_satisfied``, the handlers registered in ``interactions.hooks`` run inside this
    transaction (the complaints app opens a complaint there).
    """
    interaction = _lock(user=user, pk=pk, version=None)
    if kind not in EscalationKind.values:
        raise Invalid(_("Unknown kind of escalation."), field="kind")
    if not (reason or "").strip():
        raise Invalid(REASON_REQUIRED, field="reason")
    if kind == EscalationKind.NOT_SATISFIED:
        if interaction.stage != Stage.KEEP:
            raise Conflict(NOT_SATISFIED_ONLY_AT_KEEP, code="out_of_order")
        if interaction.escalations.filter(kind=EscalationKind.NOT_SATISFIED).exists():
            raise Conflict(ALREADY_NOT_SATISFIED, code="already_escalated")
    return _escalate(
        user=user, interaction=interaction, kind=kind, reason=reason.strip(), at=happened_at(at)
    )


def _escalate(
    *,
    user,
    interaction: Interaction,
    kind: str,
    reason: str,
    reason_message: str = "",
    reason_params: dict | None = None,
    at: datetime | None = None,
) -> Escalation:
    """Precondition: the interaction's row is locked by the caller's transaction."""
    approvers = list(on_duty_approvers(shop_id=interaction.shop_id))
    assignee = approvers[0].user if approvers else None
    at = at or timezone.now()
    escalation = Escalation.objects.create(
        interaction=interaction,
        shop_id=interaction.shop_id,
        kind=kind,
        stage=interaction.stage,
        reason=str(reason),
        reason_message=reason_message,
        reason_params=reason_params or {},
        raised_by=user,
        raised_at=at,
        response_due=business_add(
            shop_calendar(shop_id=interaction.shop_id), at, escalation_response_target()
        ),
        assigned_to=assignee,
    )
    if assignee is not None:
        recipients = [assignee]
    else:  # nobody on duty: every manager and supervisor of the shop sees it
        recipients = [
            m.user
            for m in Membership.objects.filter(
                shop_id=interaction.shop_id, role__in=permissions.ROLES_FOR["respond"]
            ).select_related("user")
        ]
    url = reverse("interactions:escalation", args=[escalation.pk])

    params = {
        "advisor": user.get_full_name() or user.username,
        "kind": messages.choice(escalation, "kind"),
        "reason": escalation.reason,
        "reason_message": escalation.reason_message,
        "reason_params": escalation.reason_params,
    }
    for recipient in recipients:
        notification_send(
            recipient=recipient,
            shop_id=interaction.shop_id,
            kind="escalation",
            message=texts.ESCALATION,
            params=params,
            url=url,
            key=f"escalation:{escalation.pk}",
        )
    if kind == EscalationKind.NOT_SATISFIED:
        escalation.interaction = interaction
        hooks.run_not_satisfied_handlers(escalation=escalation)
    return escalation


def escalation_response_target() -> timedelta:
    """How long, in the shop's business time, an escalation waits for its answer."""
    return timedelta(minutes=settings.ESCALATION_RESPONSE_MINUTES)


@transaction.atomic
def escalation_respond(*, user, pk: int, response: str, at: datetime | None = None) -> Escalation:
    """Record the manager's (or duty supervisor's) answer once and notify the advisor."""
    escalation = get_for_user(
        Escalation.objects.select_for_update(),
        user=user,
        pk=pk,
        roles=permissions.ROLES_FOR["respond"],
    )
    if escalation.responded_at is not None:
        raise Conflict(ALREADY_ANSWERED, code="already_answered")
    if not (response or "").strip():
        raise Invalid(RESPONSE_REQUIRED, field="response")
    escalation.response = response.strip()
    escalation.responded_by = user
    escalation.responded_at = happened_at(at)
    escalation.save(update_fields=["response", "responded_by", "responded_at"])
    interaction = escalation.interaction
    notification_send(
        recipient=escalation.raised_by,
        shop_id=escalation.shop_id,
        kind="escalation_response",
        message=texts.ESCALATION_ANSWERED,
        params={
            "manager": user.get_full_name() or user.username,
            "response": escalation.response,
        },
        url=reverse("interactions:detail", args=[interaction.pk]),
        key=f"escalation-response:{escalation.pk}",
    )
    return escalation

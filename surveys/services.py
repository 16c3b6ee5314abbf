"""Surveys: created and sent after a delivery, answered once on the public page, and a low
score followed up (a task for the manager, or a complaint, by the shop's setting)."""

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from complaints.models import ComplaintChannel, Source
from complaints.services import complaint_open
from servicedesk.accounts.selectors import managers_to_tell
from servicedesk.dates import happened_at
from servicedesk.errors import Conflict, Invalid, NotFound
from servicedesk.notifications import messages
from servicedesk.outbox.models import MessageKind
from servicedesk.outbox.services import (
    customer_message,
    per_shop_range_q,
    reminder_record,
    staff_alert,
)
from vehicles.models import WorkOrder, WorkOrderStatus
from vehicles.services.records import record_get

from . import texts
from .models import LowScoreAction, Survey, SurveySettings

ALREADY_ANSWERED = _("This survey has already been answered. Thank you!")
EXPIRED = _("This survey link has expired.")
CSAT_RANGE = _("Choose a satisfaction score from 1 to 5.")
NPS_RANGE = _("Choose a score from 0 to 10.")


class SurveyStatus:
    OPEN = "open"
    ANSWERED = "answered"
    EXPIRED = "expired"


def settings_for_shop(shop_id: int) -> SurveySettings:
    """The shop's survey settings, or the defaults (unsaved) where it has none."""
    return SurveySettings.objects.filter(shop_id=shop_id).first() or SurveySettings(shop_id=shop_id)


def survey_url(survey: Survey) -> str:
    return settings.SITE_URL + reverse("surveys:answer", args=[survey.token])


def survey_status(survey: Survey, now=None) -> str:
    if survey.answered_at is not None:
        return SurveyStatus.ANSWERED
    if (now or timezone.now()) >= survey.expires_at:
        return SurveyStatus.EXPIRED
    return SurveyStatus.OPEN


def survey_for_token(token: str) -> Survey:
    survey = (
        Survey.objects.select_related("shop", "customer", "work_order__vehicle")
        .filter(token=token)
        .first()
    )
    if survey is None:
        raise NotFound()
    return survey


# --- creating and sending --------------------------------------------------------------------


def survey_create(*, work_order_pk: int, at: datetime | None = None) -> tuple[Survey, bool]:
    """The work order's survey, created ``at`` (now unless said) if it has none: (survey,
    created). One per work order (a unique constraint), so a job run twice creates one."""
    work_order = record_get(WorkOrder.objects.select_related("customer"), work_order_pk)
    return _survey_create(work_order, at=at)


def _survey_create(work_order: WorkOrder, *, at: datetime | None = None) -> tuple[Survey, bool]:
    """``survey_create`` for a work order already loaded with its customer."""
    existing = Survey.objects.filter(work_order=work_order).first()
    if existing is not None:
        return existing, False
    now = happened_at(at)
    shop_settings = settings_for_shop(work_order.shop_id)
    customer = work_order.customer
    survey = Survey.objects.create(
        shop_id=work_order.shop_id,
        work_order=work_order,
        customer=customer,
        advisor_id=work_order.advisor_id,
        token=secrets.token_urlsafe(32),
        language=customer.preferred_language or "en",
        created_at=now,
        expires_at=now + timedelta(days=shop_settings.expiry_days),
    )
    return survey, True


def survey_send(*, pk: int, at: datetime | None = None) -> bool:
    """Send the link to the customer (their language and channel). Marks the survey sent (``at``,
    now unless said); False when the customer has no address (the advisor's check call still
    goes out)."""
    survey = record_get(
        Survey.objects.select_related("shop", "customer", "advisor", "work_order__vehicle"), pk
    )
    return _survey_send(survey, at=at)


def _survey_send(survey: Survey, *, at: datetime | None = None) -> bool:
    """``survey_send`` for a survey already loaded."""
    at = happened_at(at)
    wo = survey.work_order
    with translation.override(survey.language):
        expires = formats.date_format(timezone.localtime(survey.expires_at), "DATE_FORMAT")
    message = customer_message(
        customer=survey.customer,
        kind=MessageKind.SURVEY_INVITATION,
        key=f"survey-invitation:{survey.pk}",
        responsible=survey.advisor,
        vehicle_id=wo.vehicle_id if wo else None,
        context={
            "shop": survey.shop.name,
            "url": survey_url(survey),
            "expires": expires,
            "vehicle": str(wo.vehicle) if wo else "",
            "work_order": wo.number if wo else "",
        },
        at=at,
    )
    if message is None:
        return False
    survey.sent_at = at
    survey.save(update_fields=["sent_at"])
    return True


# --- answering -------------------------------------------------------------------------------


def _score(value, low: int, high: int, message) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Invalid(message) from None
    if not low <= number <= high:
        raise Invalid(message)
    return number


@transaction.atomic
def survey_answer(
    *, token: str, csat, nps, comment: str = "", at: datetime | None = None
) -> Survey:
    """Record the customer's answer (``at``, now unless said), once. A second answer (however
    concurrent) or one after expiry is refused with Conflict; a low score is followed up in the
    same transaction."""
    survey = Survey.objects.select_for_update().filter(token=token).first()
    if survey is None:
        raise NotFound()
    at = happened_at(at)
    status = survey_status(survey, now=at)
    if status == SurveyStatus.ANSWERED:
        raise Conflict(ALREADY_ANSWERED, code="answered")
    if status == SurveyStatus.EXPIRED:
        raise Conflict(EXPIRED, code="expired")
    survey.csat = _score(csat, 1, 5, CSAT_RANGE)
    survey.nps = _score(nps, 0, 10, NPS_RANGE)
    survey.comment = (comment or "").strip()[:2000]
    survey.answered_at = at
    shop_settings = settings_for_shop(survey.shop_id)
    survey.low_score = shop_settings.is_low(csat=survey.csat, nps=survey.nps)
    survey.save(update_fields=["csat", "nps", "comment", "answered_at", "low_score"])
    if survey.low_score:
        _follow_up_low_score(survey, shop_settings)
    return survey


def _follow_up_low_score(survey: Survey, shop_settings: SurveySettings) -> None:
    url = reverse("surveys:detail", args=[survey.pk])
    if shop_settings.low_score_action == LowScoreAction.COMPLAINT:
        with translation.override(survey.shop.language):
            words = survey.comment or gettext(
                "Low survey score: satisfaction %(csat)s/5, recommendation %(nps)s/10."
            ) % {"csat": survey.csat, "nps": survey.nps}
        complaint = complaint_open(
            shop_pk=survey.shop_id,
            customer_words=words,
            channel=ComplaintChannel.SURVEY,
            source=Source.SURVEY,
            customer_pk=survey.customer_id,
            work_order_pk=survey.work_order_id,
            at=survey.answered_at,
        )
        survey.complaint = complaint
        survey.save(update_fields=["complaint"])
        url = reverse("complaints:detail", args=[complaint.pk])
    for manager in managers_to_tell(shop_id=survey.shop_id):
        staff_alert(
            user=manager,
            shop=survey.shop,
            kind=MessageKind.LOW_SCORE,
            message=texts.LOW_SCORE,
            key=f"low-score:{survey.pk}:{manager.pk}",
            url=url,
            context={
                "customer": survey.customer.name,
                "csat": survey.csat,
                "nps": survey.nps,
                "comment": survey.comment,
                "work_order": survey.work_order.number if survey.work_order else "",
            },
            at=survey.answered_at,
        )


# --- the satisfaction follow-up job ----------------------------------------------------------


def _window(now, shop_settings: SurveySettings):
    """Deliveries whose survey is due: ``days_after_delivery`` ago, back as far as a link
    would still be valid (older ones are not surveyed late)."""
    cutoff = now - timedelta(days=shop_settings.days_after_delivery)
    return (cutoff - timedelta(days=shop_settings.expiry_days), cutoff)


def work_orders_due_for_survey(*, now=None) -> list[int]:
    """Delivered work orders without a survey whose follow-up day has come: one query on the
    (shop, delivered_at) index, each shop with its own delay."""
    now = now or timezone.now()
    ranges = {
        s.shop_id: _window(now, s) if s.enabled else None for s in SurveySettings.objects.all()
    }
    q = per_shop_range_q("delivered_at", ranges=ranges, default=_window(now, SurveySettings()))
    return list(
        WorkOrder.objects.filter(q, status=WorkOrderStatus.DELIVERED, surveys__isnull=True)
        .values_list("pk", flat=True)
        .order_by("pk")
    )


@transaction.atomic
def survey_follow_up(*, work_order_pk: int, now=None) -> Survey | None:
    """The satisfaction follow-up of one delivery: the survey, its link to the customer, and a
    check call for the advisor. Claims the key first: a second run does nothing."""
    now = now or timezone.now()
    wo = WorkOrder.objects.select_related("shop", "customer", "vehicle", "advisor").get(
        pk=work_order_pk
    )
    if wo.status != WorkOrderStatus.DELIVERED:
        return None
    if reminder_record(shop_id=wo.shop_id, kind="survey", key=f"survey:{wo.pk}") is None:
        return None
    survey, _created = _survey_create(wo, at=now)
    _survey_send(survey, at=now)
    staff_alert(
        user=wo.advisor,
        shop=wo.shop,
        kind=MessageKind.SURVEY_CHECK,
        message=texts.SURVEY_CHECK,
        key=f"survey-check:{wo.pk}",
        url=reverse("surveys:detail", args=[survey.pk]),
        context={
            "customer": wo.customer.name,
            "work_order": wo.number,
            "vehicle": str(wo.vehicle),
            "delivered": messages.when(timezone.localdate(wo.delivered_at)),
        },
    )
    return survey


def surveys_send_due(*, now=None) -> int:
    now = now or timezone.now()
    return sum(
        survey_follow_up(work_order_pk=pk, now=now) is not None
        for pk in work_orders_due_for_survey(now=now)
    )

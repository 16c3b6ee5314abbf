"""A visit's link: created and revoked by the front desk, resolved from its token for the
customer's pages.

The token is the only key: ``secrets.token_urlsafe(32)``, 43 characters, unique. An unknown,
expired or revoked token answers the same Http404 and changes nothing
(``customer_link_for_token``); only a live link records that it was opened.
"""

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from servicedesk.accounts.selectors import get_for_user
from servicedesk.dates import happened_at
from servicedesk.errors import Conflict, NotFound, passes
from vehicles.models import WorkOrder, WorkOrderStatus
from vehicles.services.records import record_locked

from .. import permissions
from ..models import CustomerLink, CustomerLinkEvent, LinkEventKind
from . import errors as E

# How long a link answers after it was created (days); a new link can be made any time.
LINK_DAYS = getattr(settings, "PORTAL_LINK_DAYS", 30)
# A customer opening the page many times is one "opened" row per this many minutes, not one
# per view: the audit says when they looked, not how often the phone reloaded.
OPENED_EVERY = timedelta(minutes=30)


def link_url(link: CustomerLink, *, absolute: bool = True) -> str:
    path = reverse("portal:status", kwargs={"token": link.token})
    if not absolute:
        return path
    return settings.SITE_URL.rstrip("/") + path


def link_is_live(link: CustomerLink, *, now=None) -> bool:
    now = now or timezone.now()
    return link.revoked_at is None and link.expires_at > now


def live_link_for(work_order_id: int, *, now=None) -> CustomerLink | None:
    """The visit's link that still answers, the newest; None when there is none."""
    now = now or timezone.now()
    return (
        CustomerLink.objects.filter(
            work_order_id=work_order_id, revoked_at__isnull=True, expires_at__gt=now
        )
        .order_by("-created_at", "-pk")
        .first()
    )


def event_record(
    *, link: CustomerLink, kind: str, user=None, by_customer: bool = False, note: str = "", at=None
) -> CustomerLinkEvent:
    """Add one row to the link's append-only record (the audit of the customer's actions)."""
    return CustomerLinkEvent.objects.create(
        link=link,
        work_order_id=link.work_order_id,
        kind=kind,
        by_customer=by_customer,
        actor=user,
        note=note[:2000],
        at=at or timezone.now(),
    )


# --- guards: the services raise them, customer_link_actions asks them ------------------------


def guard_work_order_open_to_link(work_order: WorkOrder) -> None:
    if work_order.status == WorkOrderStatus.CANCELLED:
        raise Conflict(E.WORK_ORDER_CANCELLED, code="cancelled")


def guard_link_live(link: CustomerLink, *, now=None) -> None:
    if link.revoked_at is not None:
        raise Conflict(E.LINK_REVOKED, code="revoked")
    if link.expires_at <= (now or timezone.now()):
        raise Conflict(E.LINK_EXPIRED, code="expired")


# --- writes -----------------------------------------------------------------------------------


@transaction.atomic
def customer_link_create(*, user, work_order_pk: int, at: datetime | None = None) -> CustomerLink:
    """The visit's live link, created when it has none: one link per visit at a time, so a
    re-send sends the same URL. NotFound for a work order of another shop, Forbidden for a
    role that may not, Conflict for a cancelled visit."""
    now = happened_at(at)
    work_order = record_locked(WorkOrder.objects, work_order_pk)
    permissions.require(user, shop_id=work_order.shop_id, action="create")
    guard_work_order_open_to_link(work_order)
    existing = live_link_for(work_order.pk, now=now)
    if existing is not None:
        return existing
    link = CustomerLink.objects.create(
        shop_id=work_order.shop_id,
        work_order=work_order,
        token=secrets.token_urlsafe(32),
        created_by=user,
        created_at=now,
        expires_at=now + timedelta(days=LINK_DAYS),
    )
    event_record(link=link, kind=LinkEventKind.CREATED, user=user, at=now)
    return link


@transaction.atomic
def customer_link_revoke(*, user, pk: int, at: datetime | None = None) -> CustomerLink:
    """Stop the link answering: from now its token is a 404 like any other. Conflict when it
    was revoked already (or has expired: there is nothing to stop)."""
    now = happened_at(at)
    link = record_locked(CustomerLink.objects, pk)
    permissions.require(user, shop_id=link.shop_id, action="revoke")
    guard_link_live(link, now=now)
    link.revoked_at = now
    link.save(update_fields=["revoked_at"])
    event_record(link=link, kind=LinkEventKind.REVOKED, user=user, at=now)
    return link


def customer_link_for_token(token: str, *, now=None) -> CustomerLink:
    """The live link of ``token`` for the customer's pages, with its visit loaded, and the
    opening recorded. Unknown, expired and revoked tokens raise the same Http404 and save
    nothing, so a guesser learns nothing about which tokens once existed."""
    now = now or timezone.now()
    if not isinstance(token, str) or not 20 <= len(token) <= 64:
        raise Http404()
    link = (
        CustomerLink.objects.select_related(
            "shop", "work_order__vehicle", "work_order__customer", "work_order__advisor"
        )
        .filter(token=token, revoked_at__isnull=True, expires_at__gt=now)
        .exclude(work_order__status=WorkOrderStatus.CANCELLED)
        .first()
    )
    if link is None:
        raise Http404()
    _record_opened(link, now=now)
    return link


def _record_opened(link: CustomerLink, *, now) -> None:
    first_time = link.first_opened_at is None
    # One conditional update: two phones opening at once write the first time once.
    CustomerLink.objects.filter(pk=link.pk, first_opened_at__isnull=True).update(
        first_opened_at=now
    )
    CustomerLink.objects.filter(pk=link.pk).update(last_opened_at=now)
    stale = link.last_opened_at is None or now - link.last_opened_at >= OPENED_EVERY
    if first_time:
        link.first_opened_at = now
    link.last_opened_at = now
    if first_time or stale:
        event_record(link=link, kind=LinkEventKind.OPENED, by_customer=True, at=now)


def links_of(work_order_id: int):
    return CustomerLink.objects.filter(work_order_id=work_order_id).order_by("-created_at", "-pk")


def customer_link_actions(link_or_work_order: CustomerLink | WorkOrder, user) -> frozenset[str]:
    """What ``user`` may do with a visit's link now, asked of the services' own guards:
    "create" (no live link yet), "send" (sends the live link, creating it where needed),
    "revoke" (a live link), "view" (see the link and when it was opened). Given a work order,
    its live link is looked up (one query)."""
    if isinstance(link_or_work_order, CustomerLink):
        link, work_order = link_or_work_order, link_or_work_order.work_order
        live = link if link_is_live(link) else None
    else:
        work_order = link_or_work_order
        live = live_link_for(work_order.pk)
    shop_id = work_order.shop_id
    found = set()
    if permissions.may(user, shop_id=shop_id, action="view"):
        found.add("view")
    can_link = passes(lambda: guard_work_order_open_to_link(work_order))
    if can_link and live is None and permissions.may(user, shop_id=shop_id, action="create"):
        found.add("create")
    if can_link and permissions.may(user, shop_id=shop_id, action="send"):
        found.add("send")
    if live is not None and permissions.may(user, shop_id=shop_id, action="revoke"):
        found.add("revoke")
    return frozenset(found)


def link_get_for_user(*, user, pk: int) -> CustomerLink:
    """A link of the user's shops, or NotFound alike for missing and not-yours."""
    return get_for_user(CustomerLink.objects.select_related("work_order"), user=user, pk=pk)


def live_link_get_for_user(*, user, work_order_pk: int) -> CustomerLink:
    """The live link of a work order of the user's shops; NotFound alike for another shop's
    work order and for one without a live link."""
    work_order = get_for_user(WorkOrder.objects.all(), user=user, pk=work_order_pk)
    link = live_link_for(work_order.pk)
    if link is None:
        raise NotFound()
    return link

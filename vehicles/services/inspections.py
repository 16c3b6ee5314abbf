"""Courtesy inspections: findings with a condition and photos, a recommended job with a price,
and the customer's decision on each. Approved jobs become (unauthorized) work-order lines;
declined and deferred ones stay, with their date, for the reminders job."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from servicedesk.errors import Conflict, Invalid
from servicedesk.uploads import PHOTO_FORMATS, ImageRule, read_upload

from .. import permissions
from ..models import (
    Condition,
    Decision,
    Inspection,
    InspectionItem,
    InspectionPhoto,
    LineKind,
    WorkOrder,
)
from . import errors as E
from .lines import line_insert
from .records import record_get, record_locked
from .work_orders import EDITABLE, _bump, _lock, has_inspection

PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_SIDE = 10_000
ITEM_FIELDS = ("name", "condition", "notes", "recommended_job", "price")


def _check_open(work_order: WorkOrder) -> None:
    if work_order.status not in EDITABLE:
        raise Conflict(E.INSPECTION_CLOSED % {"status": work_order.get_status_display()})


@transaction.atomic
def inspection_create(*, user, work_order_pk: int, notes: str = "") -> Inspection:
    """The visit's one courtesy inspection (a second is refused: add items to the first)."""
    wo = record_locked(WorkOrder.objects, work_order_pk)
    permissions.require(user, shop_id=wo.shop_id, action="inspect")
    _check_open(wo)
    if has_inspection(wo):
        raise Conflict(E.INSPECTION_EXISTS, code="inspection_exists")
    return Inspection.objects.create(
        shop_id=wo.shop_id,
        work_order=wo,
        vehicle_id=wo.vehicle_id,
        inspected_by=user,
        mileage=wo.mileage_in,
        notes=notes,
    )


def inspection_item_actions(item: InspectionItem, user) -> frozenset[str]:
    """What ``user`` may do to the item now: "photo" (add one: a photo documents the finding,
    before or after the customer decides), "edit" (until decided), "decide" (the customer's
    approve / decline / defer, once, on a recommended job with a price). Nothing once the work
    order is closed. Precondition: ``item.inspection.work_order`` is loaded."""
    if item.inspection.work_order.status not in EDITABLE:
        return frozenset()
    found = set()
    pending = item.decision == Decision.PENDING
    if permissions.may(user, shop_id=item.shop_id, action="inspect"):
        found.add("photo")
        if pending:
            found.add("edit")
    if (
        pending
        and item.price is not None
        and item.recommended_job
        and permissions.may(user, shop_id=item.shop_id, action="decide")
    ):
        found.add("decide")
    return frozenset(found)


def _validate_item(item: InspectionItem) -> None:
    if not (item.name or "").strip():
        raise Invalid(_("Name the item inspected."), field="name")
    if item.condition not in Condition.values:
        raise Invalid(_("Choose green, yellow or red."), field="condition")
    if item.price is not None and item.price < 0:
        raise Invalid(_("The price cannot be negative."), field="price")
    if item.price is not None and not (item.recommended_job or "").strip():
        raise Invalid(_("Describe the recommended job for this price."), field="recommended_job")


@transaction.atomic
def inspection_item_add(*, user, inspection_pk: int, **fields) -> InspectionItem:
    inspection = record_get(Inspection.objects.select_related("work_order"), inspection_pk)
    permissions.require(user, shop_id=inspection.shop_id, action="inspect")
    _check_open(inspection.work_order)
    item = InspectionItem(
        inspection=inspection,
        shop_id=inspection.shop_id,
        **{k: v for k, v in fields.items() if k in ITEM_FIELDS},
    )
    _validate_item(item)
    item.save()
    return item


@transaction.atomic
def inspection_item_update(*, user, pk: int, **fields) -> InspectionItem:
    item = record_locked(InspectionItem.objects.select_related("inspection__work_order"), pk)
    permissions.require(user, shop_id=item.shop_id, action="inspect")
    _check_open(item.inspection.work_order)
    if item.decision != Decision.PENDING:
        raise Conflict(E.ALREADY_DECIDED % {"decision": item.get_decision_display()})
    changed = [k for k in ITEM_FIELDS if k in fields and getattr(item, k) != fields[k]]
    for key in changed:
        setattr(item, key, fields[key])
    _validate_item(item)
    if changed:
        item.save(update_fields=changed)
    return item


def photo_rule() -> ImageRule:
    return ImageRule(
        formats=PHOTO_FORMATS,
        max_bytes=PHOTO_MAX_BYTES,
        max_side=PHOTO_MAX_SIDE,
        field="image",
        not_image=E.PHOTO_NOT_IMAGE,
        too_large=E.PHOTO_TOO_LARGE % {"mb": PHOTO_MAX_BYTES // (1024 * 1024)},
    )


def photo_content(upload) -> tuple[bytes, str]:
    """The photo's bytes and content type, read from the image itself (not its name or the
    browser's claim). Invalid if it is too large or not a JPEG, PNG or WebP image."""
    return read_upload(upload, photo_rule())


@transaction.atomic
def inspection_photo_add(*, user, item_pk: int, upload) -> InspectionPhoto:
    item = record_get(InspectionItem.objects.select_related("inspection__work_order"), item_pk)
    permissions.require(user, shop_id=item.shop_id, action="inspect")
    _check_open(item.inspection.work_order)
    raw, content_type = photo_content(upload)
    extension = content_type.split("/")[1].replace("jpeg", "jpg")
    return InspectionPhoto.objects.create(
        item=item,
        image=ContentFile(raw, name=f"item-{item.pk}.{extension}"),
        content_type=content_type,
        size=len(raw),
        uploaded_by=user,
    )


@transaction.atomic
def inspection_item_decide(*, user, pk: int, decision: str, note: str = "") -> InspectionItem:
    """The customer's decision, taken once. Approving adds the job to the work order as a new
    line, which (like any new line) needs the customer's authorization before work on it."""
    if decision not in (Decision.APPROVED, Decision.DECLINED, Decision.DEFERRED):
        raise Invalid(E.DECISION_REQUIRED, field="decision")
    item = record_locked(InspectionItem.objects.select_related("inspection"), pk)
    permissions.require(user, shop_id=item.shop_id, action="decide")
    wo = _lock(item.inspection.work_order_id, action="lines", user=None)
    if item.decision != Decision.PENDING:
        raise Conflict(E.ALREADY_DECIDED % {"decision": item.get_decision_display()})
    if decision == Decision.APPROVED:
        if item.price is None or not item.recommended_job:
            raise Conflict(E.NO_RECOMMENDATION)
        item.line = line_insert(
            wo,
            user=user,
            kind=LineKind.LABOUR,
            description=item.recommended_job,
            unit_price=item.price,
        )
        _bump(wo, [])
    item.decision = decision
    item.decided_at = timezone.now()
    item.decided_by = user
    item.decision_note = (note or "")[:200]
    item.save(update_fields=["decision", "decided_at", "decided_by", "decision_note", "line"])
    return item

"""Courtesy inspections: findings with a condition and photos, a recommended job with a price,
and the customer's decision on each. Approved jobs become (unauthorized) work-order lines;
declined and deferred ones stay, with their date, for the reminders job."""

from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from servicedesk.errors import Conflict, Invalid, NotFound
from servicedesk.signatures import signature_png
from servicedesk.uploads import PHOTO_FORMATS, ImageRule, read_upload, read_video_upload

from .. import permissions
from ..models import (
    Condition,
    DecidedVia,
    Decision,
    Inspection,
    InspectionItem,
    InspectionPhoto,
    InspectionTemplate,
    InspectionVideo,
    LineKind,
    WorkOrder,
)
from . import errors as E
from .lines import _line_insert
from .records import record_get, record_locked
from .work_orders import EDITABLE, _bump, _lock, has_inspection

PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_SIDE = 10_000
VIDEO_MAX_BYTES = 30 * 1024 * 1024
ITEM_FIELDS = ("name", "condition", "notes", "recommended_job", "price")


def _check_open(work_order: WorkOrder) -> None:
    if work_order.status not in EDITABLE:
        raise Conflict(E.INSPECTION_CLOSED % {"status": work_order.get_status_display()})


@transaction.atomic
def inspection_create(
    *, user, work_order_pk: int, notes: str = "", template_pk: int | None = None
) -> Inspection:
    """The visit's one courtesy inspection (a second is refused: add items to the first).
    Started from one of the shop's checklists (``template_pk``), it has an item per line of the
    list, not yet ticked, for the technician to mark green, yellow or red."""
    wo = record_locked(WorkOrder.objects, work_order_pk)
    permissions.require(user, shop_id=wo.shop_id, action="inspect")
    _check_open(wo)
    if has_inspection(wo):
        raise Conflict(E.INSPECTION_EXISTS, code="inspection_exists")
    template = None
    if template_pk is not None:
        template = InspectionTemplate.objects.filter(pk=template_pk, shop_id=wo.shop_id).first()
        if template is None:
            raise NotFound()
        if not template.active:
            raise Invalid(E.TEMPLATE_NOT_IN_USE, field="template")
    inspection = Inspection.objects.create(
        shop_id=wo.shop_id,
        work_order=wo,
        vehicle_id=wo.vehicle_id,
        inspected_by=user,
        mileage=wo.mileage_in,
        notes=notes,
    )
    if template is not None:
        InspectionItem.objects.bulk_create(
            InspectionItem(inspection=inspection, shop_id=wo.shop_id, name=line.name)
            for line in template.items.all()
        )
    return inspection


def inspection_item_actions(item: InspectionItem, user) -> frozenset[str]:
    """What ``user`` may do to the item now: "photo" (add a photo or a video: they document the
    finding, before or after the customer decides), "edit" (until decided), "decide" (the
    customer's approve / decline / defer, once, on a ticked item with a recommended job and a
    price), "approve" (a deferred item, later). Nothing once the work order is closed.
    ``user`` None is the customer on the visit's link, who decides but never edits.
    Precondition: ``item.inspection.work_order`` is loaded."""
    if item.inspection.work_order.status not in EDITABLE:
        return frozenset()
    found = set()
    pending = item.decision == Decision.PENDING
    if user is not None and permissions.may(user, shop_id=item.shop_id, action="inspect"):
        found.add("photo")
        if pending:
            found.add("edit")
    decides = user is None or permissions.may(user, shop_id=item.shop_id, action="decide")
    if decides and _decidable(item):
        found.add("decide" if pending else "approve")
    return frozenset(found)


def _decidable(item: InspectionItem) -> bool:
    """Whether the item can take a decision now: pending or deferred (which may be approved
    later), ticked, with a recommended job and a price."""
    return (
        item.decision in (Decision.PENDING, Decision.DEFERRED)
        and bool(item.condition)
        and item.price is not None
        and bool(item.recommended_job)
    )


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


def _item_for_files(*, user, item_pk: int) -> InspectionItem:
    """The item a photo or video is added to: the workshop's, on an open work order."""
    item = record_get(InspectionItem.objects.select_related("inspection__work_order"), item_pk)
    permissions.require(user, shop_id=item.shop_id, action="inspect")
    _check_open(item.inspection.work_order)
    return item


def _file_fields(item, *, user, raw: bytes, content_type: str, extension: str) -> dict:
    return {
        "item": item,
        "content_type": content_type,
        "size": len(raw),
        "uploaded_by": user,
        "stored": ContentFile(raw, name=f"item-{item.pk}.{extension}"),
    }


@transaction.atomic
def inspection_photo_add(*, user, item_pk: int, upload) -> InspectionPhoto:
    item = _item_for_files(user=user, item_pk=item_pk)
    raw, content_type = photo_content(upload)
    extension = content_type.split("/")[1].replace("jpeg", "jpg")
    fields = _file_fields(item, user=user, raw=raw, content_type=content_type, extension=extension)
    return InspectionPhoto.objects.create(image=fields.pop("stored"), **fields)


@transaction.atomic
def inspection_video_add(*, user, item_pk: int, upload) -> InspectionVideo:
    """A short clip of the finding: an MP4, MOV or WebM file (read from its content) of at most
    ``VIDEO_MAX_BYTES``."""
    item = _item_for_files(user=user, item_pk=item_pk)
    raw, content_type = read_video_upload(
        upload,
        max_bytes=VIDEO_MAX_BYTES,
        field="video",
        not_video=E.VIDEO_NOT_VIDEO,
        too_large=E.VIDEO_TOO_LARGE % {"mb": VIDEO_MAX_BYTES // (1024 * 1024)},
    )
    extension = {"video/mp4": "mp4", "video/quicktime": "mov", "video/webm": "webm"}
    fields = _file_fields(
        item, user=user, raw=raw, content_type=content_type, extension=extension[content_type]
    )
    return InspectionVideo.objects.create(file=fields.pop("stored"), **fields)


@dataclass(frozen=True)
class CustomerConsent:
    """The customer deciding on the visit's link: which visit the link opens (the scope of what
    they may decide), the name they typed and the PNG of the signature they drew."""

    work_order_pk: int
    name: str
    signature: bytes


def customer_consent(*, work_order_pk: int, name: str, signature: str) -> CustomerConsent:
    """Checks the customer's name and drawn signature once for a set of decisions."""
    name = (name or "").strip()
    if not name:
        raise Invalid(E.CUSTOMER_NAME_REQUIRED, field="signed_name")
    png = signature_png(signature, required=True)
    return CustomerConsent(work_order_pk=work_order_pk, name=name[:120], signature=png)


def _check_decision(item: InspectionItem, decision: str) -> None:
    """Pending takes any decision; deferred may still be approved; anything else was decided."""
    if item.decision == Decision.PENDING:
        return
    if item.decision == Decision.DEFERRED and decision == Decision.APPROVED:
        return
    message = E.ALREADY_DECIDED if item.decision != Decision.DEFERRED else E.ONLY_APPROVE_DEFERRED
    raise Conflict(message % {"decision": item.get_decision_display()}, code="already_decided")


@transaction.atomic
def inspection_item_decide(
    *,
    user,
    pk: int,
    decision: str,
    note: str = "",
    customer: CustomerConsent | None = None,
) -> InspectionItem:
    """The customer's decision, taken once: recorded by the advisor at the counter (``user``),
    or by the customer on the visit's link (``user`` None and ``customer`` their consent, whose
    visit must hold the item). A deferred item may be approved later, either way. Approving adds
    the job to the work order as a new line, which (like any new line) needs the customer's
    authorization before work on it. Concurrent decisions queue on the item's row lock: the
    second finds it decided and is refused."""
    if decision not in (Decision.APPROVED, Decision.DECLINED, Decision.DEFERRED):
        raise Invalid(E.DECISION_REQUIRED, field="decision")
    if customer is not None and user is not None:
        raise Invalid(E.LINK_IS_CUSTOMERS, field="decision")
    item = record_locked(InspectionItem.objects.select_related("inspection"), pk)
    if customer is not None and item.inspection.work_order_id != customer.work_order_pk:
        raise NotFound()
    permissions.require(user, shop_id=item.shop_id, action="decide")
    wo = _lock(item.inspection.work_order_id, action="lines", user=None)
    _check_decision(item, decision)
    if not item.condition:
        raise Conflict(E.CONDITION_REQUIRED)
    if decision == Decision.APPROVED:
        if item.price is None or not item.recommended_job:
            raise Conflict(E.NO_RECOMMENDATION)
        item.line = _line_insert(
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
    fields = ["decision", "decided_at", "decided_by", "decision_note", "line", "decided_via"]
    item.decided_via = DecidedVia.COUNTER
    if customer is not None:
        item.decided_via = DecidedVia.LINK
        item.decided_by_name = customer.name
        item.decision_signature = ContentFile(customer.signature, name="signature.png")
        fields += ["decided_by_name", "decision_signature"]
    item.save(update_fields=fields)
    return item


@transaction.atomic
def inspection_decide_on_link(
    *, work_order_pk: int, decisions: dict[int, str], signed_name: str, signature: str
) -> list[InspectionItem]:
    """The customer's decisions on several items of their visit, signed once: each goes through
    ``inspection_item_decide`` as the customer. All or none: a refused one (already decided on
    another phone) rolls back the others, so the page can show why and keep the choices."""
    chosen = {int(pk): d for pk, d in decisions.items() if d}
    if not chosen:
        raise Invalid(E.DECIDE_SOMETHING, field="decisions")
    consent = customer_consent(work_order_pk=work_order_pk, name=signed_name, signature=signature)
    return [
        inspection_item_decide(user=None, pk=pk, decision=d, customer=consent)
        for pk, d in sorted(chosen.items())
    ]

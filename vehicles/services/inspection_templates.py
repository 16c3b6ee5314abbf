"""A shop's standard checklists for courtesy inspections, kept by its service manager. An
inspection started from one (``inspection_create(template_pk=…)``) copies its items."""

from django.db import transaction

from servicedesk.errors import Invalid

from .. import permissions
from ..models import InspectionTemplate, InspectionTemplateItem
from . import errors as E
from .records import record_locked

MAX_ITEMS = 80


def _clean(name: str, items: list[str], *, shop_id: int, pk: int | None) -> tuple[str, list[str]]:
    name = (name or "").strip()
    if not name:
        raise Invalid(E.TEMPLATE_NAME_REQUIRED, field="name")
    taken = InspectionTemplate.objects.filter(shop_id=shop_id, name__iexact=name)
    if taken.exclude(pk=pk).exists():
        raise Invalid(E.TEMPLATE_NAME_TAKEN, field="name")
    names = [n.strip()[:120] for n in items if n and n.strip()][:MAX_ITEMS]
    if not names:
        raise Invalid(E.TEMPLATE_ITEMS_REQUIRED, field="items")
    return name[:120], names


def _set_items(template: InspectionTemplate, names: list[str]) -> None:
    template.items.all().delete()
    InspectionTemplateItem.objects.bulk_create(
        InspectionTemplateItem(template=template, name=n, position=i) for i, n in enumerate(names)
    )


@transaction.atomic
def inspection_template_create(
    *, user, shop_pk: int, name: str, items: list[str]
) -> InspectionTemplate:
    permissions.require(user, shop_id=shop_pk, action="templates")
    name, names = _clean(name, items, shop_id=shop_pk, pk=None)
    template = InspectionTemplate.objects.create(shop_id=shop_pk, name=name)
    _set_items(template, names)
    return template


@transaction.atomic
def inspection_template_update(
    *, user, pk: int, name: str, items: list[str], active: bool = True
) -> InspectionTemplate:
    """Renames the checklist and replaces its items; inspections already started keep theirs."""
    template = record_locked(InspectionTemplate.objects, pk)
    permissions.require(user, shop_id=template.shop_id, action="templates")
    template.name, names = _clean(name, items, shop_id=template.shop_id, pk=template.pk)
    template.active = active
    template.save(update_fields=["name", "active"])
    _set_items(template, names)
    return template

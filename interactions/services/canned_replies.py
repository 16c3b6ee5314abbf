"""A shop's canned replies (text modules), kept by its service manager, and the one rule that
fills one in for a customer: ``canned_reply_render``. The communication log, the complaint page
and the API all render through it.

A placeholder is a name in braces, ``{customer_name}``: the names are ``PLACEHOLDERS``. Anything
else in braces is refused when the reply is saved, so a typo never reaches a customer. A
placeholder whose value is not known where the reply is used (``{complaint_number}`` on the log
of a customer with no complaint at hand) is left out — it renders as nothing — and is named in
``Rendered.missing`` so the page can say what to complete before saving.
"""

import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from servicedesk.accounts.models import Shop
from servicedesk.accounts.selectors import get_for_user
from servicedesk.errors import Invalid, NotFound
from vehicles.models import Customer, WorkOrder
from vehicles.services.records import record_locked

from .. import hooks, permissions
from ..models import CannedReply
from .errors import (
    REPLY_TEXT_REQUIRED,
    REPLY_TITLE_REQUIRED,
    REPLY_TITLE_TAKEN,
    UNKNOWN_PLACEHOLDER,
    WORK_ORDER_OTHER_CUSTOMER,
    WRONG_SHOP,
)

# The placeholders a reply may use, with what each is filled in with.
PLACEHOLDERS = {
    "customer_name": _("the customer's name"),
    "complaint_number": _("the complaint's number"),
    "work_order_number": _("the work order's number"),
    "promised_at": _("the time the car is promised for"),
    "shop_name": _("the shop's name"),
}
# Anything in single braces is a placeholder, known or not (spaces around the name allowed).
PLACEHOLDER = re.compile(r"\{\s*([^{}\s]*)\s*\}")
ZH, EN = "zh-hans", "en"


def placeholder_names(text: str) -> list[str]:
    return [m.group(1) for m in PLACEHOLDER.finditer(text or "")]


def _check_placeholders(text: str, *, field: str) -> None:
    for name in placeholder_names(text):
        if name not in PLACEHOLDERS:
            known = ", ".join(f"{{{n}}}" for n in PLACEHOLDERS)
            raise Invalid(UNKNOWN_PLACEHOLDER % {"name": name, "known": known}, field=field)


def _clean(*, title: str, text_zh: str, text_en: str, shop_id: int, pk: int | None):
    title = (title or "").strip()
    if not title:
        raise Invalid(REPLY_TITLE_REQUIRED, field="title")
    taken = CannedReply.objects.filter(shop_id=shop_id, title__iexact=title)
    if taken.exclude(pk=pk).exists():
        raise Invalid(REPLY_TITLE_TAKEN, field="title")
    text_zh, text_en = (text_zh or "").strip(), (text_en or "").strip()
    if not text_zh and not text_en:
        raise Invalid(REPLY_TEXT_REQUIRED, field="text_zh")
    _check_placeholders(text_zh, field="text_zh")
    _check_placeholders(text_en, field="text_en")
    return title[:120], text_zh, text_en


@transaction.atomic
def canned_reply_create(
    *, user, shop_pk: int, title: str, text_zh: str = "", text_en: str = "", active: bool = True
) -> CannedReply:
    permissions.require(user, shop_id=shop_pk, action="canned_replies")
    title, text_zh, text_en = _clean(
        title=title, text_zh=text_zh, text_en=text_en, shop_id=shop_pk, pk=None
    )
    return CannedReply.objects.create(
        shop_id=shop_pk, title=title, text_zh=text_zh, text_en=text_en, active=active
    )


@transaction.atomic
def canned_reply_update(
    *, user, pk: int, title: str, text_zh: str = "", text_en: str = "", active: bool = True
) -> CannedReply:
    """Rewrites the reply; ``active=False`` takes it out of the pickers (it is never deleted)."""
    reply = record_locked(CannedReply.objects, pk)
    permissions.require(user, shop_id=reply.shop_id, action="canned_replies")
    reply.title, reply.text_zh, reply.text_en = _clean(
        title=title, text_zh=text_zh, text_en=text_en, shop_id=reply.shop_id, pk=reply.pk
    )
    reply.active = active
    reply.save(update_fields=["title", "text_zh", "text_en", "active", "updated_at"])
    return reply


def canned_reply_actions(reply: CannedReply, user) -> frozenset[str]:
    """What ``user`` may do with a canned reply: ``edit`` it (the shop's service manager)."""
    if permissions.may(user, shop_id=reply.shop_id, action="canned_replies"):
        return frozenset({"edit"})
    return frozenset()


# ---------------------------------------------------------------- rendering


@dataclass(frozen=True)
class ReplyContext:
    """What a reply is filled in with: the shop, and the customer, work order and complaint
    number where there are some."""

    shop: Shop
    customer: Customer | None = None
    work_order: WorkOrder | None = None
    complaint_number: str = ""


@dataclass(frozen=True)
class Rendered:
    reply: CannedReply
    language: str  # the language of the text chosen
    text: str
    missing: tuple[str, ...]  # placeholders left out: no value for them here

    @property
    def missing_labels(self) -> list[str]:
        return [str(PLACEHOLDERS[name]) for name in self.missing]


def reply_context(
    *,
    user,
    shop_id: int,
    customer_pk=None,
    work_order_pk=None,
    complaint_pk=None,
) -> ReplyContext:
    """The context for the user's records named by id, checked like any access (NotFound for
    another shop's); a work order or complaint brings its customer when none is named."""
    shop = Shop.objects.get(pk=shop_id)
    complaint_number = ""
    if complaint_pk not in (None, ""):
        found = hooks.reply_context_for_complaint(user=user, complaint_pk=complaint_pk)
        if found is None:
            raise NotFound()
        complaint_number = found.get("complaint_number") or ""
        customer_pk = customer_pk or found.get("customer_pk")
        work_order_pk = work_order_pk or found.get("work_order_pk")
    customer = work_order = None
    if work_order_pk not in (None, ""):
        work_order = get_for_user(
            WorkOrder.objects.select_related("customer"), user=user, pk=work_order_pk
        )
        _same_shop(work_order, shop_id, field="work_order")
    if customer_pk not in (None, ""):
        customer = get_for_user(Customer.objects.all(), user=user, pk=customer_pk)
        _same_shop(customer, shop_id, field="customer")
        if work_order is not None and work_order.customer_id != customer.pk:
            raise Invalid(WORK_ORDER_OTHER_CUSTOMER, field="work_order")
    elif work_order is not None:
        customer = work_order.customer
    return ReplyContext(
        shop=shop, customer=customer, work_order=work_order, complaint_number=complaint_number
    )


def _same_shop(record, shop_id: int, *, field: str) -> None:
    if record.shop_id != shop_id:
        raise Invalid(WRONG_SHOP, field=field)


def reply_language(reply: CannedReply, context: ReplyContext) -> str:
    """The customer's preferred language (without a customer, the shop's), falling back to the
    reply's other text where it is written in one language only."""
    wanted = context.customer.preferred_language if context.customer else context.shop.language
    if wanted == EN:
        return EN if reply.text_en else ZH
    return ZH if reply.text_zh else EN


def _values(context: ReplyContext, language: str) -> dict[str, str]:
    values = {
        "customer_name": context.customer.name if context.customer else "",
        "complaint_number": context.complaint_number,
        "work_order_number": context.work_order.number if context.work_order else "",
        "promised_at": "",
        "shop_name": context.shop.name,
    }
    promised = context.work_order.promised_at if context.work_order else None
    if promised is not None:
        with translation.override(language), timezone.override(context.shop.timezone):
            values["promised_at"] = formats.date_format(
                timezone.localtime(promised), "DATETIME_FORMAT"
            )
    return values


def canned_reply_render(*, reply: CannedReply, context: ReplyContext) -> Rendered:
    """The reply in the customer's language with its placeholders filled in; those without a
    value here are left out and named in ``missing``."""
    language = reply_language(reply, context)
    values = _values(context, language)
    missing: list[str] = []
    source = reply.text_en if language == EN else reply.text_zh

    def fill(match: re.Match) -> str:
        name = match.group(1)
        if name not in values:  # saved before the rule, or written past it: left as written
            return match.group(0)
        if not values[name] and name not in missing:
            missing.append(name)
        value = values[name]
        # "ready at {promised_at}." with a value ending "p.m.": one full stop, not two.
        if value.endswith(".") and source.startswith(".", match.end()):
            value = value[:-1]
        return value

    return Rendered(
        reply=reply, language=language, text=PLACEHOLDER.sub(fill, source), missing=tuple(missing)
    )


def canned_replies_for(*, user, context: ReplyContext) -> list[Rendered]:
    """The shop's replies in use, each rendered for ``context``: what a page's picker offers."""
    if not permissions.may(user, shop_id=context.shop.pk, action="log"):
        return []
    replies = CannedReply.objects.filter(shop_id=context.shop.pk, active=True)
    return [canned_reply_render(reply=r, context=context) for r in replies]


def placeholder_help() -> list[tuple[str, str]]:
    """The placeholders and what each is filled with, for the form's help."""
    return [(f"{{{name}}}", str(label)) for name, label in PLACEHOLDERS.items()]

"""Customers: created and changed here, so a duplicate phone or email is caught with a message
that names the customer already on file."""

import re

from django.db import IntegrityError, transaction

from servicedesk.accounts.models import Shop
from servicedesk.errors import Invalid
from servicedesk.field_history import attribute_to
from servicedesk.phones import phone_e164

from .. import permissions
from ..models import Customer
from .errors import (
    CONTACT_REQUIRED,
    DUPLICATE_EMAIL,
    DUPLICATE_PHONE,
    NAME_REQUIRED,
    DuplicateCustomer,
)
from .records import record_get, record_locked

# What a customer record holds that people write: the one list, read by the form and the API.
CUSTOMER_FIELDS = (
    "name",
    "phone",
    "phone_alt",
    "email",
    "preferred_channel",
    "preferred_language",
    "main_concern",
    "customer_type",
    "wants_ride",
    "wants_loaner",
    "waits_on_site",
    "reminder_consent",
    "notes",
)

_PHONE_NOISE = re.compile(r"[\s\-().]")


def normalize_phone(value: str) -> str:
    """A phone as typed into a search, without spaces, dashes, dots or brackets: part of the
    stored E.164 form (138 0013 8000 finds +8613800138000)."""
    return _PHONE_NOISE.sub("", value or "")


def _clean(data: dict, *, country: str) -> dict:
    """Precondition for phones: ``country`` is the shop's (local numbers are read as its)."""
    data = dict(data)
    if "name" in data:
        data["name"] = (data["name"] or "").strip()
    for key in ("phone", "phone_alt"):
        if key in data:
            data[key] = phone_e164(data[key], country=country, field=key)
    if "email" in data:
        data["email"] = (data["email"] or "").strip().lower()
    return data


def _check_duplicates(*, shop_id: int, data: dict, exclude_pk: int | None = None) -> None:
    others = Customer.objects.filter(shop_id=shop_id)
    if exclude_pk:
        others = others.exclude(pk=exclude_pk)
    phone = data.get("phone")
    if phone:
        existing = others.filter(phone=phone).first()
        if existing:
            raise DuplicateCustomer(
                DUPLICATE_PHONE % {"name": existing.name}, field="phone", existing=existing
            )
    email = data.get("email")
    if email:
        existing = others.filter(email__iexact=email).first()
        if existing:
            raise DuplicateCustomer(
                DUPLICATE_EMAIL % {"name": existing.name}, field="email", existing=existing
            )


def _check_required(customer: Customer) -> None:
    if not customer.name:
        raise Invalid(NAME_REQUIRED, field="name")
    if not customer.phone and not customer.email:
        raise Invalid(CONTACT_REQUIRED, field="phone")


@transaction.atomic
def customer_create(*, user=None, shop_pk: int, **fields) -> Customer:
    """``user`` is who asks (None: the system itself, e.g. the demo)."""
    permissions.require(user, shop_id=shop_pk, action="customer")
    shop = record_get(Shop.objects, shop_pk)
    data = _clean({k: v for k, v in fields.items() if k in CUSTOMER_FIELDS}, country=shop.country)
    customer = attribute_to(Customer(shop=shop, **data), user)
    _check_required(customer)
    _check_duplicates(shop_id=shop.pk, data=data)
    try:
        with transaction.atomic():
            customer.save()
    except IntegrityError:
        # Another counter saved the same phone or email between the check and the insert.
        _check_duplicates(shop_id=shop.pk, data=data)
        raise
    return customer


@transaction.atomic
def customer_update(*, user=None, pk: int, **fields) -> Customer:
    customer = record_locked(Customer.objects, pk)
    permissions.require(user, shop_id=customer.shop_id, action="customer")
    attribute_to(customer, user)
    country = Shop.objects.values_list("country", flat=True).get(pk=customer.shop_id)
    data = _clean({k: v for k, v in fields.items() if k in CUSTOMER_FIELDS}, country=country)
    _check_duplicates(shop_id=customer.shop_id, data=data, exclude_pk=customer.pk)
    changed = []
    for key, value in data.items():
        if getattr(customer, key) != value:
            setattr(customer, key, value)
            changed.append(key)
    _check_required(customer)
    if changed:
        customer.save(update_fields=changed)
    return customer

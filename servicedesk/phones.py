"""Phone numbers: read in the shop's country (a local number needs no country code), checked
with Google's libphonenumber rules (the ``phonenumbers`` package), kept in E.164 (+8613800138000)
so the same number always matches, and shown in the international format with a ``tel:`` link.
"""

import phonenumbers
from django.utils.translation import gettext_lazy as _

from .errors import Invalid

PHONE_INVALID = _(
    "This is not a valid phone number. A number of another country starts with + and its code."
)
DEFAULT_COUNTRY = "CN"


def phone_e164(value: str | None, *, country: str, field: str = "phone") -> str:
    """``value`` as E.164, read as a number of ``country`` (ISO 3166 alpha-2) unless it starts
    with +. Empty stays empty; anything that is not a valid number is Invalid on ``field``."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, country or DEFAULT_COUNTRY)
    except phonenumbers.NumberParseException:
        raise Invalid(PHONE_INVALID, field=field) from None
    if not phonenumbers.is_valid_number(number):
        raise Invalid(PHONE_INVALID, field=field)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _parsed(value: str):
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def phone_display(value: str | None) -> str:
    """A stored number as people read it (+86 138 0013 8000); an old unparsed one as it is."""
    number = _parsed(value or "")
    if number is None:
        return value or ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def tel_uri(value: str | None) -> str:
    """``tel:+8613800138000`` for a link a phone or tablet dials on a tap ("" if not a number)."""
    number = _parsed(value or "")
    if number is None:
        digits = "".join(ch for ch in value or "" if ch.isdigit() or ch == "+")
        return f"tel:{digits}" if digits else ""
    return "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def is_known_country(code: str) -> bool:
    return code in phonenumbers.SUPPORTED_REGIONS

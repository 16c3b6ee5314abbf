"""Vehicle identification numbers (ISO 3779): 17 characters, no I, O or Q, and in North
America and China a check digit in position 9 (ISO 3779 / FMVSS 115 / GB 16735)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

VIN_LENGTH = 17
_TRANSLITERATION = {
    **{str(d): d for d in range(10)},
    "A": 1,
    "B": 2,
    "C": 3,
    "D": 4,
    "E": 5,
    "F": 6,
    "G": 7,
    "H": 8,
    "J": 1,
    "K": 2,
    "L": 3,
    "M": 4,
    "N": 5,
    "P": 7,
    "R": 9,
    "S": 2,
    "T": 3,
    "U": 4,
    "V": 5,
    "W": 6,
    "X": 7,
    "Y": 8,
    "Z": 9,
}
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)

VIN_WRONG_LENGTH = _("A VIN has 17 characters.")
VIN_BAD_CHARACTERS = _("A VIN uses digits and the letters A–Z except I, O and Q.")
VIN_BAD_CHECK_DIGIT = _(
    "The check digit (9th character) does not match: check for a typing error, or record why "
    "this market's VIN has none."
)


def normalize_vin(value: str) -> str:
    return "".join(str(value).split()).upper()


def check_digit(vin: str) -> str:
    total = sum(_TRANSLITERATION[ch] * w for ch, w in zip(vin, _WEIGHTS, strict=True))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def validate_vin_format(value: str) -> None:
    vin = normalize_vin(value)
    if len(vin) != VIN_LENGTH:
        raise ValidationError(VIN_WRONG_LENGTH, code="vin_length")
    if any(ch not in _TRANSLITERATION for ch in vin):
        raise ValidationError(VIN_BAD_CHARACTERS, code="vin_characters")


def validate_vin(value: str, *, override_reason: str = "") -> str:
    """The normalized VIN, or ValidationError. The check digit is verified unless an override
    reason is recorded."""
    validate_vin_format(value)
    vin = normalize_vin(value)
    if not override_reason.strip() and vin[8] != check_digit(vin):
        raise ValidationError(VIN_BAD_CHECK_DIGIT, code="vin_check_digit")
    return vin

"""One rule for a signature drawn on the screen, used by every record that takes one (a
work-order authorization in person, a complaint's confirmation on the customer's screen).

The pad sends a PNG data URL. Where the method says signed, an empty value is refused, and so is
a PNG with no ink on it: a pad that was never touched still exports a transparent or white image,
so "a PNG arrived" proves nothing. A signature that is not a PNG, or too large, is refused too.
The page's script skips an empty pad, but the rule holds here, for the page and the API alike.
"""

import io

from django.utils.translation import gettext_lazy as _
from PIL import Image

from servicedesk.errors import Invalid
from servicedesk.uploads import ImageRule, png_from_data_url

MAX_SIGNATURE_BYTES = 512 * 1024
MAX_SIGNATURE_SIDE = 4000
# A pixel is ink when, laid on white paper, it is darker than this (0 black … 255 white).
INK_BELOW = 200
# Fewer inked pixels than this is a stray tap or speck, not a signature.
MIN_INK_PIXELS = 30

SIGNATURE_REQUIRED = _("The customer's signature is required: ask them to sign on the screen.")
SIGNATURE_BLANK = _("The signature pad is empty: ask the customer to sign on the screen.")
SIGNATURE_NOT_PNG = _("The signature must be a PNG image drawn on the screen.")
SIGNATURE_TOO_LARGE = _("The signature image is too large.")
SIGNATURE_NOT_TAKEN = _("A signature is taken only when the customer signs in person.")

RULE = ImageRule(
    formats={"PNG": "image/png"},
    max_bytes=MAX_SIGNATURE_BYTES,
    max_side=MAX_SIGNATURE_SIDE,
    field="signature",
    not_image=SIGNATURE_NOT_PNG,
    too_large=SIGNATURE_TOO_LARGE,
)


def ink_pixels(png: bytes) -> int:
    """How many pixels of ``png`` show ink on white paper (transparency counts as paper)."""
    with Image.open(io.BytesIO(png)) as image:
        rgba = image.convert("RGBA")
    paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    grey = Image.alpha_composite(paper, rgba).convert("L")
    return sum(grey.histogram()[:INK_BELOW])


def signature_png(data_url: str | None, *, required: bool) -> bytes | None:
    """The PNG bytes of a drawn signature, or None where none is given and none is required.

    Invalid on the ``signature`` field: missing where ``required``, given where it is not,
    not a PNG, too large, or blank."""
    if not data_url:
        if required:
            raise Invalid(SIGNATURE_REQUIRED, field="signature", code="signature_required")
        return None
    if not required:
        raise Invalid(SIGNATURE_NOT_TAKEN, field="signature")
    png = png_from_data_url(data_url, RULE)
    if ink_pixels(png) < MIN_INK_PIXELS:
        raise Invalid(SIGNATURE_BLANK, field="signature", code="signature_blank")
    return png

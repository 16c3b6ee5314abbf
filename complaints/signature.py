"""The customer's signature arrives as a PNG data URL from the canvas; it is stored only if it
decodes as a real PNG of sensible size."""

import base64
import binascii
import io

from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from servicedesk.errors import Invalid

MAX_SIGNATURE_BYTES = 512 * 1024
MAX_SIGNATURE_SIDE = 4000
PREFIX = "data:image/png;base64,"

NOT_A_PNG = _("The signature must be a PNG image (a data:image/png;base64 URL).")
TOO_LARGE = _("The signature image is too large.")


def decode_signature(data_url: str) -> bytes:
    """The PNG bytes of ``data_url``, or Invalid on the ``signature`` field."""
    if not isinstance(data_url, str) or not data_url.startswith(PREFIX):
        raise Invalid(NOT_A_PNG, field="signature")
    encoded = data_url[len(PREFIX) :]
    # base64 grows data by 4/3: refuse before decoding what could not fit anyway.
    if len(encoded) > MAX_SIGNATURE_BYTES * 4 // 3 + 4:
        raise Invalid(TOO_LARGE, field="signature")
    try:
        raw = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise Invalid(NOT_A_PNG, field="signature") from None
    if len(raw) > MAX_SIGNATURE_BYTES:
        raise Invalid(TOO_LARGE, field="signature")
    try:
        with Image.open(io.BytesIO(raw)) as image:
            if image.format != "PNG":
                raise Invalid(NOT_A_PNG, field="signature")
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise Invalid(NOT_A_PNG, field="signature") from None
    if width > MAX_SIGNATURE_SIDE or height > MAX_SIGNATURE_SIDE:
        raise Invalid(TOO_LARGE, field="signature")
    return raw

"""The customer's signature arrives as a PNG data URL from the canvas; it is stored only if it
decodes as a real PNG of sensible size."""

from django.utils.translation import gettext_lazy as _

from servicedesk.uploads import ImageRule, png_from_data_url

MAX_SIGNATURE_BYTES = 512 * 1024
MAX_SIGNATURE_SIDE = 4000
PREFIX = "data:image/png;base64,"

NOT_A_PNG = _("The signature must be a PNG image (a data:image/png;base64 URL).")
TOO_LARGE = _("The signature image is too large.")


def decode_signature(data_url: str) -> bytes:
    """The PNG bytes of ``data_url``, or Invalid on the ``signature`` field."""
    rule = ImageRule(
        formats={"PNG": "image/png"},
        max_bytes=MAX_SIGNATURE_BYTES,
        max_side=MAX_SIGNATURE_SIDE,
        field="signature",
        not_image=NOT_A_PNG,
        too_large=TOO_LARGE,
    )
    return png_from_data_url(data_url, rule)

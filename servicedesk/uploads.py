"""Every uploaded file is checked here, by its content: never by its name or the browser's claim.

Two ways in: a file upload (inspection photos) and a PNG data URL drawn on a canvas (the
customer's signatures on a work-order authorization and on a complaint's confirmation). Both
end in ``image_format``: Pillow must recognise the bytes as one of the allowed formats, the
image must verify, and its size in bytes and pixels must be sensible (a few bytes can claim
a billion pixels: a decompression bomb is refused, not decoded).
"""

import base64
import binascii
import io
from dataclasses import dataclass

from django.utils.functional import Promise
from PIL import Image, UnidentifiedImageError

from servicedesk.errors import Invalid

PHOTO_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
PNG_DATA_URL_PREFIX = "data:image/png;base64,"
MAX_PIXELS = 40_000_000  # a 48-megapixel phone photo is 8000 × 6000; far above a signature


@dataclass(frozen=True)
class ImageRule:
    formats: dict[str, str]
    max_bytes: int
    max_side: int
    field: str
    not_image: str | Promise
    too_large: str | Promise


def image_format(raw: bytes, rule: ImageRule) -> str:
    """The content type of ``raw`` if it is an image the rule allows; Invalid otherwise."""
    if len(raw) > rule.max_bytes:
        raise Invalid(rule.too_large, field=rule.field)
    try:
        with Image.open(io.BytesIO(raw)) as image:
            kind = image.format
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise Invalid(rule.too_large, field=rule.field)
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError):
        raise Invalid(rule.not_image, field=rule.field) from None
    except (OSError, SyntaxError, ValueError, TypeError, EOFError, IndexError, KeyError):
        # Pillow's decoders raise any of these on a damaged file.
        raise Invalid(rule.not_image, field=rule.field) from None
    if kind not in rule.formats:
        raise Invalid(rule.not_image, field=rule.field)
    if width > rule.max_side or height > rule.max_side:
        raise Invalid(rule.too_large, field=rule.field)
    return rule.formats[kind]


def read_upload(upload, rule: ImageRule) -> tuple[bytes, str]:
    """The bytes and content type of an uploaded file, read at most one byte past the limit."""
    size = getattr(upload, "size", None)
    if size is not None and size > rule.max_bytes:
        raise Invalid(rule.too_large, field=rule.field)
    raw = upload.read(rule.max_bytes + 1)
    return raw, image_format(raw, rule)


def png_from_data_url(data_url, rule: ImageRule) -> bytes:
    """The PNG bytes of a ``data:image/png;base64,…`` URL drawn on a canvas."""
    if not isinstance(data_url, str) or not data_url.startswith(PNG_DATA_URL_PREFIX):
        raise Invalid(rule.not_image, field=rule.field)
    encoded = data_url[len(PNG_DATA_URL_PREFIX) :]
    # base64 grows data by 4/3: refuse before decoding what could not fit anyway.
    if len(encoded) > rule.max_bytes * 4 // 3 + 4:
        raise Invalid(rule.too_large, field=rule.field)
    try:
        raw = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise Invalid(rule.not_image, field=rule.field) from None
    image_format(raw, rule)
    return raw


# ---------------------------------------------------------------- short videos

VIDEO_FORMATS = ("video/mp4", "video/quicktime", "video/webm")
_WEBM_MAGIC = b"\x1a\x45\xdf\xa3"  # EBML, the container of WebM


def video_format(head: bytes) -> str | None:
    """The content type of a video by its first bytes (MP4 and QuickTime open with an ``ftyp``
    box, WebM with the EBML magic), or None for anything else."""
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "video/quicktime" if head[8:12] == b"qt  " else "video/mp4"
    if head.startswith(_WEBM_MAGIC):
        return "video/webm"
    return None


def read_video_upload(
    upload, *, max_bytes: int, field: str, not_video, too_large
) -> tuple[bytes, str]:
    """The bytes and content type of an uploaded video (MP4, QuickTime or WebM by its content),
    read at most one byte past the limit."""
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise Invalid(too_large, field=field)
    raw = upload.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise Invalid(too_large, field=field)
    kind = video_format(raw[:16])
    if kind is None:
        raise Invalid(not_video, field=field)
    return raw, kind

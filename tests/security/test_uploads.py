"""Every uploaded file is checked by its content (servicedesk/uploads.py), never its name."""

import base64
import io
import struct
import zlib

import pytest
from django.apps import apps
from django.db import models
from PIL import Image

from servicedesk.errors import Invalid
from servicedesk.signatures import SIGNATURE_NOT_PNG
from servicedesk.uploads import PHOTO_FORMATS, ImageRule, image_format, png_from_data_url
from tests.vehicles.factories import WorkOrderFactory

# Every file field of the project and the test that proves its uploads are checked by content.
# A new FileField or ImageField fails test_every_file_field_is_checked until it is added here.
CHECKED_FILE_FIELDS = {
    "vehicles.InspectionPhoto.image": "tests/vehicles/test_inspection.py (photo_content)",
    "vehicles.InspectionVideo.file": "tests/vehicles/test_inspection_files.py (video_format)",
    # signature_png, as every drawn signature
    "vehicles.InspectionItem.decision_signature": "test_inspection_decide_on_link.py",
    "vehicles.WorkOrderAuthorization.signature": "test_a_work_order_signature_bomb_is_refused",
    "complaints.Complaint.confirmation_signature": "test_a_complaint_signature_bomb_is_refused",
    "interactions.InboundAttachment.file": (
        "tests/interactions/test_inbound_email.py "
        "(test_photos_are_kept_and_other_files_refused_by_their_content)"
    ),
}

RULE = ImageRule(
    formats=PHOTO_FORMATS,
    max_bytes=1024 * 1024,
    max_side=5000,
    field="image",
    not_image="not an image",
    too_large="too large",
)


def _png(width=20, height=10) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buf, "PNG")
    return buf.getvalue()


def _bomb_png(side=100_000) -> bytes:
    """A few hundred bytes that claim side × side pixels: never to be decoded."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def _data_url(raw: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(raw).decode()


def test_every_file_field_is_checked():
    found = {
        f"{model._meta.app_label}.{model.__name__}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    }
    assert found == set(CHECKED_FILE_FIELDS)


def test_a_real_png_is_accepted_whatever_its_name():
    assert image_format(_png(), RULE) == "image/png"


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"GIF89a not really",
        b"%PDF-1.4 a document",
        b"\x89PNG\r\n\x1a\n truncated",
        b"MZ\x90\x00",
    ],
)
def test_what_is_not_an_allowed_image_is_refused(raw):
    with pytest.raises(Invalid) as refused:
        image_format(raw, RULE)
    assert refused.value.field == "image" and refused.value.message == RULE.not_image


def test_a_gif_is_refused_though_it_is_an_image():
    buf = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buf, "GIF")
    with pytest.raises(Invalid, match="not an image"):
        image_format(buf.getvalue(), RULE)


def test_a_decompression_bomb_is_refused_not_decoded():
    with pytest.raises(Invalid) as refused:
        image_format(_bomb_png(), RULE)
    assert refused.value.message == RULE.not_image


def test_an_image_wider_than_the_rule_is_refused():
    with pytest.raises(Invalid, match="too large"):
        image_format(_png(6000, 1), RULE)


def test_a_data_url_must_hold_a_png():
    assert png_from_data_url(_data_url(_png()), RULE) == _png()
    with pytest.raises(Invalid) as refused:
        png_from_data_url("data:image/png;base64,!!!", RULE)
    assert refused.value.message == RULE.not_image
    with pytest.raises(Invalid) as refused:
        png_from_data_url("data:text/html;base64,PGh0bWw+", RULE)
    assert refused.value.message == RULE.not_image


def test_a_work_order_signature_bomb_is_refused(shop, advisor):
    from vehicles import services

    wo = WorkOrderFactory(shop=shop, advisor=advisor, lines=1)
    with pytest.raises(Invalid) as refused:
        services.work_order_authorize(
            pk=wo.pk,
            user=advisor,
            method="in_person",
            authorized_by_name="Li Lei",
            signature=_data_url(_bomb_png()),
        )
    assert refused.value.message == SIGNATURE_NOT_PNG
    assert refused.value.field == "signature"


def test_a_complaint_signature_bomb_is_refused():
    from servicedesk.signatures import signature_png

    with pytest.raises(Invalid) as refused:
        signature_png(_data_url(_bomb_png()), required=True)
    assert refused.value.message == SIGNATURE_NOT_PNG
    assert refused.value.field == "signature"

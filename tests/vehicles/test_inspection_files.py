"""Photos and videos of an inspection: checked by content, stored under names nobody can
guess, and served only through a view that checks who asks."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from servicedesk.errors import Invalid
from vehicles import services
from vehicles.services import inspections
from vehicles.services.errors import VIDEO_NOT_VIDEO, VIDEO_TOO_LARGE

from . import factories as f

MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
WEBM = b"\x1a\x45\xdf\xa3" + b"\x00" * 64


@pytest.fixture
def item(shop, advisor, technician):
    wo = f.WorkOrderFactory(shop=shop, advisor=advisor, lines=1)
    insp = services.inspection_create(work_order_pk=wo.pk, user=technician)
    return services.inspection_item_add(
        inspection_pk=insp.pk,
        user=technician,
        name="Brake pads",
        condition="red",
        recommended_job="Replace pads",
        price=Decimal("800"),
    )


def jpeg():
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buf, format="JPEG")
    return SimpleUploadedFile("IMG_0001.jpg", buf.getvalue(), content_type="image/jpeg")


@pytest.mark.parametrize(("raw", "kind"), [(MP4, "video/mp4"), (WEBM, "video/webm")])
def test_a_short_video_is_kept_by_its_content(item, technician, raw, kind):
    video = services.inspection_video_add(
        item_pk=item.pk, user=technician, upload=SimpleUploadedFile("clip.bin", raw)
    )
    assert video.content_type == kind and video.size == len(raw)


def test_a_file_that_is_not_a_video_is_refused(item, technician):
    with pytest.raises(Invalid) as refused:
        services.inspection_video_add(
            item_pk=item.pk, user=technician, upload=SimpleUploadedFile("clip.mp4", b"MZ" * 40)
        )
    assert refused.value.message == VIDEO_NOT_VIDEO


def test_a_video_too_large_is_refused(item, technician, monkeypatch):
    monkeypatch.setattr(inspections, "VIDEO_MAX_BYTES", 50)
    with pytest.raises(Invalid) as refused:
        services.inspection_video_add(
            item_pk=item.pk, user=technician, upload=SimpleUploadedFile("clip.mp4", MP4)
        )
    assert refused.value.message == VIDEO_TOO_LARGE % {"mb": 0}


def test_a_photo_is_stored_under_a_name_nobody_can_guess(item, technician):
    photo = services.inspection_photo_add(item_pk=item.pk, user=technician, upload=jpeg())
    name = photo.image.name
    assert name.startswith("inspections/") and str(item.pk) not in name.split("/")[-1][:6]
    assert len(name.split("/")[-1]) > 30 and "/20" not in name


def test_staff_of_the_shop_see_the_photo_through_the_checked_view(
    browser_as, item, technician, advisor, outsider
):
    photo = services.inspection_photo_add(item_pk=item.pk, user=technician, upload=jpeg())
    url = f"/inspections/files/photo/{photo.pk}/"
    seen = browser_as(advisor).get(url)
    assert seen.status_code == 200 and seen["Content-Type"] == "image/jpeg"
    assert seen["Cache-Control"] == "private, max-age=3600"
    assert browser_as(outsider).get(url).status_code == 404
    page = browser_as(advisor).get(f"/inspections/{item.inspection_id}/").content.decode()
    assert url in page and photo.image.url not in page


def test_the_api_names_the_checked_address_not_the_media_url(api_as, item, technician, advisor):
    photo = services.inspection_photo_add(item_pk=item.pk, user=technician, upload=jpeg())
    res = api_as(advisor).get(f"/api/v1/inspections/{item.inspection_id}/")
    shown = res.json()["items"][0]["photos"][0]
    assert shown["url"] == f"/inspections/files/photo/{photo.pk}/" and "image" not in shown


def test_a_video_through_the_api(api_as, item, technician):
    res = api_as(technician).post(
        f"/api/v1/inspections/{item.inspection_id}/items/{item.pk}/videos/",
        {"video": SimpleUploadedFile("clip.mp4", MP4)},
        format="multipart",
    )
    assert res.status_code == 201
    assert res.json()["items"][0]["videos"][0]["content_type"] == "video/mp4"
    bad = api_as(technician).post(
        f"/api/v1/inspections/{item.inspection_id}/items/{item.pk}/videos/",
        {"video": SimpleUploadedFile("clip.mp4", b"not a video at all")},
        format="multipart",
    )
    assert bad.status_code == 400 and bad.json()["video"] == [str(VIDEO_NOT_VIDEO)]

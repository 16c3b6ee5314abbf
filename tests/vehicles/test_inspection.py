import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from servicedesk.errors import Conflict, Invalid
from tests.vehicles.factories import WorkOrderFactory
from vehicles import services
from vehicles.selectors import inspection_items_to_remind
from vehicles.services import inspections
from vehicles.services.errors import (
    ALREADY_DECIDED,
    INSPECTION_CLOSED,
    PHOTO_NOT_IMAGE,
    PHOTO_TOO_LARGE,
)

from . import factories as f


@pytest.fixture
def inspection(shop, advisor, technician):
    wo = WorkOrderFactory(shop=shop, advisor=advisor, lines=1)
    return services.inspection_create(work_order_pk=wo.pk, user=technician)


def item(inspection, user, **kw):
    kw.setdefault("name", "Wiper blades")
    kw.setdefault("condition", "yellow")
    kw.setdefault("recommended_job", "Replace wiper blades")
    kw.setdefault("price", Decimal("120"))
    return services.inspection_item_add(inspection_pk=inspection.pk, user=user, **kw)


def test_approving_a_recommendation_adds_an_unauthorized_line(inspection, advisor, technician):
    it = item(inspection, technician)
    services.inspection_item_decide(pk=it.pk, user=advisor, decision="approved")
    it.refresh_from_db()
    assert it.line.description == "Replace wiper blades" and it.line.unit_price == Decimal("120")
    assert it.line.authorization is None and it.decided_at


def test_declined_and_deferred_items_are_kept_for_reminders(shop, inspection, advisor, technician):
    declined = item(inspection, technician, name="Tyres", recommended_job="Four tyres")
    deferred = item(inspection, technician, name="Battery", recommended_job="Battery")
    services.inspection_item_decide(pk=declined.pk, user=advisor, decision="declined")
    services.inspection_item_decide(pk=deferred.pk, user=advisor, decision="deferred")
    since = timezone.now() - timedelta(days=1)
    found = list(inspection_items_to_remind(shop_id=shop.pk, decided_from=since))
    assert found == [declined, deferred]
    assert inspection.work_order.lines.count() == 1


def test_an_item_is_decided_once(inspection, advisor, technician):
    it = item(inspection, technician)
    services.inspection_item_decide(pk=it.pk, user=advisor, decision="declined")
    with pytest.raises(Conflict) as refused:
        services.inspection_item_decide(pk=it.pk, user=advisor, decision="approved")
    assert refused.value.message == ALREADY_DECIDED % {"decision": "Declined"}


def test_it_refuses_a_negative_price(inspection, technician):
    with pytest.raises(Invalid) as refused:
        item(inspection, technician, price=Decimal("-1"))
    assert refused.value.message == "The price cannot be negative."  # no constant: said inline


def test_it_stores_a_real_photo(inspection, technician):
    it = item(inspection, technician)
    buf = io.BytesIO()
    Image.new("RGB", (30, 30), "red").save(buf, format="JPEG")
    upload = SimpleUploadedFile("anything.bin", buf.getvalue(), content_type="text/plain")
    photo = services.inspection_photo_add(item_pk=it.pk, user=technician, upload=upload)
    assert photo.content_type == "image/jpeg" and photo.image.name.endswith(".jpg")


def test_it_refuses_a_file_named_like_a_photo_that_is_not_one(inspection, technician):
    it = item(inspection, technician)
    upload = SimpleUploadedFile("brakes.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    with pytest.raises(Invalid) as refused:
        services.inspection_photo_add(item_pk=it.pk, user=technician, upload=upload)
    assert refused.value.message == PHOTO_NOT_IMAGE
    assert not it.photos.exists()


def test_it_refuses_an_oversized_photo(inspection, technician, monkeypatch, png_bytes):
    it = item(inspection, technician)
    monkeypatch.setattr(inspections, "PHOTO_MAX_BYTES", len(png_bytes) - 1)
    upload = SimpleUploadedFile("big.png", png_bytes, content_type="image/png")
    with pytest.raises(Invalid) as refused:
        services.inspection_photo_add(item_pk=it.pk, user=technician, upload=upload)
    assert refused.value.message == PHOTO_TOO_LARGE % {"mb": 0}


def test_the_inspection_is_closed_once_the_order_is_delivered(shop, advisor):
    wo, _ = f.delivered(shop, advisor)
    with pytest.raises(Conflict) as refused:
        services.inspection_create(work_order_pk=wo.pk, user=advisor)
    assert refused.value.message == INSPECTION_CLOSED % {"status": "Delivered"}


@pytest.mark.parametrize(
    ("posted", "says"),
    [
        ({"form": "decision"}, "Choose approve, decline or defer."),
        ({"form": "photo"}, "Choose a photo to upload."),
    ],
)
def test_the_item_card_says_what_is_missing(browser_as, inspection, advisor, posted, says):
    """A decision sent without its button, a photo without its file: the refusal on the item's
    card says what is missing (not "This field is required.", with no field beside it)."""
    wiper = item(inspection, advisor)
    page = browser_as(advisor).post(f"/inspections/{inspection.pk}/", {**posted, "item": wiper.pk})
    html = page.content.decode()
    assert f'<div class="alert alert-danger py-1 small">{says}</div>' in html
    wiper.refresh_from_db()
    assert wiper.decision == "pending" and not wiper.photos.exists()

"""The customer's inspection and authorization on their link: decisions through the counter's
services, recorded as by the customer via link, once; photos only through the token."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal import services
from portal.models import CustomerLinkEvent
from portal.views.inspection import SAID_TO_THE_CUSTOMER
from servicedesk.signatures import SIGNATURE_REQUIRED
from tests.signatures import drawn_signature
from vehicles import services as vehicle_services
from vehicles.models import DecidedVia, WorkOrderStatus
from vehicles.services.errors import ALREADY_DECIDED, NOTHING_TO_AUTHORIZE, STALE_COPY


@pytest.fixture
def items(visit, technician):
    insp = vehicle_services.inspection_create(work_order_pk=visit.pk, user=technician)
    return [
        vehicle_services.inspection_item_add(
            inspection_pk=insp.pk,
            user=technician,
            name=name,
            condition=condition,
            notes="Worn to 2 mm" if condition == "red" else "",
            recommended_job=job,
            price=Decimal(price) if price else None,
        )
        for name, condition, job, price in (
            ("Brake pads", "red", "Replace front pads", "800"),
            ("Wipers", "yellow", "Replace wipers", "120"),
            ("Battery", "yellow", "Replace battery", "650"),
            ("Tyres", "green", "", ""),
        )
    ]


def photo(item, user):
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buf, format="JPEG")
    upload = SimpleUploadedFile("p.jpg", buf.getvalue())
    return vehicle_services.inspection_photo_add(item_pk=item.pk, user=user, upload=upload)


def post(client, link, items, choices, signature=None, name="Lin Hua"):
    data = {f"decision-{item.pk}": d for item, d in zip(items, choices, strict=False)}
    data |= {"signed_name": name, "signature": drawn_signature() if signature is None else ""}
    return client.post(f"/c/{link.token}/inspection/", data)


def test_the_page_shows_each_item_with_its_price_with_tax(client, link, items, technician, shop):
    shown = photo(items[0], technician)
    page = client.get(f"/c/{link.token}/inspection/").content.decode()
    assert "Worn to 2 mm" in page and "Replace front pads" in page
    rate = shop.tax_rate
    assert str(Decimal("800") + (Decimal("800") * rate / 100).quantize(Decimal("0.01"))) in page
    assert f"/c/{link.token}/files/photo/{shown.pk}/" in page and shown.image.url not in page
    assert page.count('value="approved"') == 3  # the green item has nothing to decide


def test_decisions_go_onto_the_work_order_as_by_the_customer(client, link, items, advisor):
    answer = post(client, link, items, ["approved", "declined", "deferred"])
    assert answer.status_code == 302
    for item in items[:3]:
        item.refresh_from_db()
        assert item.decided_via == DecidedVia.LINK and item.decided_by_name == "Lin Hua"
    assert [i.decision for i in items[:3]] == ["approved", "declined", "deferred"]
    kinds = list(
        CustomerLinkEvent.objects.filter(link=link, by_customer=True)
        .exclude(kind="opened")
        .values_list("kind", flat=True)
    )
    assert sorted(kinds) == ["approved", "declined", "deferred"]


def test_the_advisor_sees_the_customers_decisions_on_the_work_order(
    client, link, items, advisor, browser_as
):
    post(client, link, items, ["approved", "declined", "deferred"])
    page = browser_as(advisor).get(f"/work-orders/{link.work_order_id}/").content.decode()
    assert page.count("By the customer, via link") == 3 and "Lin Hua" in page
    # … and in its History, each decision named in words with the item it was on (not the
    # link's raw event kind, "approved").
    history = page.split('id="work-order-history"')[1].split("</ul>")[0]
    assert "Approved by the customer · the customer, via their link · Brake pads" in history
    assert "Deferred by the customer · the customer, via their link · Battery" in history


def test_a_second_phone_is_refused_with_the_reason_and_keeps_its_choices(client, link, items):
    post(client, link, items, ["declined"])
    again = post(client, link, items, ["approved", "approved"])
    assert again.status_code == 409
    page = again.content.decode()
    assert str(ALREADY_DECIDED % {"decision": "Declined"}) in page.replace("&#x27;", "'")
    assert f'id="a{items[1].pk}" value="approved" data-price' in page
    items[1].refresh_from_db()
    assert items[1].decision == "pending"


def test_without_a_signature_nothing_is_decided(client, link, items):
    refused = post(client, link, items, ["approved"], signature="none")
    assert refused.status_code == 400
    page = refused.content.decode().replace("&#x27;", "'")
    # Said to the customer, not to the advisor ("ask the customer to sign").
    assert str(SAID_TO_THE_CUSTOMER[SIGNATURE_REQUIRED]) in page
    assert str(SIGNATURE_REQUIRED) not in page
    items[0].refresh_from_db()
    assert items[0].decision == "pending"


def test_another_visits_item_answers_404(client, other_visit_link, items):
    answer = post(client, other_visit_link, items, ["approved"])
    assert answer.status_code == 404
    items[0].refresh_from_db()
    assert items[0].decision == "pending"


def test_photos_only_through_this_visits_token(client, link, other_visit_link, items, technician):
    shown = photo(items[0], technician)
    mine = client.get(f"/c/{link.token}/files/photo/{shown.pk}/")
    assert mine.status_code == 200 and mine["Content-Type"] == "image/jpeg"
    assert client.get(f"/c/{other_visit_link.token}/files/photo/{shown.pk}/").status_code == 404
    assert client.get(f"/c/{'x' * 43}/files/photo/{shown.pk}/").status_code == 404
    assert client.get(f"/inspections/files/photo/{shown.pk}/").status_code == 302  # login


def test_the_customer_authorizes_the_work_order_with_a_signature(client, link, items, visit):
    post(client, link, items, ["approved"])
    visit.refresh_from_db()
    page = client.get(f"/c/{link.token}/authorize/").content.decode()
    assert "Replace front pads" in page and "authorize-terms" in page
    signed = client.post(
        f"/c/{link.token}/authorize/",
        {"signed_name": "Lin Hua", "signature": drawn_signature(), "version": visit.version},
    )
    assert signed.status_code == 302
    visit.refresh_from_db()
    assert visit.status == WorkOrderStatus.AUTHORIZED
    auth = visit.authorizations.get()
    assert auth.method == "link" and auth.recorded_by is None and auth.signature
    assert CustomerLinkEvent.objects.filter(link=link, kind="signed", by_customer=True).exists()
    twice = services.link_authorize
    with pytest.raises(Exception) as refused:
        twice(link_pk=link.pk, signed_name="Lin", signature=drawn_signature(), version=None)
    assert refused.value.message == NOTHING_TO_AUTHORIZE


def test_a_line_added_while_the_customer_reads_is_not_authorized_unseen(
    client, link, items, visit, advisor
):
    post(client, link, items, ["approved"])
    visit.refresh_from_db()
    read = visit.version
    vehicle_services.work_order_line_add(
        work_order_pk=visit.pk, user=advisor, kind="fee", description="Disposal", unit_price=5
    )
    stale = client.post(
        f"/c/{link.token}/authorize/",
        {"signed_name": "Lin Hua", "signature": drawn_signature(), "version": read},
    )
    assert stale.status_code == 409 and str(STALE_COPY) in stale.content.decode()

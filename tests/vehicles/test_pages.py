import datetime
import io

import pytest
from pypdf import PdfReader

from tests.vehicles.factories import CustomerFactory, VehicleFactory, WorkOrderFactory
from vehicles.services.errors import STALE_COPY

from . import factories as f


def test_the_counter_finds_a_car_by_plate(browser_as, advisor, lavida):
    page = browser_as(advisor).get("/customers/", {"q": "京A12345"})
    assert page.status_code == 200 and "周先生" in page.content.decode()


def test_a_duplicate_phone_links_to_the_existing_customer(browser_as, advisor, zhou):
    page = browser_as(advisor).post(
        "/customers/new/",
        {
            "name": "X",
            "phone": "13800138000",
            "preferred_channel": "phone",
            "preferred_language": "en",
            "main_concern": "unknown",
            "customer_type": "regular",
        },
    )
    assert page.status_code == 400  # refused, as every refused form of the site answers
    assert f"/customers/{zhou.pk}/" in page.content.decode()


def test_the_vehicle_page_shows_its_history(browser_as, advisor, shop, lavida):
    wo, invoice = f.delivered(shop, advisor, lavida, mileage_in=42000, mileage_out=42010)
    page = browser_as(advisor).get(f"/vehicles/{lavida.pk}/").content.decode()
    assert wo.number in page and invoice.number in page


def test_an_invalid_vin_is_a_form_error(browser_as, advisor, zhou):
    page = browser_as(advisor).post(
        f"/customers/{zhou.pk}/vehicles/new/",
        {"vin": "1HGCM82634A004352", "make": "H", "model": "A", "mileage": 0},
    )
    assert page.status_code == 400 and "check digit" in page.content.decode()


def test_a_step_out_of_order_is_refused_with_a_message(browser_as, advisor, shop):
    wo = WorkOrderFactory(shop=shop, advisor=advisor, lines=1)
    page = browser_as(advisor).post(f"/work-orders/{wo.pk}/start/", follow=True)
    assert "not possible now" in page.content.decode()
    wo.refresh_from_db()
    assert wo.status == "open"


def test_the_comeback_flag_is_shown_before_authorizing(browser_as, advisor, shop, lavida):
    earlier, _ = f.delivered(
        shop, advisor, lavida, mileage_in=42000, mileage_out=42010, line_kw={"warranty_months": 12}
    )
    wo = WorkOrderFactory(vehicle=lavida, advisor=advisor, lines=1)
    page = browser_as(advisor).get(f"/work-orders/{wo.pk}/").content.decode()
    assert 'id="comeback"' in page and earlier.number in page


def test_the_invoice_prints_in_chinese(browser_as, advisor, shop):
    wo, invoice = f.delivered(shop, advisor)
    assert invoice.language == "zh-hans"
    client = browser_as(advisor)
    assert "发票" in client.get(f"/invoices/{invoice.pk}/").content.decode()
    pdf = client.get(f"/invoices/{invoice.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    # pypdf, not poppler's pdftotext: `make test` needs nothing but Python.
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "发票" in text and invoice.number in text


@pytest.mark.parametrize(
    "url",
    [
        "/customers/{c}/",
        "/customers/{c}/edit/",
        "/vehicles/{v}/",
        "/work-orders/{w}/",
        "/invoices/{i}/",
        "/invoices/{i}/pdf/",
        "/inspections/{n}/",
    ],
)
def test_another_shops_pages_are_not_found(browser_as, outsider, advisor, shop, lavida, url):
    from vehicles import services

    wo, invoice = f.delivered(shop, advisor, lavida, mileage_in=42000, mileage_out=42010)
    open_wo = WorkOrderFactory(vehicle=lavida, advisor=advisor)
    insp = services.inspection_create(work_order_pk=open_wo.pk, user=advisor)
    target = url.format(c=lavida.owner_id, v=lavida.pk, w=wo.pk, i=invoice.pk, n=insp.pk)
    assert browser_as(outsider).get(target).status_code == 404


def test_a_board_card_shows_the_order_the_car_the_customer_and_the_promised_time(
    browser_as, advisor, shop, time_machine
):
    time_machine.move_to("2026-03-04 08:00+08:00")  # the promise is made before its time
    car = VehicleFactory(
        shop=shop, user=advisor, plate="京A77777", owner=CustomerFactory(shop=shop, name="周先生")
    )
    promised = datetime.datetime(2026, 3, 4, 2, 30, tzinfo=datetime.UTC)  # 10:30 in Beijing
    wo = WorkOrderFactory(vehicle=car, advisor=advisor, promised_at=promised)
    page = browser_as(advisor).get("/work-orders/").content.decode()
    assert f'href="/work-orders/{wo.pk}/"' in page
    assert wo.number in page and "京A77777 · 周先生" in page
    assert "Promised 03-04 10:30" in page


@pytest.mark.parametrize("rows", [5, 50])
def test_the_board_costs_the_same_queries_at_any_size(
    browser_as, advisor, shop, rows, django_assert_max_num_queries
):
    car = VehicleFactory(shop=shop, user=advisor)
    for _ in range(rows):
        WorkOrderFactory(vehicle=car, advisor=advisor)
    client = browser_as(advisor)
    with django_assert_max_num_queries(16):
        assert client.get("/work-orders/").status_code == 200


@pytest.mark.parametrize("rows", [5, 50])
def test_the_customer_list_costs_the_same_queries_at_any_size(
    browser_as, advisor, shop, rows, django_assert_max_num_queries
):
    for _ in range(rows):
        CustomerFactory(shop=shop)
    client = browser_as(advisor)
    with django_assert_max_num_queries(10):
        assert client.get("/customers/").status_code == 200


def test_a_stale_edit_of_a_work_order_answers_409_and_says_why(browser_as, advisor, shop):
    wo = WorkOrderFactory(shop=shop, advisor=advisor, lines=1)
    page = browser_as(advisor).post(
        f"/work-orders/{wo.pk}/",
        {"form": "edit", "e-version": wo.version - 1, "e-concern": "Rattle at idle"},
    )
    assert page.status_code == 409  # the refusal's own status, as on every page of the site
    assert str(STALE_COPY) in page.content.decode()
    wo.refresh_from_db()
    assert wo.concern != "Rattle at idle"

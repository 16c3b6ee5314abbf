"""Journey: the customer opens the visit's link on a phone, approves one item of the courtesy
inspection, declines one, defers one, signs, sees the new total and authorizes the work order;
then the advisor's work order page at the counter shows the same decisions, as the customer's."""

from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext
from playwright.sync_api import expect

from portal import services as portal_services
from tests.vehicles.factories import CustomerFactory, VehicleFactory, WorkOrderFactory
from vehicles import services
from vehicles.models import WorkOrderStatus

from .conftest import PHONE, fits_the_screen, screenshot
from .test_complaint import sign

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What the pages say, in each language, read from the catalogs the pages use.
TEXTS = {
    "approve": "Approve",
    "decline": "Decline",
    "later": ("the customer decides an item later", "Later"),
    "send": "Sign and send my decisions",
    "thanks": "Thank you: your decisions are with your service advisor.",
    "authorize": "Sign and authorize",
    "authorized": "Thank you: the work is authorized.",
    "via": "By the customer, via link",
    "name": "Your name",
}


def words_in(language: str) -> dict[str, str]:
    with translation.override(language):
        return {
            key: pgettext(*text) if isinstance(text, tuple) else gettext(text)
            for key, text in TEXTS.items()
        }


@pytest.fixture
def visit(shop, advisor, technician):
    def make(language):
        owner = CustomerFactory(
            shop=shop,
            name="周敏" if language == "zh-hans" else "Lin Hua",
            preferred_language=language,
        )
        order = WorkOrderFactory(vehicle=VehicleFactory(owner=owner), advisor=advisor)
        services.work_order_line_add(
            work_order_pk=order.pk,
            user=advisor,
            kind="labour",
            description="Oil change",
            unit_price=Decimal("300"),
        )
        insp = services.inspection_create(work_order_pk=order.pk, user=technician)
        for name, condition, job, price in (
            ("Brake pads", "red", "Replace front pads", "800"),
            ("Wipers", "yellow", "Replace wipers", "120"),
            ("Battery", "yellow", "Replace battery", "650"),
        ):
            services.inspection_item_add(
                inspection_pk=insp.pk,
                user=technician,
                name=name,
                condition=condition,
                notes="Checked",
                recommended_job=job,
                price=Decimal(price),
            )
        link = portal_services.customer_link_create(user=advisor, work_order_pk=order.pk)
        return order, insp, link

    return make


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_customer_decides_signs_and_the_advisor_sees_it(
    open_as, visit, advisor, shop, language
):
    order, insp, link = visit(language)
    words = words_in(language)
    if language != "en":
        assert words["approve"] != "Approve"  # the page is really in Chinese
    pads, wipers, battery = list(insp.items.all())
    page = open_as(None, viewport=PHONE, language=language)
    page.goto(f"/c/{link.token}/")
    page.locator("#portal-visit-pages a").first.click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    fits_the_screen(page)

    page.locator(f"[data-item='{pads.pk}']").get_by_text(words["approve"], exact=True).click()
    page.locator(f"[data-item='{wipers.pk}']").get_by_text(words["decline"], exact=True).click()
    page.locator(f"[data-item='{battery.pk}']").get_by_text(words["later"], exact=True).click()
    rate = shop.tax_rate
    pads_total = Decimal("800") + (Decimal("800") * rate / 100).quantize(Decimal("0.01"))
    oil = Decimal("300") + (Decimal("300") * rate / 100).quantize(Decimal("0.01"))
    expect(page.locator("#new-total")).to_have_text(f"{oil + pads_total:.2f}")
    page.get_by_label(words["name"]).fill(order.customer.name)
    sign(page, page.locator("#signature-pad"))
    screenshot(page, f"customer-link-inspection-{language}")
    page.get_by_role("button", name=words["send"]).click()
    expect(page.get_by_role("status")).to_have_text(words["thanks"])
    expect(page.locator(f"[data-item='{pads.pk}'] [data-decision]")).to_have_attribute(
        "data-decision", "approved"
    )
    fits_the_screen(page)

    # The authorization: lines, total, promised time, terms, signature.
    page.goto(f"/c/{link.token}/authorize/")
    expect(page.locator("#authorize-total")).to_have_text(f"{oil + pads_total:.2f}")
    sign(page, page.locator("#signature-pad"))
    page.get_by_role("button", name=words["authorize"]).click()
    expect(page.get_by_role("status")).to_have_text(words["authorized"])
    screenshot(page, f"customer-link-authorized-{language}")
    order.refresh_from_db()
    assert order.status == WorkOrderStatus.AUTHORIZED

    # At the counter: the same decisions, marked as the customer's.
    counter = open_as(advisor)  # the advisor works in English
    counter.goto(f"/work-orders/{order.pk}/")
    decisions = counter.locator("#inspection-decisions")
    expect(decisions.locator("[data-via='link']")).to_have_count(3)
    expect(decisions.locator(f"[data-item='{pads.pk}'] [data-decision]")).to_have_attribute(
        "data-decision", "approved"
    )
    expect(decisions.locator(f"[data-item='{wipers.pk}'] [data-decision]")).to_have_attribute(
        "data-decision", "declined"
    )
    expect(decisions.locator(f"[data-item='{battery.pk}'] [data-decision]")).to_have_attribute(
        "data-decision", "deferred"
    )
    expect(decisions).to_contain_text(words_in("en")["via"])
    screenshot(counter, f"customer-link-counter-{language}")

"""The counter tablet (1024 × 768) and a phone (390 × 844), in English and Chinese: each role
lands on its work, the top bar shows the role's main destinations with the rest under "More",
every link, button, radio and checkbox is a touch target of at least 44 px, phone numbers dial
on a tap, and a very long complaint does not stretch the approval queue."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from complaints import services as complaint_services
from surveys import services as survey_services
from tests.complaints.factories import ComplaintFactory
from tests.vehicles.factories import CustomerFactory, VehicleFactory, WorkOrderFactory

from .conftest import PHONE, TABLET, fits_the_screen, open_the_bar, screenshot
from .test_complaint import switch_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOUCH = 44  # px, WCAG 2.5.5's target size
SCREENS = {"tablet": TABLET, "phone": PHONE}
LANDINGS = {
    "advisor": ("/desk/", "My desk"),
    "manager": ("/complaints/approvals/", "Approvals"),
    "cashier": ("/complaints/deductions/", "Supplier deductions"),
}


def _t(msgid: str, language: str) -> str:
    with translation.override(language):
        return str(translation.gettext(msgid))


def _small(page, selector: str, *, minimum: int = TOUCH) -> list[str]:
    """The visible elements of ``selector`` less than ``minimum`` px high, with their size."""
    found = []
    for element in page.locator(selector).all():
        if not element.is_visible():
            continue
        box = element.bounding_box()
        if box and box["height"] < minimum - 0.5:
            found.append(f"{element.inner_text()!r} {box['width']:.0f}×{box['height']:.0f}")
    return found


def _open_the_menu(page) -> None:
    open_the_bar(page)
    page.locator("#nav-more").click()
    expect(page.locator("#mainnav .dropdown-menu")).to_be_visible()


@pytest.mark.parametrize(
    "role,language,screen",
    [
        ("advisor", "en", "tablet"),
        ("advisor", "zh-hans", "phone"),
        ("manager", "zh-hans", "tablet"),
        ("manager", "en", "phone"),
        ("cashier", "en", "tablet"),
        ("cashier", "zh-hans", "phone"),
    ],
)
def test_each_role_lands_on_its_work_with_its_main_destinations_at_hand(
    open_as, request, role, language, screen
):
    user = request.getfixturevalue(role)
    page = open_as(user, viewport=SCREENS[screen])
    path, main = LANDINGS[role]
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    switch_language(page, language)
    fits_the_screen(page)
    toggler = page.locator(".navbar-toggler")
    if screen == "tablet":
        # No hamburger at a counter tablet's width: the main destinations are in the bar.
        expect(toggler).to_be_hidden()
        bar = page.locator("#mainnav > .navbar-nav > .nav-item > .nav-link:not(.dropdown-toggle)")
        expect(bar.filter(has_text=_t(main, language))).to_be_visible()
        assert bar.count() <= 5
        for link in bar.all() + [page.locator("#nav-more")]:
            box = link.bounding_box()
            assert box["y"] + box["height"] <= 120, f"{link.inner_text()} wrapped far down"
    else:
        expect(toggler).to_be_visible()
    assert not _small(page, "#topbar a:visible, #topbar button:visible, #topbar select:visible")
    _open_the_menu(page)
    assert not _small(page, "#mainnav .nav-link, #mainnav .dropdown-item")
    screenshot(page, f"tablet-{role}-{screen}-{language}")


@pytest.mark.parametrize("language,screen", [("en", "tablet"), ("zh-hans", "phone")])
def test_checkboxes_links_and_phones_are_touch_targets(open_as, advisor, shop, language, screen):
    owner = CustomerFactory(
        shop=shop, name="周先生", phone="138 0013 8000", phone_alt="010-5555-0100"
    )
    VehicleFactory(shop=shop, user=advisor, owner=owner, plate="京A12345")
    page = open_as(advisor, viewport=SCREENS[screen])
    switch_language(page, language)

    page.goto(f"/customers/{owner.pk}/")
    dial = page.locator('a[href="tel:+8613800138000"]')
    expect(dial).to_have_text("+86 138 0013 8000")
    expect(page.locator('a[href="tel:+861055550100"]')).to_be_visible()
    assert not _small(page, "a.sd-tel")
    card = page.locator("main .card").first.bounding_box()
    for number in page.locator("main a.sd-tel").all():
        box = number.bounding_box()
        assert box["x"] + box["width"] <= card["x"] + card["width"], "the number overflows its card"
    fits_the_screen(page)
    screenshot(page, f"tablet-customer-{screen}-{language}")

    page.goto("/customers/?q=周")
    expect(page.locator("main a.sd-tel")).to_have_count(1)
    assert not _small(page, "main table a")

    page.goto(f"/customers/{owner.pk}/edit/")
    checkboxes = page.locator("main input[type=checkbox]")
    assert checkboxes.count() >= 4
    assert not _small(page, "main .form-check-label")
    assert not _small(page, "main input[type=checkbox]", minimum=24)
    label = page.locator("main .form-check-label").first
    ticked = checkboxes.first.is_checked()
    label.click()  # the whole 44 px label ticks it
    assert checkboxes.first.is_checked() != ticked
    screenshot(page, f"tablet-checkboxes-{screen}-{language}")


def test_radios_are_touch_targets(phone, shop, advisor):
    client = CustomerFactory(shop=shop, name="周敏", preferred_language="zh-hans")
    order = WorkOrderFactory(vehicle=VehicleFactory(shop=shop, owner=client), advisor=advisor)
    order.status = "delivered"
    order.delivered_at = timezone.now() - timedelta(days=3)
    order.save()
    survey = survey_services.survey_create(work_order_pk=order.pk)[0]
    phone.goto(f"/s/{survey.token}/")
    # The survey's radios are buttons (Bootstrap's btn-check): the label is what a thumb hits.
    radios = phone.locator("main input[type=radio] + label")
    assert radios.count() >= 16  # 1–5 and 0–10
    assert not _small(phone, "main input[type=radio] + label")
    for label in radios.all():
        assert label.bounding_box()["width"] >= TOUCH - 0.5, label.inner_text()
    screenshot(phone, "tablet-radios-phone-zh-hans")


@pytest.mark.parametrize("language,screen", [("zh-hans", "tablet"), ("en", "phone")])
def test_a_very_long_complaint_is_clamped_in_the_approval_queue(
    open_as, advisor, manager, shop, language, screen
):
    words = "刹车一直响，修了三次还是响。" * 440  # 6,160 characters
    complaint = ComplaintFactory(
        shop=shop, user=advisor, customer_words=words, customer=CustomerFactory(shop=shop)
    )
    complaint_services.remedy_propose(
        complaint_pk=complaint.pk, user=advisor, kind="refund", amount="80"
    )
    page = open_as(manager, viewport=SCREENS[screen])
    expect(page).to_have_url(re.compile("/complaints/approvals/$"))
    switch_language(page, language)
    card = page.locator("main .card").first
    assert card.bounding_box()["height"] < 700
    toggle = card.locator(".sd-clamp-toggle").first
    assert toggle.bounding_box()["height"] >= TOUCH - 0.5
    fits_the_screen(page)
    screenshot(page, f"tablet-approvals-clamped-{screen}-{language}")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    assert card.bounding_box()["height"] > 1000
    toggle.click()
    assert card.bounding_box()["height"] < 700


# What a person taps on a role's main pages at the counter: every visible link, button,
# summary (a folded card's opener) and radio or checkbox label of the page's content.
TAPPABLE = (
    "main a, main button, main summary, main [role=button], main .form-check-label,"
    " main input[type=radio] + label"
)
# Links that stay in running text on purpose, where a 44 px line would break the paragraph.
# Keep this short; each needs a reason.
PROSE_LINKS = (
    ".alert a",  # a link inside a message sentence ("… see complaint C-2026-00012")
)
# A role's main pages: its landing and the destinations of its top bar, and the records the
# counter works on (by ``tests/reliability/scenario.py``'s ids).
RECORDS = {
    "advisor": [
        "/interactions/@interaction/",
        "/customers/@customer/",
        "/vehicles/@vehicle/",
        "/work-orders/@wo_open/",
    ],
    "manager": ["/complaints/@complaint/", "/interactions/escalations/@escalation/"],
}


def _main_pages(page) -> list[str]:
    bar = page.locator("#mainnav > .navbar-nav > .nav-item > .nav-link:not(.dropdown-toggle)")
    here = "/" + page.url.split("/", 3)[3]
    return [here] + [link.get_attribute("href") for link in bar.all()]


def _too_small_taps(page) -> list[str]:
    """``_small`` for every tap target of the page's content, but for the prose exceptions."""
    found = []
    for element in page.locator(TAPPABLE).all():
        if not element.is_visible() or any(
            element.evaluate("(e, s) => !!e.closest(s)", selector) for selector in PROSE_LINKS
        ):
            continue
        # A stretched link is tapped anywhere on its card or row (its ::after covers it).
        height = element.evaluate(
            """e => (e.classList.contains('stretched-link') && e.offsetParent
                     ? e.offsetParent : e).getBoundingClientRect().height"""
        )
        if height < TOUCH - 0.5:
            html = element.evaluate("e => e.outerHTML.slice(0, 120)")
            found.append(f"{height:.0f}px {html}")
    return found


@pytest.mark.parametrize(
    "role,language",
    [
        ("advisor", "en"),
        ("advisor", "zh-hans"),
        ("manager", "zh-hans"),
        ("cashier", "en"),
        ("technician", "zh-hans"),
        ("supervisor", "en"),
        ("quality", "en"),
        ("reporting", "zh-hans"),
    ],
)
def test_every_tap_target_of_a_roles_main_pages_is_44px_high(open_as, shop, role, language):
    from tests.reliability.test_permission_matrix import _fill

    from . import form_pages

    who, ids = form_pages.world(shop)
    page = open_as(who[role], viewport=TABLET)
    switch_language(page, language)
    paths = _main_pages(page) + [_fill(p, ids, role) for p in RECORDS.get(role, [])]
    problems = []
    for path in dict.fromkeys(paths):
        page.goto(path)
        expect(page.locator("html")).to_have_attribute("lang", language)
        page.locator("main").wait_for()
        problems += [f"{path}: {small}" for small in _too_small_taps(page)]
        screenshot(page, f"taps-{role}-{language}-{path.strip('/').replace('/', '-') or 'home'}")
    assert not problems, "tap targets under 44 px at 1024×768:\n" + "\n".join(problems)

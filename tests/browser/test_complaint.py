"""Journeys 2 and 3: a complaint from intake to close, across the advisor, the manager, the
customer signing at the counter and the quality owner — in English, and in Chinese switched on
with the top bar's language switcher.

Labels are looked up in the catalog of the journey's language (``t``); in Chinese ``t`` also
fails on any label that has no translation, so an untranslated button breaks the journey.
"""

import datetime
import re

import pytest
from django.utils import timezone, translation
from django.utils.text import capfirst
from playwright.sync_api import expect

from complaints.models import Complaint, HistoryKind, RemedyStatus, State
from complaints.services.errors import GUARD_NATURE
from tests.vehicles.factories import CustomerFactory

from .conftest import TABLET, fits_the_screen, menu, pick, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Labels:
    def __init__(self, language: str):
        self.language = language

    def __call__(self, msgid: str, context: str = "") -> str:
        with translation.override(self.language):
            said = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
            text = capfirst(said)
        if self.language != "en":
            assert text != capfirst(msgid), f"untranslated in {self.language}: {msgid!r}"
        return text


def switch_language(page, language: str) -> None:
    """The top bar's switcher, as a person uses it; the page reloads in that language."""
    if language == "en":
        return
    page.get_by_label("Language").select_option(language)
    expect(page.locator("html")).to_have_attribute("lang", language)


def sign(page, canvas) -> None:
    """Draw a signature with the mouse: two strokes across the signature pad."""
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    x, y, w, h = box["x"], box["y"], box["width"], box["height"]
    for stroke in (
        [(0.1, 0.6), (0.2, 0.3), (0.3, 0.7), (0.4, 0.35), (0.5, 0.65)],
        [(0.55, 0.5), (0.7, 0.4), (0.85, 0.6)],
    ):
        page.mouse.move(x + stroke[0][0] * w, y + stroke[0][1] * h)
        page.mouse.down()
        for fx, fy in stroke[1:]:
            page.mouse.move(x + fx * w, y + fy * h, steps=8)
        page.mouse.up()


# Two animation frames, or half a second where the page gets none (a page not in front): the
# browser's evaluate() has no timeout of its own, so a promise that never settles would hang.
NEXT_FRAMES = """() => new Promise(r => {
    requestAnimationFrame(() => requestAnimationFrame(r));
    setTimeout(r, 500);
})"""


def field(page, label: str):
    """The form field labelled exactly ``label`` (crispy marks a required one with ``*``)."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def expect_state(page, t, state: str, context: str = "") -> None:
    expect(page.get_by_role("heading", level=1)).to_contain_text(t(state, context))
    fits_the_screen(page)


def step(page, t, state: str, context: str = "") -> None:
    """Press the next-step button to ``state`` and see the complaint there."""
    page.get_by_role("button", name=f"→ {t(state, context)}").click()
    expect_state(page, t, state, context)


def open_complaint(page, t, number: str) -> None:
    menu(page, t("Complaints"))
    page.get_by_role("link", name=number).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(number)


JOURNEYS = {
    # language: (the journey's screenshot, the customer's language, words on the final page as a
    # reader expects them — not from the catalog)
    "en": ("complaint", "en", ["Closed", "Customer confirmation", "Approved", "Satisfied"]),
    "zh-hans": ("complaint-zh", "zh-hans", ["已结案", "客户确认", "已批准", "满意", "类别, 责任"]),
}


@pytest.mark.parametrize("language", list(JOURNEYS))
def test_a_complaint_from_intake_to_close(open_as, advisor, manager, quality, shop, language):
    journey, customer_language, words = JOURNEYS[language]
    t = Labels(language)
    CustomerFactory(shop=shop, name="Li Wei", preferred_language=customer_language)

    # The advisor logs the complaint in the customer's own words.
    desk = open_as(advisor, viewport=TABLET)
    switch_language(desk, language)
    menu(desk, t("Complaints"))
    fits_the_screen(desk)
    desk.get_by_role("link", name=t("New complaint")).click()
    pick(desk, field(desk, t("Customer")), "Li", "Li Wei")
    field(desk, t("Severity")).select_option(label=t("Normal"))
    field(desk, t("The complaint, in the customer's own words")).fill(
        "The brakes still squeal a week after the brake job."
    )
    field(desk, t("What the customer asks for")).fill("Fix it for free and a discount")
    desk.get_by_role("button", name=t("Open the complaint")).click()
    expect_state(desk, t, "Received")
    number = Complaint.objects.get().number

    # Investigating: the nature is determined, then resolving.
    step(desk, t, "Investigating")
    desk.get_by_text(t("Edit facts")).click()
    field(desk, t("category")).select_option(label=t("Workmanship"))
    field(desk, t("responsibility")).select_option(label=t("Shop"))
    desk.get_by_role("button", name=t("Save"), exact=True).click()
    expect(desk.get_by_role("alert").filter(has_text=t("Facts saved."))).to_be_visible()
    step(desk, t, "Resolving")

    # A discount above the advisor's limit (200) waits for the manager.
    desk.get_by_text(t("Propose a remedy")).click()
    field(desk, t("Remedy")).select_option(label=t("Discount"))
    field(desk, t("Amount")).fill("500")
    field(desk, t("Description")).fill("Half of the labour on the brake job")
    desk.get_by_role("button", name=t("Propose"), exact=True).click()
    expect(desk.get_by_text(t("Awaiting approval"), exact=True)).to_be_visible()

    # The manager approves it from the approval queue.
    office = open_as(manager, viewport=TABLET)
    switch_language(office, language)
    menu(office, t("Approvals"))
    expect(office.get_by_role("heading", level=1)).to_have_text(t("Awaiting my approval"))
    fits_the_screen(office)
    field(office, t("Note")).fill("Agreed: our workmanship")
    office.get_by_role("button", name=t("Approve")).click()
    expect(office.get_by_text(t("Nothing awaits your approval."))).to_be_visible()

    # The desk cannot resolve it yet: the manager has not determined its nature (seed 003 §6).
    desk.reload()
    expect(desk.get_by_text(t(str(GUARD_NATURE)))).to_be_visible()
    # The manager determines it on the complaint's facts.
    open_complaint(office, t, number)
    office.get_by_text(t("Edit facts")).click()
    field(office, t("nature of the problem (the manager's determination)")).fill(
        "Pads fitted without anti-squeal paste"
    )
    office.get_by_role("button", name=t("Save"), exact=True).click()
    expect(office.get_by_role("alert").filter(has_text=t("Facts saved."))).to_be_visible()

    # Back at the counter, the customer reads the agreed remedy and signs on the screen.
    desk.reload()
    desk.get_by_role("link", name=t("Open the customer's confirmation screen")).click()
    with translation.override(customer_language):
        customer_t = Labels(customer_language)
        expect(desk.get_by_role("heading", level=1)).to_have_text(
            customer_t("Please confirm how we resolve your concern")
        )
        field(desk, customer_t("Please print your name")).fill("Li Wei")
        fits_the_screen(desk)
        sign(desk, field(desk, customer_t("Please sign here")))
        # She turns the tablet to read it again: the signature must survive the resize.
        for size in ({"width": TABLET["height"], "height": TABLET["width"]}, TABLET):
            desk.set_viewport_size(size)
            desk.evaluate(NEXT_FRAMES)  # resize events are dispatched before animation frames
        desk.get_by_role("button", name=customer_t("I confirm")).click()
    expect(desk.get_by_alt_text(t("Signature"))).to_be_visible()
    step(desk, t, "Customer confirmed")
    step(desk, t, "Corrective action")

    # The head of the workshop plans the corrective action and records its result.
    workshop = open_as(quality, viewport=TABLET)
    switch_language(workshop, language)
    open_complaint(workshop, t, number)
    workshop.get_by_text(t("Plan a corrective action")).click()
    field(workshop, t("Root cause")).fill("Pads fitted without anti-squeal paste")
    field(workshop, t("Corrective action")).fill("Refit the pads with paste")
    field(workshop, t("Preventive action")).fill("Checklist item for every brake job")
    field(workshop, t("Responsible department")).fill("Workshop")
    pick(
        workshop,
        field(workshop, t("Owner", "corrective action")),
        quality.last_name,
        quality.get_full_name(),
    )
    due = timezone.localdate() + datetime.timedelta(days=14)
    field(workshop, t("Due date")).fill(due.isoformat())
    workshop.get_by_role("button", name=t("Plan"), exact=True).click()
    field(workshop, t("Tracking result")).fill("Refitted; no squeal on the road test")
    workshop.get_by_role("button", name=t("Record result")).click()
    expect(workshop.get_by_role("alert").filter(has_text=t("Result recorded."))).to_be_visible()

    # The manager verifies it.
    menu(office, t("Corrective actions"))
    fits_the_screen(office)
    field(office, t("Note")).fill("Checked on the road")
    office.get_by_role("button", name=t("Verified effective")).click()
    expect(office.get_by_text(t("No open corrective actions."))).to_be_visible()

    # The advisor calls the customer back and closes the complaint.
    desk.reload()
    step(desk, t, "Follow-up")
    field(desk, t("Reached")).check()
    field(desk, t("Opinion of the outcome")).select_option(label=t("Satisfied"))
    field(desk, t("Comment, in the customer's words")).fill("Quiet brakes now, thanks")
    desk.get_by_role("button", name=t("Record attempt")).click()
    step(desk, t, "Closed", "complaint state")
    for word in words:
        expect(desk.locator("main")).to_contain_text(word)
    screenshot(desk, journey)

    complaint = Complaint.objects.get()
    assert complaint.state == State.CLOSED
    assert complaint.confirmed_name == "Li Wei" and complaint.confirmation_signature
    remedy = complaint.remedies.get()
    assert remedy.status == RemedyStatus.APPROVED and remedy.decided_by == manager
    action = complaint.corrective_actions.get()
    assert action.result_at and action.effective and action.verified_by == manager
    assert complaint.follow_ups.get().opinion == "satisfied"
    assert list(
        complaint.history.filter(kind=HistoryKind.TRANSITION).values_list("to_state", flat=True)
    ) == [s for s in State.values if s != State.RECEIVED]

"""What the hardening of issue 13 shows on the pages, on a counter tablet and a phone, in English
and Chinese: the nature of the problem is the manager's (read-only for the advisor), and a
search with a NUL byte is refused under the box instead of failing."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from tests.complaints import factories as cf
from tests.complaints.factories import ComplaintFactory

from .conftest import PHONE, TABLET, fits_the_screen, screenshot
from .test_complaint import switch_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = [("tablet", TABLET), ("phone", PHONE)]
LANGUAGES = ["en", "zh-hans"]


def _t(language: str, msgid: str) -> str:
    with translation.override(language):
        return translation.gettext(msgid)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("screen", "viewport"), SCREENS)
def test_the_advisor_sees_the_nature_but_may_not_change_it(
    open_as, advisor, shop, language, screen, viewport
):
    complaint = ComplaintFactory(shop=shop, user=advisor)
    complaint.nature = "Pads fitted without grease"
    complaint.save(update_fields=["nature"])
    page = open_as(advisor, viewport=viewport)
    switch_language(page, language)
    page.goto(f"/complaints/{complaint.pk}/")
    page.get_by_text(_t(language, "Edit facts")).click()
    nature = page.locator("textarea[name=nature]")
    expect(nature).to_be_visible()
    expect(nature).to_be_disabled()
    expect(nature).to_have_value("Pads fitted without grease")
    nature.scroll_into_view_if_needed()
    fits_the_screen(page)
    screenshot(page, f"apisec-nature-read-only-{screen}-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("screen", "viewport"), SCREENS)
def test_a_nul_in_the_counter_search_is_refused_under_the_box(
    open_as, advisor, language, screen, viewport
):
    page = open_as(advisor, viewport=viewport)
    switch_language(page, language)
    page.goto("/customers/?q=%00")
    with translation.override(language):
        from django.core.validators import ProhibitNullCharactersValidator

        message = str(ProhibitNullCharactersValidator.message)
    expect(page.locator(".invalid-feedback")).to_have_text(message)
    fits_the_screen(page)
    screenshot(page, f"apisec-search-nul-{screen}-{language}")


@pytest.mark.parametrize("where", ["approvals", "detail"])
def test_enter_in_the_decision_note_decides_nothing(open_as, advisor, manager, shop, where):
    """A money decision is made by tapping Approve or Reject, never by Enter in the note (the
    form's first button, Approve, would otherwise be pressed for the manager)."""
    from complaints import services as cs

    complaint = ComplaintFactory(shop=shop, user=advisor)
    cf.advance(complaint, to="resolving", advisor=advisor, manager=manager)
    remedy = cs.remedy_propose(
        complaint_pk=complaint.pk, user=advisor, kind="discount", amount="5000"
    )
    page = open_as(manager, viewport=TABLET)
    page.goto("/complaints/approvals/" if where == "approvals" else f"/complaints/{complaint.pk}/")
    note = page.locator(f'form[action="/complaints/remedies/{remedy.pk}/decide/"] [name="note"]')
    note.fill("Ask the customer first")
    note.press("Enter")
    page.wait_for_timeout(500)
    remedy.refresh_from_db()
    assert remedy.decided_at is None
    assert note.input_value() == "Ask the customer first"

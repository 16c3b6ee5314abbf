"""Seed 003 §6: the head of the shop reviews the complaint and determines the nature of the
problem; the complaint is resolved (resolving → customer confirmed) only after that. The page
says why the move is not offered, and a refused move keeps the note that was typed."""

from django.utils import translation

from complaints import services
from complaints.models import State
from complaints.services.errors import GUARD_NATURE


def _undetermined(complaint, *, advisor, manager, carry):
    c = carry(complaint, State.RESOLVING)
    c = services.complaint_update(pk=c.pk, user=manager, version=c.version, nature="")
    services.remedy_propose(complaint_pk=c.pk, user=advisor, kind="apology", amount="0")
    services.complaint_confirm(pk=c.pk, user=advisor, signed_name="Zhou Min", method="phone")
    return c


def test_the_page_says_it_waits_for_the_managers_determination(
    browser_as, advisor, manager, complaint, carry
):
    c = _undetermined(complaint, advisor=advisor, manager=manager, carry=carry)
    page = browser_as(advisor).get(f"/complaints/{c.pk}/").content.decode()
    assert str(GUARD_NATURE) in page and 'value="customer_confirmed"' not in page


def test_a_refused_move_keeps_the_note_and_says_why(browser_as, advisor, manager, complaint, carry):
    c = _undetermined(complaint, advisor=advisor, manager=manager, carry=carry)
    r = browser_as(advisor).post(
        f"/complaints/{c.pk}/transition/", {"to": "customer_confirmed", "note": "Signed at 10:05"}
    )
    page = r.content.decode()
    assert r.status_code == 409 and 'id="transition-errors"' in page
    assert str(GUARD_NATURE) in page and "Signed at 10:05" in page


def test_the_reason_reads_in_chinese(browser_as, advisor, manager, complaint, carry):
    c = _undetermined(complaint, advisor=advisor, manager=manager, carry=carry)
    browser = browser_as(advisor)
    browser.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    page = browser.get(f"/complaints/{c.pk}/").content.decode()
    with translation.override("zh-hans"):
        assert str(GUARD_NATURE) in page


def test_once_determined_the_page_offers_it(browser_as, advisor, manager, complaint, carry):
    c = _undetermined(complaint, advisor=advisor, manager=manager, carry=carry)
    c.refresh_from_db()
    services.complaint_update(pk=c.pk, user=manager, version=c.version, nature="Worn pads")
    page = browser_as(advisor).get(f"/complaints/{c.pk}/").content.decode()
    assert str(GUARD_NATURE) not in page and 'value="customer_confirmed"' in page

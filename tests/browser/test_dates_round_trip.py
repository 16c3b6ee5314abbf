"""Every date and date-time field round-trips unchanged, in English and in Chinese (issue 12.4:
saving the concern in Chinese blanked the promised time, rendered as ``2026/12/03 23:21``, which
the browser's picker drops).

A date typed in the picker is saved as that date, shown back in the field as the same ISO value,
and saved again untouched when the form is sent with another change. The fields come from the
pages (``form_pages.discover``): ``test_every_date_field_round_trips`` in ``test_every_form.py``'s
registry test fails for a date field without a row here.
"""

from datetime import date, datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from complaints.models import CorrectiveAction, FollowUp
from vehicles.models import WorkOrder

from . import form_pages
from .form_cases import TOMORROW, TOMORROW_AT
from .test_every_form import (
    LANGUAGES,
    _form,
    _open,
    _submit,
    _unfold,
    pick_first,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _at(iso: str) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(iso))


def _work_order_edit(page, ids, language):
    """The defect itself: the promised time shown, then the concern saved around it."""
    WorkOrder.objects.filter(pk=ids["wo_open"]).update(promised_at=_at(TOMORROW_AT))
    page.goto(f"/work-orders/{ids['wo_open']}/")
    form = _form(page, "vehicles:work-order-detail#edit")
    _unfold(form)
    expect(form.locator('[name="e-promised_at"]')).to_have_value(TOMORROW_AT)
    form.locator('[name="e-cause"]').fill(f"Worn pads ({language})")
    _submit(page, form)
    wo = WorkOrder.objects.get(pk=ids["wo_open"])
    assert wo.cause == f"Worn pads ({language})", "the edit did not save"
    assert wo.promised_at == _at(TOMORROW_AT)
    form = _form(page, "vehicles:work-order-detail#edit")
    expect(form.locator('[name="e-promised_at"]')).to_have_value(TOMORROW_AT)


def _work_order_open(page, ids, language):
    page.goto(f"/vehicles/{ids['vehicle']}/")
    form = _form(page, "vehicles:vehicle-detail#open")
    _unfold(form)
    form.locator('[name="w-concern"]').fill(f"Rattle ({language})")
    form.locator('[name="w-promised_at"]').fill(TOMORROW_AT)
    _submit(page, form)
    wo = WorkOrder.objects.get(concern=f"Rattle ({language})")
    assert wo.promised_at == _at(TOMORROW_AT)
    form = _form(page, "vehicles:work-order-detail#edit")  # the new order's page
    _unfold(form)
    expect(form.locator('[name="e-promised_at"]')).to_have_value(TOMORROW_AT)


def _action_plan(page, ids, language):
    page.goto(f"/complaints/{ids['complaint_corrective']}/")
    form = _form(page, "complaints:action-plan")
    _unfold(form)
    for name, value in {
        "root_cause": f"Batch ({language})",
        "corrective_action": "Replace",
        "preventive_action": "Inspect",
        "department": "Workshop",
        "due_date": TOMORROW,
    }.items():
        form.locator(f'[name="{name}"]').fill(value)
    pick_first(page, form, "owner", "quality")
    _submit(page, form)
    action = CorrectiveAction.objects.get(root_cause=f"Batch ({language})")
    assert action.due_date == date.fromisoformat(TOMORROW)
    expect(page.locator("body")).to_contain_text(TOMORROW)


def _follow_up(page, ids, language):
    page.goto(f"/complaints/{ids['complaint_follow']}/")
    form = _form(page, "complaints:follow-up")
    _unfold(form)
    form.locator('[name="reached"][value="no"]').check()
    form.locator('[name="comment"]').fill(f"No answer ({language})")
    form.locator('[name="next_try"]').fill(TOMORROW)
    _submit(page, form)
    attempt = FollowUp.objects.get(comment=f"No answer ({language})")
    assert attempt.next_try == date.fromisoformat(TOMORROW)
    expect(page.locator("body")).to_contain_text(TOMORROW)


def _export(page, ids, language):
    """A download: the dates typed are the dates of the file asked for."""
    page.goto("/complaints/")
    form = _form(page, "complaints:export")
    _unfold(form)
    form.locator('[name="received_from"]').fill("2026-01-01")
    form.locator('[name="received_to"]').fill(TOMORROW)
    with page.expect_download() as download:
        form.evaluate("f => f.requestSubmit()")
    assert download.value.suggested_filename == f"complaints-2026-01-01-{TOMORROW}.csv"


def _quality(page, ids, language):
    """The period typed is the period asked for and shown back in the fields."""
    first = f"{timezone.localdate().year}-01-01"
    page.goto(f"/reports/quality/?shop={ids['shop']}")
    form = _form(page, "reports:quality")
    form.locator('[name="from"]').fill(first)
    form.locator('[name="to"]').fill(TOMORROW)
    _submit(page, form)
    assert f"from={first}" in page.url and f"to={TOMORROW}" in page.url, page.url
    form = _form(page, "reports:quality")
    expect(form.locator('[name="from"]')).to_have_value(first)
    expect(form.locator('[name="to"]')).to_have_value(TOMORROW)
    expect(page.locator("body")).to_contain_text(f"{first}")


# (form key, field) → the check; one function may cover several fields of one form.
ROUND_TRIPS = {
    ("vehicles:work-order-detail#edit", "e-promised_at"): _work_order_edit,
    ("vehicles:vehicle-detail#open", "w-promised_at"): _work_order_open,
    ("complaints:action-plan", "due_date"): _action_plan,
    ("complaints:follow-up", "next_try"): _follow_up,
    ("complaints:export", "received_from"): _export,
    ("complaints:export", "received_to"): _export,
    ("reports:quality", "from"): _quality,
    ("reports:quality", "to"): _quality,
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_date_field_round_trips_unchanged(open_as, shop, language):
    who, ids = form_pages.world(shop)
    problems = []
    page = _open(open_as, who, "manager", language, "/")
    for check in dict.fromkeys(ROUND_TRIPS.values()):
        try:
            check(page, ids, language)
        except Exception as exc:  # one broken field must not hide the others' results
            problems.append(f"{check.__name__} [{language}]: {type(exc).__name__}: {exc}")
    assert not problems, "\n".join(problems)

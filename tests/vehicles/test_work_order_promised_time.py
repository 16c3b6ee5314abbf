"""The promised time survives the Chinese page (issue 12.4) and is a promise from now on."""

import re
from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from django.utils.html import escape

from servicedesk.dates import NOT_PLAUSIBLE, PROMISE_PASSED
from tests.vehicles.factories import WorkOrderFactory


def _promised_value(page: str) -> str:
    tag = re.search(r'<input[^>]*name="e-promised_at"[^>]*>', page).group(0)
    return re.search(r'value="([^"]*)"', tag).group(1)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_saving_the_concern_keeps_the_promised_time_in_every_language(
    browser_as, advisor, shop, language
):
    promised = timezone.make_aware(datetime(2026, 12, 3, 23, 21)) + timedelta(days=365)
    wo = WorkOrderFactory(shop=shop, advisor=advisor, lines=1, promised_at=promised)
    browser = browser_as(advisor)
    browser.cookies["django_language"] = language
    page = browser.get(f"/work-orders/{wo.pk}/").content.decode()
    shown = _promised_value(page)
    assert shown == "2027-12-03T23:21"
    r = browser.post(
        f"/work-orders/{wo.pk}/",
        {
            "form": "edit",
            "e-version": wo.version,
            "e-concern": "Squeal when braking",
            "e-cause": "Worn pads",
            "e-correction": "",
            "e-promised_at": shown,
        },
    )
    assert r.status_code == 302
    wo.refresh_from_db()
    assert wo.cause == "Worn pads" and wo.promised_at == promised


def test_an_old_promise_sent_back_unchanged_does_not_block_an_edit(
    browser_as, advisor, shop, time_machine
):
    time_machine.move_to("2026-12-01 09:00:00+08:00", tick=False)
    wo = WorkOrderFactory(
        shop=shop, advisor=advisor, promised_at=timezone.now() + timedelta(hours=3, seconds=42)
    )
    time_machine.move_to("2026-12-03 09:00:00+08:00", tick=False)  # the promise has passed
    browser = browser_as(advisor)
    shown = _promised_value(browser.get(f"/work-orders/{wo.pk}/").content.decode())
    r = browser.post(
        f"/work-orders/{wo.pk}/",
        {"form": "edit", "e-version": wo.version, "e-concern": "Noise", "e-promised_at": shown},
    )
    assert r.status_code == 302
    wo.refresh_from_db()
    assert wo.concern == "Noise"


@pytest.mark.parametrize(
    "typed, message", [("2020-01-01T08:00", PROMISE_PASSED), ("0001-01-01T00:00", NOT_PLAUSIBLE)]
)
def test_the_page_refuses_a_promise_in_the_past_or_out_of_range(
    browser_as, advisor, shop, typed, message
):
    wo = WorkOrderFactory(shop=shop, advisor=advisor)
    r = browser_as(advisor).post(
        f"/work-orders/{wo.pk}/",
        {"form": "edit", "e-version": wo.version, "e-concern": "Noise", "e-promised_at": typed},
    )
    page = r.content.decode()
    assert f'value="{typed}"' in page
    assert escape(str(message)).split("%")[0] in page
    wo.refresh_from_db()
    assert wo.concern != "Noise" and wo.promised_at is None


@pytest.mark.parametrize("typed", ["2020-01-01T08:00:00+08:00", "0001-01-01T00:00:00"])
def test_the_api_refuses_a_promise_in_the_past_or_out_of_range(api_as, advisor, lavida, typed):
    r = api_as(advisor).post(
        "/api/v1/work-orders/",
        {"vehicle": lavida.pk, "concern": "Noise", "promised_at": typed},
        format="json",
    )
    assert r.status_code == 400 and list(r.json()) == ["promised_at"]

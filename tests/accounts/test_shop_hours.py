"""A manager edits the shop's business hours and holidays in the browser; the API shows them;
another shop's are 404 and another role's 403."""

from datetime import date, time

import pytest
from django.utils import translation

from servicedesk.accounts import services
from servicedesk.accounts.forms import BAD_HOLIDAY_LINE
from servicedesk.accounts.models import BusinessHours, Holiday, Role
from servicedesk.errors import Forbidden, Invalid
from tests.factories import staff


@pytest.fixture
def other_manager(other_shop):
    return staff("southmanager", other_shop, Role.MANAGER, on_duty=True)


def _week(**overrides) -> dict:
    data = {"holidays": "2026-10-01 National Day"}
    for day in range(1, 7):
        data[f"opens_{day}"], data[f"closes_{day}"] = "08:30", "18:00"
    data.update(overrides)
    return data


def test_the_manager_sets_the_hours(browser_as, manager, shop):
    browser = browser_as(manager)
    assert browser.get(f"/shops/{shop.pk}/hours/").status_code == 200
    r = browser.post(f"/shops/{shop.pk}/hours/", _week())
    assert r.status_code == 302
    hours = {(h.weekday, h.opens, h.closes) for h in BusinessHours.objects.filter(shop=shop)}
    assert hours == {(d, time(8, 30), time(18, 0)) for d in range(1, 7)}  # Sunday closed
    assert list(Holiday.objects.values_list("on", "name")) == [(date(2026, 10, 1), "National Day")]
    page = browser.get(f"/shops/{shop.pk}/hours/").content.decode()
    assert 'value="08:30"' in page and "2026-10-01 National Day" in page


def test_closing_before_opening_is_refused_with_the_typed_values(browser_as, manager, shop):
    r = browser_as(manager).post(
        f"/shops/{shop.pk}/hours/", _week(opens_3="18:00", closes_3="09:00")
    )
    assert r.status_code == 400
    page = r.content.decode()
    assert str(services.CLOSES_BEFORE_OPENS) in page
    assert 'value="18:00"' in page and "National Day" in page
    assert not BusinessHours.objects.filter(shop=shop).exists()


def test_a_bad_holiday_line_is_refused(browser_as, manager, shop):
    r = browser_as(manager).post(f"/shops/{shop.pk}/hours/", _week(holidays="Oct 1 holiday"))
    assert r.status_code == 400
    assert str(BAD_HOLIDAY_LINE) in r.content.decode()


def test_the_page_reads_in_chinese(browser_as, manager, shop):
    browser = browser_as(manager)
    browser.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    page = browser.get(f"/shops/{shop.pk}/hours/").content.decode()
    translation.activate("en")
    assert "营业时间" in page


def test_an_advisor_may_not_edit_the_hours(browser_as, advisor, shop):
    assert browser_as(advisor).get(f"/shops/{shop.pk}/hours/").status_code == 403
    with pytest.raises(Forbidden):
        services.shop_calendar_set(user=advisor, shop_id=shop.pk, hours={}, holidays=[])


def test_another_shops_hours_are_404(browser_as, other_manager, shop):
    assert browser_as(other_manager).get(f"/shops/{shop.pk}/hours/").status_code == 404
    assert browser_as(other_manager).post(f"/shops/{shop.pk}/hours/", _week()).status_code == 404


def test_a_holiday_needs_opening_hours(manager, shop):
    with pytest.raises(Invalid) as refused:
        services.shop_calendar_set(
            user=manager, shop_id=shop.pk, hours={}, holidays=[(date(2026, 10, 1), "x")]
        )
    assert refused.value.message == services.NEVER_OPEN


def test_the_api_shows_the_hours(api_as, advisor, manager, shop):
    services.shop_calendar_set(
        user=manager,
        shop_id=shop.pk,
        hours={1: (time(8, 30), time(18, 0))},
        holidays=[(date(2026, 10, 1), "National Day")],
    )
    body = api_as(advisor).get(f"/api/v1/shops/{shop.pk}/").json()
    assert body["timezone"] == shop.timezone
    assert body["business_hours"] == [{"weekday": 1, "opens": "08:30:00", "closes": "18:00:00"}]
    assert body["holidays"] == [{"date": "2026-10-01", "name": "National Day"}]


def test_the_api_answers_404_for_another_shop(api_as, outsider, shop):
    assert api_as(outsider).get(f"/api/v1/shops/{shop.pk}/").status_code == 404


def test_a_holiday_name_is_needed_and_short(manager, shop):
    hours = {1: (time(8, 0), time(18, 0))}
    for name in ("  ", "x" * 81):
        with pytest.raises(Invalid) as refused:
            services.shop_calendar_set(
                user=manager, shop_id=shop.pk, hours=hours, holidays=[(date(2026, 10, 1), name)]
            )
        assert refused.value.message == services.HOLIDAY_NAME_REQUIRED


def test_the_home_page_offers_the_hours_to_the_shop_s_manager_only(browser_as, manager, advisor):
    link = "/hours/"
    assert link in browser_as(manager).get("/").content.decode()
    assert link not in browser_as(advisor).get("/").content.decode()

"""The one rule for typed dates (servicedesk/dates.py) and the one widget (servicedesk/forms.py)."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from complaints.services import complaint_open
from servicedesk import dates
from servicedesk.errors import Invalid
from servicedesk.forms import DateField, DateTimeField
from tests.vehicles.factories import WorkOrderFactory


@pytest.mark.parametrize("value", [date(1, 1, 1), date(1999, 12, 31), date(2100, 1, 1)])
def test_a_date_outside_the_plausible_years_is_refused_everywhere(value):
    with pytest.raises(ValidationError) as err:
        dates.validate_plausible(value)
    assert err.value.code == "implausible"
    with pytest.raises(Invalid) as err:
        dates.check_plausible(value, field="due_date")
    assert err.value.field == "due_date" and "2000" in str(err.value.message)


def test_a_service_records_now_unless_told_when_it_happened(time_machine):
    time_machine.move_to(datetime(2026, 3, 1, 9, tzinfo=UTC), tick=False)
    assert dates.happened_at(None) == datetime(2026, 3, 1, 9, tzinfo=UTC)
    earlier = datetime(2025, 6, 1, 10, tzinfo=UTC)
    assert dates.happened_at(earlier) == earlier


def test_a_service_refuses_a_moment_from_an_absurd_year(shop, advisor):
    with pytest.raises(Invalid) as err:
        complaint_open(
            shop_pk=shop.pk,
            user=advisor,
            customer_words="Noise",
            channel="in_person",
            at=datetime(1159, 1, 1, tzinfo=UTC),
        )
    assert err.value.field == "at"
    assert err.value.message == dates.NOT_PLAUSIBLE % {"first": 2000, "last": 2099}


def test_a_plausible_date_passes():
    dates.validate_plausible(date(2026, 12, 3))
    dates.check_plausible(datetime(2099, 12, 31, 23, 59), field="x")
    dates.check_plausible(None, field="x")


def test_a_promise_for_a_time_already_gone_is_refused(time_machine):
    time_machine.move_to("2026-12-03 10:30:20+08:00", tick=False)
    earlier = timezone.now() - timedelta(minutes=5)
    with pytest.raises(Invalid) as err:
        dates.check_promise(earlier, field="promised_at")
    assert err.value.field == "promised_at" and err.value.message == dates.PROMISE_PASSED
    # This very minute, as a picker without seconds sends it, is still a promise from now on.
    this_minute = timezone.now().replace(second=0)
    assert dates.check_promise(this_minute, field="promised_at") == this_minute


def test_a_promise_kept_as_it_was_stays_valid_after_it_passed(time_machine):
    time_machine.move_to("2026-12-03 10:30:00+08:00", tick=False)
    stored = timezone.now() - timedelta(days=1, seconds=17)
    # The page shows and sends back minutes: the same promise, kept exactly as stored.
    from_the_page = stored.replace(second=0, microsecond=0)
    assert dates.check_promise(from_the_page, field="p", previous=stored) == stored
    with pytest.raises(Invalid) as refused:
        dates.check_promise(stored + timedelta(minutes=5), field="p", previous=stored)
    assert refused.value.message == dates.PROMISE_PASSED


class _Form(forms.Form):
    day = DateField()
    at = DateTimeField()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_widgets_render_iso_values_in_every_language(language):
    at = timezone.make_aware(datetime(2026, 12, 3, 23, 21))
    with translation.override(language):
        html = str(_Form(initial={"day": date(2026, 12, 3), "at": at}))
        bound = _Form(data={"day": "2026-12-03", "at": "2026-12-03T23:21"})
        assert bound.is_valid(), bound.errors
    assert 'type="date"' in html and 'value="2026-12-03"' in html
    assert 'type="datetime-local"' in html and 'value="2026-12-03T23:21"' in html
    assert 'min="2000-01-01"' in html and 'max="2099-12-31"' in html
    assert bound.cleaned_data == {"day": date(2026, 12, 3), "at": at}


def test_the_form_fields_refuse_an_implausible_year():
    form = _Form(data={"day": "0001-01-01", "at": "2100-01-01T00:00"})
    assert not form.is_valid()
    assert set(form.errors) == {"day", "at"}
    assert "2000" in form.errors["day"][0]


# Any offset ISO 8601 allows is read as the same instant in the shop's time: PostgreSQL refuses
# offsets beyond ±15:59 ("time zone displacement out of range"), and the fuzzer's
# ?opened_after=2043-07-24T00:52:49+20:00 was a server error there.
FAR_OFFSET = "2043-07-24T00:52:49+20:00"  # = 2043-07-23T04:52:49Z


def test_a_far_offset_is_the_same_instant_in_local_time():
    from servicedesk.forms import MomentField

    for value in (DateTimeField().clean(FAR_OFFSET), MomentField().clean(FAR_OFFSET)):
        assert value == datetime(2043, 7, 23, 4, 52, 49, tzinfo=UTC)
        assert value.utcoffset() == timezone.localtime(value).utcoffset()
    assert dates.as_local_time(None) is None


def test_a_list_filter_with_a_far_offset_answers_on_every_database(api_as, advisor, shop):

    wo = WorkOrderFactory(shop=shop, advisor=advisor)
    client = api_as(advisor)
    just_before = timezone.localtime(wo.opened_at - timedelta(minutes=1))
    # The same instant written with +20:00 (2 h before becomes the next day's small hours).
    far = just_before.astimezone(dates.timezone.get_fixed_timezone(20 * 60)).isoformat()
    found = client.get("/api/v1/work-orders/", {"opened_after": far})
    assert found.status_code == 200, found.content
    assert [row["id"] for row in found.json()["results"]] == [wo.pk]
    later = (wo.opened_at + timedelta(minutes=1)).astimezone(
        dates.timezone.get_fixed_timezone(20 * 60)
    )
    none = client.get("/api/v1/work-orders/", {"opened_after": later.isoformat()})
    assert none.status_code == 200 and none.json()["results"] == []

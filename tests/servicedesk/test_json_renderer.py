"""The API's JSON is written by orjson (``ORJSONRenderer``), to the same bytes as DRF's own
renderer writes: dates and times, money, lazy translations, nulls, nested lists; what orjson
would say otherwise is left to DRF's renderer."""

import datetime
import uuid
import zoneinfo
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy, override
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.settings import api_settings

from servicedesk.renderers import ORJSONRenderer

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def _payload() -> dict:
    return {
        "money": Decimal("1234.50"),
        "small": Decimal("0.10"),
        "utc": datetime.datetime(2026, 12, 4, 21, 0, tzinfo=datetime.UTC),
        "utc_micro": datetime.datetime(2026, 12, 4, 21, 0, 5, 120, tzinfo=datetime.UTC),
        "shanghai": datetime.datetime(2026, 12, 5, 5, 0, 59, tzinfo=SHANGHAI),
        "naive": datetime.datetime(2026, 1, 2, 3, 4, 5),
        "day": datetime.date(2026, 2, 28),
        "time": datetime.time(8, 30),
        "id": uuid.UUID("12345678-1234-5678-1234-567812345678"),
        "lazy": gettext_lazy("Not found."),
        "none": None,
        "flags": [True, False, None],
        "nested": [[1, 2, [3, {"deep": ["a", Decimal("2.5")]}]], (4, 5), []],
        "numbers": {"int": -7, "float": 0.1, "big": 2**53, "zero": 0.0},
        "text": '陈先生 \u2028 line \u2029 para "quoted" \\ slash </script>',
        1: "an int key",
        "empty": {},
    }


def test_it_writes_the_same_bytes_as_drf():
    data = _payload()
    assert ORJSONRenderer().render(data) == JSONRenderer().render(data)


def test_lazy_strings_are_written_in_the_active_language():
    data = {"detail": gettext_lazy("Not found.")}
    with override("zh-hans"):
        assert ORJSONRenderer().render(data) == JSONRenderer().render(data)


def test_what_orjson_cannot_say_is_left_to_drf():
    huge = {"n": 2**70, "m": [-(2**64)]}  # beyond 64 bits
    assert ORJSONRenderer().render(huge) == JSONRenderer().render(huge)


def test_an_indented_answer_is_drfs():
    data = _payload()
    media_type = "application/json; indent=4"
    assert ORJSONRenderer().render(data, media_type) == JSONRenderer().render(data, media_type)


def test_nothing_renders_as_nothing():
    assert ORJSONRenderer().render(None) == b""


def test_it_is_the_apis_json_and_the_browsable_api_stays():
    classes = api_settings.DEFAULT_RENDERER_CLASSES
    assert classes == [ORJSONRenderer, BrowsableAPIRenderer]
    assert issubclass(ORJSONRenderer, JSONRenderer)  # what ErrorsAsJSONMixin asks


@pytest.mark.parametrize("value", [datetime.time(8, 30, tzinfo=datetime.UTC), object(), "\ud800"])
def test_what_drf_refuses_it_refuses(value):
    with pytest.raises((TypeError, ValueError)) as drf:
        JSONRenderer().render({"x": value})
    with pytest.raises(type(drf.value)):
        ORJSONRenderer().render({"x": value})


def test_an_api_answer_comes_as_orjson_wrote_it(api_as, advisor):
    response = api_as(advisor).get("/api/v1/me/")
    assert response.status_code == 200
    assert isinstance(response.accepted_renderer, ORJSONRenderer)
    assert response.content == JSONRenderer().render(response.data)

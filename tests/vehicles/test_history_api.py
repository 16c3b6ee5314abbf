"""GET /api/v1/vehicles/{id}/history/ answers from ``HistoryEntrySerializer.to_representation``,
which reads each timeline entry plainly: what it answers is what DRF's walk field by field
answered, in English and in Chinese, and the customer's timeline still names each vehicle."""

import json

import pytest
from django.utils import translation
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from complaints.models import Complaint
from tests.complaints.factories import ComplaintFactory
from vehicles import services, timeline
from vehicles.models import Vehicle
from vehicles.serializers import HistoryEntrySerializer

from . import factories as f


@pytest.fixture
def history(shop, advisor, lavida):
    """Two visits, a complaint about the car and an odometer corrected down."""
    f.delivered(shop, advisor, lavida, mileage_in=42000, mileage_out=42010)
    f.delivered(shop, advisor, lavida, mileage_in=43000, mileage_out=43010)
    ComplaintFactory(shop=shop, user=advisor, customer=lavida.owner, vehicle=lavida)
    services.vehicle_record_mileage(
        pk=lavida.pk, user=advisor, km=42500, reason="Typo at the counter", source="api"
    )
    return Vehicle.objects.get(pk=lavida.pk)


def _walked(vehicle, user) -> list[dict]:
    entries = [e.as_dict() for e in timeline.for_vehicle(vehicle, user=user)]
    walk = serializers.Serializer.to_representation
    walked = [walk(HistoryEntrySerializer(), e) for e in entries]
    return json.loads(JSONRenderer().render(walked))


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_history_answers_what_the_serializer_walked(api_as, advisor, history, language):
    answered = api_as(advisor).get(
        f"/api/v1/vehicles/{history.pk}/history/", HTTP_ACCEPT_LANGUAGE=language
    )
    assert answered.status_code == 200
    with translation.override(language):
        walked = _walked(history, advisor)
    results = answered.json()["results"]
    assert {e["kind"] for e in results} >= {"work_order", "invoice", "mileage", "complaint"}
    assert results == walked
    assert [list(e) for e in results] == [list(e) for e in walked]


def test_each_entry_names_the_vehicle_on_its_own_timeline_and_the_customers(advisor, history):
    label = str(history)
    own = timeline.for_vehicle(history, user=advisor)
    customers = timeline.for_customer(history.owner, user=advisor)
    for entries in (own, customers):
        titles = [e.title for e in entries if e.kind in ("work_order", "mileage")]
        assert len(titles) >= 6 and all(label in t for t in titles)
    assert Complaint.objects.filter(vehicle=history).count() == 1

import pytest

from servicedesk.errors import Invalid
from vehicles import services


def test_it_records_a_higher_reading(lavida, advisor):
    services.vehicle_record_mileage(pk=lavida.pk, km=43000, user=advisor)
    lavida.refresh_from_db()
    assert lavida.mileage == 43000


def test_it_refuses_a_lower_reading_without_a_reason(lavida, advisor):
    with pytest.raises(Invalid) as err:
        services.vehicle_record_mileage(pk=lavida.pk, km=41000, user=advisor)
    assert "42000" in str(err.value.message)
    lavida.refresh_from_db()
    assert lavida.mileage == 42000 and lavida.mileage_readings.count() == 1


def test_it_records_a_lower_reading_with_its_reason(lavida, advisor):
    reading = services.vehicle_record_mileage(
        pk=lavida.pk, km=41000, user=advisor, reason="Instrument cluster replaced"
    )
    assert reading.correction_reason == "Instrument cluster replaced"

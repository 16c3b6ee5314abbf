import io

import pytest
from PIL import Image

from tests.signatures import drawn_signature
from tests.vehicles.factories import CustomerFactory, VehicleFactory


@pytest.fixture
def zhou(shop):
    """Mr Zhou, a regular customer of the shop."""
    return CustomerFactory(
        shop=shop, name="周先生", phone="138 0013 8000", email="zhou@example.invalid"
    )


@pytest.fixture
def lavida(shop, advisor, zhou):
    """Mr Zhou's car."""
    return VehicleFactory(shop=shop, user=advisor, owner=zhou, plate="京A12345", mileage=42000)


@pytest.fixture
def png_bytes():
    buf = io.BytesIO()
    Image.new("RGB", (20, 10), "white").save(buf, format="PNG")
    return buf.getvalue()


@pytest.fixture
def signature():
    return drawn_signature()

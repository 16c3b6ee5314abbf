import pytest

from tests.vehicles.factories import CustomerFactory

from .factories import InteractionFactory


@pytest.fixture
def customer(shop):
    return CustomerFactory(shop=shop, name="Mrs Zhou")


@pytest.fixture
def walk_in(advisor, customer):
    """A walk-in Mrs Zhou, greeted by the advisor, at greet."""
    return InteractionFactory(customer=customer, advisor=advisor)


@pytest.fixture
def theirs(outsider, other_shop):
    """An interaction of another shop."""
    return InteractionFactory(customer=CustomerFactory(shop=other_shop), advisor=outsider)

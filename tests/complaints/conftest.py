import pytest

from servicedesk.accounts.models import Role
from tests.complaints.factories import ComplaintFactory
from tests.factories import staff

from . import factories as f


@pytest.fixture
def second_manager(shop):
    return staff("manager2", shop, Role.MANAGER, on_duty=True)


@pytest.fixture
def other_quality(other_shop):
    return staff("southquality", other_shop, Role.QUALITY)


@pytest.fixture
def other_manager(other_shop):
    return staff("southmanager", other_shop, Role.MANAGER, on_duty=True)


@pytest.fixture
def complaint(shop, advisor):
    return ComplaintFactory(shop=shop, user=advisor)


@pytest.fixture
def carry(advisor, manager, quality):
    """Carry a complaint to a state through the real services."""

    def go(c, to):
        return f.advance(c, to=to, advisor=advisor, manager=manager, quality=quality)

    return go

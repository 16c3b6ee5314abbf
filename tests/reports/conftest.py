import pytest
from django.utils import translation

from . import dataset


@pytest.fixture(autouse=True)
def _language_restored():
    """A request in Chinese leaves the thread's language active: put it back for the next test."""
    language = translation.get_language()
    yield
    translation.activate(language)


@pytest.fixture
def year_of_records(shop, other_shop):
    """The hand-computed data set of dataset.py, in a shop on Shanghai time."""
    shop.timezone = "Asia/Shanghai"
    shop.save(update_fields=["timezone"])
    return dataset.build(shop, other_shop)

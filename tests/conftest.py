"""Shared people and places: a shop, another shop, and the named staff of each."""

import pytest
from django.conf import settings
from django.utils import translation
from rest_framework.test import APIClient

from servicedesk.accounts.models import Role

from .db_state import is_transactional, serialized_everywhere, with_serialized_rollback
from .factories import ShopFactory, staff


def pytest_collection_modifyitems(items):
    """Every transactional test keeps the data migrations' rows: see tests/db_state.py."""
    for item in items:
        if is_transactional(item):
            with_serialized_rollback(item)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """pytest-django's test databases, their serialization known to every connection object
    (see tests/db_state.py)."""
    serialized_everywhere()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a test that activates Chinese (a job rendering
    in the customer's language, a page read with Accept-Language) must not leak it into the next
    test run by the same worker."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: no throttle counts or cached reads of another."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def shop(db):
    return ShopFactory(name="North", code="north")


@pytest.fixture
def other_shop(db):
    return ShopFactory(name="South", code="south")


@pytest.fixture
def advisor(shop):
    return staff("advisor", shop, Role.ADVISOR)


@pytest.fixture
def technician(shop):
    return staff("technician", shop, Role.TECHNICIAN)


@pytest.fixture
def manager(shop):
    return staff("manager", shop, Role.MANAGER, on_duty=True)


@pytest.fixture
def supervisor(shop):
    return staff("supervisor", shop, Role.SUPERVISOR, on_duty=True)


@pytest.fixture
def quality(shop):
    return staff("quality", shop, Role.QUALITY, department="Workshop")


@pytest.fixture
def cashier(shop):
    return staff("cashier", shop, Role.CASHIER)


@pytest.fixture
def reporting(shop):
    return staff("reporting", shop, Role.REPORTING)


@pytest.fixture
def outsider(other_shop):
    """An advisor of another shop: must never see this shop's records."""
    return staff("outsider", other_shop, Role.ADVISOR)


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def api_as(api):
    def login(user):
        api.force_authenticate(user=user)
        return api

    return login


@pytest.fixture
def browser_as(client):
    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def sms_outbox():
    """Text messages sent through the test SMS backend, like django.core.mail.outbox."""
    from servicedesk.outbox import sms

    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


@pytest.fixture(scope="module")
def seeded_demo(django_db_setup, django_db_blocker):
    """The demo seeded once for a module's tests and rolled back after them: its history is
    written through the services (tens of seconds), and seed_demo is idempotent, so each test's
    own ``call_command("seed_demo")`` finds it and adds nothing. Each test still runs in its own
    transaction inside this one."""
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", "--no-logins")
        yield
        transaction.set_rollback(True)

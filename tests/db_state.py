"""The rows the data migrations seed (the interactions' coaching tips, the groups, the beat
schedules) belong to every test. A flush takes them with everything else, and pytest-django
flushes after each transactional test; the next test run by that worker would find no coaching
("No coaching for this stage yet"). So every transactional test rolls back by serialization
(tests/conftest.py), and a world committed outside a test is taken back with
``committed_then_restored``."""

from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper


def is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
    ):
        return True
    fixtures = getattr(item, "fixturenames", ())
    return "transactional_db" in fixtures or "live_server" in fixtures


def with_serialized_rollback(item: pytest.Item) -> None:
    """The transactional test starts from the database as migrated (pytest-django serializes it
    once, and Django's TransactionTestCase loads it back before the test), not from an empty
    one a previous test's flush left."""
    marker = item.get_closest_marker("django_db")
    kwargs = dict(marker.kwargs) if marker is not None else {"transaction": True}
    kwargs["serialized_rollback"] = True
    item.add_marker(pytest.mark.django_db(*(marker.args if marker else ()), **kwargs), append=False)


def serialized_everywhere() -> None:
    """Django keeps the migrated database's serialization on the connection object that created
    it, and a TransactionTestCase looks for it there: to load it before the test and, finding it,
    to flush after the test without the post-migrate signal. But ``connections`` is context-local,
    and once Playwright runs (a browser module) a test's context gets a new connection object
    without it: that test loaded nothing, and its flush re-created the content types and
    permissions under new ids (PostgreSQL does not restart the sequences), so the next test that
    did find the serialization failed loading it (duplicate content type; seen in CI).
    Each backend's wrapper class carries the serialization instead, for every connection object
    of that alias."""
    for alias in connections:
        connection = connections[alias]
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is not None:
            assert isinstance(connection, BaseDatabaseWrapper)
            type(connection)._test_serialized_contents = contents


@contextmanager
def committed_then_restored(using: str = DEFAULT_DB_ALIAS):
    """For rows committed outside a test's transaction (a module's world): at the end the
    database is flushed and put back as it was, migration data included."""
    connection = connections[using]
    saved = connection.creation.serialize_db_to_string()
    try:
        yield
    finally:
        call_command(
            "flush", interactive=False, verbosity=0, database=using, inhibit_post_migrate=True
        )
        connection.creation.deserialize_db_from_string(saved)

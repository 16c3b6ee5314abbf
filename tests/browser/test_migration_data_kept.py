"""The data migrations' rows stay for every test of a browser module too (tests/db_state.py).
Once Playwright runs, a test gets a new database connection object: before the fix it did not
know the migrated database's serialization, so the journey's flush dropped the coaching tips and
re-created the content types under new ids, and the next test either found no coaching or failed
loading the serialization (duplicate content type, on PostgreSQL). The tests run in file order."""

import pytest
from django.contrib.contenttypes.models import ContentType

from interactions.models import CoachingTip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GREETING = {"stage": "greet", "customer_type": "any", "language": "en", "kind": "do"}


def test_a_journey_runs_and_is_flushed_after(open_as, advisor):
    page = open_as(advisor)
    assert "/login/" not in page.url
    assert CoachingTip.objects.filter(**GREETING).exists()


def test_the_next_test_finds_the_coaching_and_the_content_types_as_migrated(advisor):
    assert CoachingTip.objects.filter(**GREETING).exists()
    assert ContentType.objects.get_for_model(CoachingTip).pk == (
        ContentType.objects.get(app_label="interactions", model="coachingtip").pk
    )

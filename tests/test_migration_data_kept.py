"""The rows the data migrations seed stay for every test (tests/db_state.py). pytest-django runs
a module's transactional tests after its other tests, in file order, so the first test below
is followed by the second on the same worker: its flush must not leave the second without the
coaching tips (the interaction page would say "No coaching for this stage yet")."""

import pytest

from interactions.models import CoachingTip
from servicedesk.accounts.models import Shop

from .db_state import committed_then_restored
from .factories import ShopFactory

GREETING = {"stage": "greet", "customer_type": "any", "language": "en", "kind": "do"}


@pytest.mark.django_db
def test_a_test_finds_the_coaching_the_migration_wrote():
    assert CoachingTip.objects.filter(**GREETING).exists()


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_commits_and_is_flushed_after():
    ShopFactory()
    assert CoachingTip.objects.filter(**GREETING).exists()


@pytest.mark.django_db(transaction=True)
def test_the_next_transactional_test_still_finds_the_coaching():
    assert CoachingTip.objects.filter(**GREETING).exists()
    assert not Shop.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_world_committed_outside_a_test_is_taken_back_with_the_coaching_kept():
    tips = CoachingTip.objects.count()
    with committed_then_restored():
        ShopFactory()
        CoachingTip.objects.filter(**GREETING).delete()
    assert not Shop.objects.exists()
    assert CoachingTip.objects.count() == tips

"""The complaint list offers the filters on one's own work that the user's role gives a
meaning: "Mine" to those who take complaints in, the approval queue to those who decide
remedies; a read-only role sees neither."""

import pytest
from django.urls import reverse

from complaints import permissions
from tests.complaints.factories import ComplaintFactory

APPROVALS = reverse("complaints:approvals")


def _list(browser_as, user, query=""):
    return browser_as(user).get(f"/complaints/{query}").content.decode()


def test_the_reporting_role_is_offered_neither_mine_nor_approvals(browser_as, reporting):
    page = _list(browser_as, reporting)
    assert 'name="mine"' not in page and "?mine=on" not in page
    assert APPROVALS not in page
    assert permissions.list_filters(reporting) == frozenset()


@pytest.mark.parametrize(
    ("person", "offered"),
    [
        ("advisor", {"mine"}),
        ("manager", {"mine", "approvals"}),
        ("supervisor", {"mine", "approvals"}),
        ("quality", set()),
        ("cashier", set()),
        ("technician", set()),
    ],
)
def test_each_role_is_offered_what_it_may_do(browser_as, request, person, offered):
    user = request.getfixturevalue(person)
    assert permissions.list_filters(user) == offered
    page = _list(browser_as, user)
    assert ('name="mine"' in page) == ("mine" in offered)
    assert (APPROVALS in page) == ("approvals" in offered)


def test_mine_is_ignored_for_a_role_not_offered_it(browser_as, shop, advisor, reporting):
    complaint = ComplaintFactory(shop=shop, user=advisor)
    assert complaint.number in _list(browser_as, reporting, "?mine=on")

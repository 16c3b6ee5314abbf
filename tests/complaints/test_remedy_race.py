"""Several approvers click at the same moment: one decision, one history row."""

import threading

import pytest
from django.db import connection, connections

from complaints import services
from complaints.models import ComplaintHistory, Remedy, RemedyStatus
from servicedesk.accounts.models import Role
from servicedesk.errors import Conflict
from tests.complaints.factories import ComplaintFactory
from tests.factories import staff

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_approvals_decide_once(shop, advisor):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are only real on PostgreSQL")
    managers = [staff(f"racer{i}", shop, Role.MANAGER, on_duty=True) for i in range(6)]
    c = ComplaintFactory(shop=shop, user=advisor)
    remedy = services.remedy_propose(complaint_pk=c.pk, user=advisor, kind="discount", amount="300")
    barrier = threading.Barrier(len(managers))
    outcomes: list[str] = []

    def decide(user, approve):
        try:
            barrier.wait()
            services.remedy_decide(pk=remedy.pk, user=user, approve=approve, note=user.username)
            outcomes.append("decided")
        except Conflict:
            outcomes.append("conflict")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=decide, args=(m, i % 2 == 0)) for i, m in enumerate(managers)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict"] * 5 + ["decided"]
    remedy = Remedy.objects.get(pk=remedy.pk)
    assert remedy.status in (RemedyStatus.APPROVED, RemedyStatus.REJECTED)
    decisions = ComplaintHistory.objects.filter(
        complaint=c, kind__in=["remedy_approved", "remedy_rejected"]
    )
    assert decisions.count() == 1
    assert decisions.get().by_id == remedy.decided_by_id

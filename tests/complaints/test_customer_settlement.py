"""Money approved on a complaint reaches the cashier as one line to settle once, with history."""

from decimal import Decimal

import pytest

from complaints import permissions, services
from complaints.models import ComplaintHistory, CustomerSettlement, HistoryKind
from complaints.services import errors as service_errors
from servicedesk.errors import NOT_FOUND, Conflict, Forbidden, NotFound
from tests.complaints.factories import ComplaintFactory


@pytest.fixture
def resolving(shop, advisor, manager, carry):
    return carry(ComplaintFactory(shop=shop, user=advisor), "resolving")


def _approved(complaint, *, advisor, manager, kind="discount", amount="200"):
    remedy = services.remedy_propose(
        complaint_pk=complaint.pk, user=advisor, kind=kind, amount=amount
    )
    return services.remedy_decide(pk=remedy.pk, user=manager, approve=True, note="OK")


@pytest.mark.parametrize("kind", ["discount", "compensation", "refund"])
def test_approved_money_becomes_a_line_to_pay_the_customer(resolving, advisor, manager, kind):
    remedy = _approved(resolving, advisor=advisor, manager=manager, kind=kind, amount="180")
    line = CustomerSettlement.objects.get(remedy=remedy)
    assert (line.shop_id, line.complaint_id, line.kind) == (resolving.shop_id, resolving.pk, kind)
    assert line.amount == Decimal("180.00")
    assert line.settled_at is None
    raised = ComplaintHistory.objects.get(complaint=resolving, kind=HistoryKind.SETTLEMENT_RAISED)
    assert raised.by == manager
    assert raised.changes["settlement"] == line.pk


def test_a_rejected_remedy_makes_no_line(resolving, advisor, manager):
    remedy = services.remedy_propose(
        complaint_pk=resolving.pk, user=advisor, kind="refund", amount="500"
    )
    services.remedy_decide(pk=remedy.pk, user=manager, approve=False)
    assert not CustomerSettlement.objects.exists()


@pytest.mark.parametrize(("kind", "amount"), [("rework", "150"), ("goodwill", "100")])
def test_remedies_that_pay_no_money_make_no_line(resolving, advisor, manager, kind, amount):
    services.remedy_propose(complaint_pk=resolving.pk, user=advisor, kind=kind, amount=amount)
    assert not CustomerSettlement.objects.exists()


def test_a_discount_of_nothing_makes_no_line(resolving, advisor, manager):
    _approved(resolving, advisor=advisor, manager=manager, amount="0")
    assert not CustomerSettlement.objects.exists()


def test_the_shops_cashier_is_told_when_a_line_appears(resolving, advisor, manager, cashier):
    line = _approved(resolving, advisor=advisor, manager=manager).settlement
    note = cashier.notifications.get(kind="customer_settlement")
    assert resolving.number in str(note.title)
    assert note.url == f"/complaints/{line.complaint_id}/"


def test_the_cashier_settles_it_once_with_who_and_when(resolving, advisor, manager, cashier):
    line = _approved(resolving, advisor=advisor, manager=manager).settlement
    settled = services.customer_settlement_settle(pk=line.pk, user=cashier, reference=" POS-17 ")
    assert settled.settled_by == cashier
    assert settled.settled_at is not None
    assert settled.settlement_reference == "POS-17"
    row = ComplaintHistory.objects.get(complaint=resolving, kind=HistoryKind.SETTLEMENT_SETTLED)
    assert (row.by, row.changes["text"]) == (cashier, "POS-17")


def test_it_refuses_a_second_settle_and_changes_nothing(resolving, advisor, manager, cashier):
    line = _approved(resolving, advisor=advisor, manager=manager).settlement
    first = services.customer_settlement_settle(pk=line.pk, user=cashier, reference="POS-1")
    with pytest.raises(Conflict) as refused:
        services.customer_settlement_settle(pk=line.pk, user=cashier, reference="POS-2")
    assert refused.value.message == service_errors.ALREADY_SETTLED
    line.refresh_from_db()
    assert (line.settled_at, line.settlement_reference) == (first.settled_at, "POS-1")
    assert ComplaintHistory.objects.filter(kind=HistoryKind.SETTLEMENT_SETTLED).count() == 1


def test_only_the_cashier_settles(resolving, advisor, manager):
    line = _approved(resolving, advisor=advisor, manager=manager).settlement
    with pytest.raises(Forbidden) as refused:
        services.customer_settlement_settle(pk=line.pk, user=manager)
    assert refused.value.message == permissions.ONLY_THE_CASHIER_PAYS
    line.refresh_from_db()
    assert line.settled_at is None


def test_another_shops_cashier_does_not_find_it(resolving, advisor, manager, other_shop):
    from servicedesk.accounts.models import Role
    from tests.factories import staff

    line = _approved(resolving, advisor=advisor, manager=manager).settlement
    with pytest.raises(NotFound) as refused:
        services.customer_settlement_settle(
            pk=line.pk, user=staff("southcashier", other_shop, Role.CASHIER)
        )
    assert refused.value.message == NOT_FOUND


def test_what_the_page_offers_follows_the_same_rule(resolving, advisor, manager, cashier):
    line = _approved(resolving, advisor=advisor, manager=manager).settlement
    assert permissions.settlement_actions(line, cashier) == {"settle"}
    assert permissions.settlement_actions(line, manager) == frozenset()
    services.customer_settlement_settle(pk=line.pk, user=cashier)
    line.refresh_from_db()
    assert permissions.settlement_actions(line, cashier) == frozenset()

from decimal import Decimal

import pytest

from complaints import permissions, services
from complaints.models import ComplaintHistory, RemedyStatus
from complaints.services import errors as service_errors
from servicedesk.accounts.models import AuthorityLimit, Role
from servicedesk.errors import NOT_FOUND, Conflict, Forbidden, Invalid, NotFound
from tests.factories import staff

from . import factories as f


def _propose(c, by, kind="rework", amount="100"):
    return services.remedy_propose(complaint_pk=c.pk, user=by, kind=kind, amount=amount)


@pytest.mark.parametrize("kind", ["discount", "compensation", "refund"])
def test_money_remedies_always_need_approval(complaint, advisor, kind):
    assert _propose(complaint, advisor, kind, "1").status == RemedyStatus.PENDING


def test_others_within_the_proposers_limit_need_none(complaint, advisor):
    assert _propose(complaint, advisor, "rework", "200").status == RemedyStatus.NOT_REQUIRED


def test_others_above_the_proposers_limit_need_approval(complaint, advisor):
    assert _propose(complaint, advisor, "goodwill", "200.01").status == RemedyStatus.PENDING


def test_the_shops_own_limit_applies(complaint, advisor, shop):
    AuthorityLimit.objects.create(shop=shop, role=Role.ADVISOR, amount=Decimal("50"))
    assert _propose(complaint, advisor, "rework", "60").status == RemedyStatus.PENDING


def test_a_negative_amount_is_refused(complaint, advisor):
    with pytest.raises(Invalid) as err:
        _propose(complaint, advisor, "rework", "-1")
    assert err.value.message == service_errors.NEGATIVE_AMOUNT
    assert err.value.field == "amount"


def test_a_manager_approves(complaint, advisor, manager):
    remedy = _propose(complaint, advisor, "discount", "500")
    remedy = services.remedy_decide(pk=remedy.pk, user=manager, approve=True, note="ok")
    assert (remedy.status, remedy.decided_by) == (RemedyStatus.APPROVED, manager)
    assert ComplaintHistory.objects.filter(kind="remedy_approved").count() == 1


def test_a_manager_rejects(complaint, advisor, manager):
    remedy = _propose(complaint, advisor, "refund", "500")
    remedy = services.remedy_decide(pk=remedy.pk, user=manager, approve=False, note="too much")
    assert remedy.status == RemedyStatus.REJECTED and remedy.decision_note == "too much"


def test_it_refuses_a_second_approval(complaint, advisor, manager, second_manager):
    remedy = _propose(complaint, advisor, "discount", "500")
    services.remedy_decide(pk=remedy.pk, user=manager, approve=True)
    with pytest.raises(Conflict) as refused:
        services.remedy_decide(pk=remedy.pk, user=second_manager, approve=False)
    assert refused.value.message == service_errors.ALREADY_DECIDED % {"status": "Approved"}
    remedy.refresh_from_db()
    assert remedy.status == RemedyStatus.APPROVED and remedy.decided_by == manager
    assert (
        ComplaintHistory.objects.filter(kind__startswith="remedy_", kind__endswith="ed")
        .exclude(kind="remedy_proposed")
        .count()
        == 1
    )


def test_an_advisor_may_not_approve_their_own(complaint, advisor):
    remedy = _propose(complaint, advisor, "discount", "50")
    with pytest.raises(Forbidden) as refused:
        services.remedy_decide(pk=remedy.pk, user=advisor, approve=True)
    assert refused.value.message == permissions.NOT_THE_PROPOSER


# DESIGN.md: the approver is a manager, or the duty supervisor when no manager is on duty. An
# advisor's limit only spares their own small remedies an approval; it never lets them decide
# another's, however small, so the refusal is that they are no approver, not the amount.
@pytest.mark.parametrize("amount", ["1", "500"])
def test_an_advisor_may_not_decide_anothers_whatever_the_amount(shop, complaint, manager, amount):
    other_advisor = staff("advisor2", shop, Role.ADVISOR)
    remedy = _propose(complaint, manager, "discount", amount)
    with pytest.raises(Forbidden) as refused:
        services.remedy_decide(pk=remedy.pk, user=other_advisor, approve=True)
    assert refused.value.message == permissions.NOT_AN_APPROVER


def test_the_proposer_never_decides_even_a_manager(complaint, manager):
    remedy = _propose(complaint, manager, "discount", "500")
    with pytest.raises(Forbidden) as refused:
        services.remedy_decide(pk=remedy.pk, user=manager, approve=True)
    assert refused.value.message == permissions.NOT_THE_PROPOSER


def test_a_supervisor_is_refused_while_a_manager_is_on_duty(
    complaint, advisor, manager, supervisor
):
    remedy = _propose(complaint, advisor, "discount", "500")
    with pytest.raises(Forbidden) as err:
        services.remedy_decide(pk=remedy.pk, user=supervisor, approve=True)
    assert "manager is on duty" in str(err.value.message)


def test_the_duty_supervisor_approves_when_no_manager_is_on_duty(
    shop, complaint, advisor, manager, supervisor
):
    f.set_duty(manager, shop, False)
    remedy = _propose(complaint, advisor, "discount", "500")
    remedy = services.remedy_decide(pk=remedy.pk, user=supervisor, approve=True)
    assert remedy.status == RemedyStatus.APPROVED


def test_the_duty_supervisor_stays_within_their_limit(
    shop, complaint, advisor, manager, supervisor
):
    f.set_duty(manager, shop, False)
    remedy = _propose(complaint, advisor, "compensation", "2000.01")
    with pytest.raises(Forbidden) as refused:
        services.remedy_decide(pk=remedy.pk, user=supervisor, approve=True)
    assert refused.value.message == permissions.OVER_YOUR_LIMIT % {"limit": Decimal("2000")}


def test_a_supervisor_off_duty_may_not_decide(shop, complaint, advisor, manager, supervisor):
    f.set_duty(manager, shop, False)
    f.set_duty(supervisor, shop, False)
    remedy = _propose(complaint, advisor, "discount", "50")
    with pytest.raises(Forbidden) as refused:
        services.remedy_decide(pk=remedy.pk, user=supervisor, approve=True)
    assert refused.value.message == permissions.SUPERVISOR_NOT_ON_DUTY


def test_a_manager_of_another_shop_gets_not_found(complaint, advisor, other_manager):
    remedy = _propose(complaint, advisor, "discount", "50")
    with pytest.raises(NotFound) as refused:
        services.remedy_decide(pk=remedy.pk, user=other_manager, approve=True)
    assert refused.value.message == NOT_FOUND


def test_a_pending_remedy_notifies_the_approvers_on_duty(complaint, advisor, manager, supervisor):
    _propose(complaint, advisor, "discount", "50")
    assert manager.notifications.count() == 1
    assert supervisor.notifications.count() == 0

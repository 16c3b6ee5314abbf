import pytest

from complaints import services
from complaints.models import State
from complaints.services import errors as service_errors
from servicedesk.errors import Conflict, Invalid


def test_it_is_recorded_only_in_follow_up(complaint, advisor):
    with pytest.raises(Conflict) as refused:
        services.follow_up_record(complaint_pk=complaint.pk, user=advisor, reached=False)
    assert refused.value.message == service_errors.FOLLOW_UP_ONLY_IN_STATE


def test_reached_needs_an_opinion(complaint, advisor, carry):
    c = carry(complaint, State.FOLLOW_UP)
    with pytest.raises(Invalid) as refused:
        services.follow_up_record(complaint_pk=c.pk, user=advisor, reached=True)
    assert refused.value.message == service_errors.OPINION_REQUIRED
    with pytest.raises(Invalid) as refused:
        services.follow_up_record(complaint_pk=c.pk, user=advisor, reached=False, opinion="neutral")
    assert refused.value.message == service_errors.OPINION_WITHOUT_CONTACT


def test_it_counts_the_tries_left(complaint, advisor, carry):
    c = carry(complaint, State.FOLLOW_UP)
    services.follow_up_record(complaint_pk=c.pk, user=advisor, reached=False)
    assert services.follow_up_tries_left(c) == 2

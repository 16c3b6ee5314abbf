"""Roles as DESIGN.md and the seed say (issue 13.7): the manager determines the nature of the
problem; a service-content error is handled by the duty supervisor or the manager."""

import pytest

from complaints import services
from complaints.models import Complaint, State
from complaints.permissions import ONLY_A_MANAGER_DETERMINES, SERVICE_CONTENT_SUPERVISED
from servicedesk.errors import Forbidden


def _patch(client, complaint, **facts):
    complaint.refresh_from_db()
    body = {"version": complaint.version, **facts}
    return client.patch(f"/api/v1/complaints/{complaint.pk}/", body, format="json")


def test_an_advisor_may_not_determine_the_nature(api_as, advisor, complaint):
    r = _patch(api_as(advisor), complaint, nature="Pads fitted without grease")
    assert r.status_code == 403
    assert r.json()["detail"] == str(ONLY_A_MANAGER_DETERMINES)
    assert Complaint.objects.get(pk=complaint.pk).nature == ""


def test_the_manager_determines_the_nature(api_as, manager, complaint):
    r = _patch(api_as(manager), complaint, nature="Pads fitted without grease")
    assert r.status_code == 200 and r.json()["nature"] == "Pads fitted without grease"


def test_an_advisor_edits_the_other_facts_of_a_determined_complaint(
    api_as, advisor, manager, complaint
):
    _patch(api_as(manager), complaint, nature="Pads fitted without grease")
    r = _patch(api_as(advisor), complaint, nature="Pads fitted without grease", severity="critical")
    assert r.status_code == 200 and r.json()["severity"] == "critical"


def test_the_facts_form_keeps_the_nature_for_the_manager(browser_as, advisor, complaint):
    complaint.nature = "Determined by the manager"
    complaint.save(update_fields=["nature"])
    complaint.refresh_from_db()
    r = browser_as(advisor).post(
        f"/complaints/{complaint.pk}/edit/",
        {
            "version": complaint.version,
            "channel": complaint.channel,
            "severity": "critical",
            "customer_words": complaint.customer_words,
            "nature": "Rewritten by the advisor",
        },
    )
    assert r.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.severity, complaint.nature) == ("critical", "Determined by the manager")


@pytest.fixture
def content_error(advisor, complaint):
    """A complaint the advisor logged and classified as a service-content error."""
    return services.complaint_update(
        pk=complaint.pk, user=advisor, version=complaint.version, category="service_content_error"
    )


def test_an_advisor_does_not_handle_a_service_content_error(advisor, content_error):
    with pytest.raises(Forbidden) as refused:
        services.complaint_transition(pk=content_error.pk, user=advisor, to=State.INVESTIGATING)
    assert refused.value.message == SERVICE_CONTENT_SUPERVISED
    with pytest.raises(Forbidden) as refused:
        services.remedy_propose(
            complaint_pk=content_error.pk, user=advisor, kind="apology", amount=0
        )
    assert refused.value.message == SERVICE_CONTENT_SUPERVISED


def test_the_duty_supervisor_handles_a_service_content_error(supervisor, content_error):
    moved = services.complaint_transition(
        pk=content_error.pk, user=supervisor, to=State.INVESTIGATING
    )
    assert moved.state == State.INVESTIGATING


def test_the_manager_handles_a_service_content_error(api_as, manager, content_error):
    r = api_as(manager).post(
        f"/api/v1/complaints/{content_error.pk}/transition/", {"to": "investigating"}, format="json"
    )
    assert r.status_code == 200


def test_the_advisor_is_refused_a_service_content_error_through_the_api(
    api_as, advisor, content_error
):
    r = api_as(advisor).post(
        f"/api/v1/complaints/{content_error.pk}/transition/", {"to": "investigating"}, format="json"
    )
    assert r.status_code == 403 and r.json()["detail"] == str(SERVICE_CONTENT_SUPERVISED)


def test_a_role_that_never_opens_complaints_is_refused_before_its_body(api_as, reporting):
    r = api_as(reporting).post("/api/v1/complaints/", {}, format="json")
    assert r.status_code == 403


@pytest.mark.parametrize("role", ["technician", "quality", "cashier"])
def test_an_employee_who_takes_in_no_customer_complaint_still_reports_internal_ones(
    request, api_as, role
):
    """Seed 003 §1: every employee reports a nonconformity; taking in a customer's complaint
    stays the handlers'."""
    api = api_as(request.getfixturevalue(role))
    body = {"customer_words": "Brakes squeal", "channel": "phone"}
    assert api.post("/api/v1/complaints/", body, format="json").status_code == 403
    body["source"] = "internal"
    assert api.post("/api/v1/complaints/", body, format="json").status_code == 201

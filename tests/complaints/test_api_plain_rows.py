"""The complaint list and detail answer from ``ComplaintSerializer.to_representation``, which reads
the complaint plainly: what they answer is what DRF's walk field by field answered, key for key
and value for value, in every state and for every role that reads it."""

import json
from types import SimpleNamespace

import pytest
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from complaints import services
from complaints.models import Complaint
from complaints.serializers import ComplaintSerializer
from tests.complaints.factories import ComplaintFactory
from tests.vehicles.factories import CustomerFactory, SupplierFactory, VehicleFactory


def _walked(complaint, user) -> dict:
    """The complaint as DRF's ModelSerializer walks it, rendered by DRF's own JSON renderer."""
    serializer = ComplaintSerializer(complaint, context={"request": SimpleNamespace(user=user)})
    walked = serializers.ModelSerializer.to_representation(serializer, complaint)
    return json.loads(JSONRenderer().render(walked))


@pytest.fixture
def complaints(shop, advisor, manager, carry):
    """Complaints in the shapes an answer takes: fresh, with nulls and no customer on file; on
    file with a vehicle; paused; signed by the customer; the supplier's fault; closed; reopened;
    a service-content error (the supervisors' and managers' to handle)."""
    fresh = ComplaintFactory(shop=shop, user=advisor, customer_name="Walk-in")
    customer = CustomerFactory(shop=shop, name="Zhou Min")
    on_file = ComplaintFactory(
        shop=shop,
        user=advisor,
        customer=customer,
        vehicle=VehicleFactory(owner=customer, shop=shop),
        requested_remedy="Fix it \u2028 today",
    )
    paused = ComplaintFactory(shop=shop, user=advisor)
    services.complaint_pause(
        pk=paused.pk, user=advisor, version=paused.version, reason="waiting_for_parts"
    )
    signed = carry(ComplaintFactory(shop=shop, user=advisor, customer=customer), "follow_up")
    supplier = ComplaintFactory(shop=shop, user=advisor)
    supplier = services.complaint_update(
        pk=supplier.pk,
        user=advisor,
        version=supplier.version,
        responsibility="supplier",
        supplier_pk=SupplierFactory(shop=shop, name="Brakes Ltd").pk,
    )
    closed = carry(ComplaintFactory(shop=shop, user=advisor, customer_name="陈先生"), "closed")
    reopened = carry(ComplaintFactory(shop=shop, user=advisor), "closed")
    reopened = services.complaint_transition(
        pk=reopened.pk, user=manager, to=services.REOPEN, note="Squeals again"
    )
    content = ComplaintFactory(shop=shop, user=advisor)
    services.complaint_update(
        pk=content.pk,
        user=advisor,
        version=content.version,
        category="service_content_error",
    )
    made = [fresh, on_file, paused, signed, supplier, closed, reopened, content]
    return [Complaint.objects.get(pk=c.pk) for c in made]


@pytest.fixture
def readers(advisor, manager, supervisor, quality, cashier, technician):
    return [advisor, manager, supervisor, quality, cashier, technician]


def test_the_list_answers_what_the_serializer_walked(api_as, complaints, readers):
    for user in readers:
        rows = api_as(user).get("/api/v1/complaints/").json()["results"]
        assert len(rows) == len(complaints)
        for row in rows:
            walked = _walked(Complaint.objects.get(pk=row["id"]), user)
            assert list(row) == list(walked)
            assert row == walked, (user.username, row["state"])


def test_a_browsers_session_reads_the_same(browser_as, complaints, advisor, manager):
    """Signed in by a session, the caller is Django's lazy stand-in for the user."""
    for user in (advisor, manager):
        rows = browser_as(user).get("/api/v1/complaints/").json()["results"]
        assert rows == [_walked(Complaint.objects.get(pk=row["id"]), user) for row in rows]
        assert {row["id"] for row in rows} == {c.pk for c in complaints}


def test_the_detail_answers_what_the_serializer_walked(api_as, complaints, readers):
    for user in readers:
        api = api_as(user)
        for complaint in complaints:
            body = api.get(f"/api/v1/complaints/{complaint.pk}/").json()
            walked = _walked(Complaint.objects.get(pk=complaint.pk), user)
            assert list(body) == list(walked)
            assert body == walked, (user.username, complaint.state)


def test_the_shapes_are_the_ones_meant(complaints, advisor):
    fresh, on_file, paused, signed, supplier, closed, reopened, content = (
        ComplaintSerializer(c, context={"request": SimpleNamespace(user=advisor)}).data
        for c in complaints
    )
    assert fresh["customer"] is None and fresh["customer_display"] == "Walk-in"
    assert fresh["first_responded_at"] is None and fresh["allowed_actions"]
    assert on_file["customer_display"] == "Zhou Min" and on_file["vehicle"]
    assert paused["paused_since"] and paused["pause_reason"] == "waiting_for_parts"
    assert signed["signed"] is True and signed["confirmed_at"]
    assert supplier["supplier"] and supplier["responsibility"] == "supplier"
    assert closed["closed_at"] and closed["state"] == "closed"
    assert reopened["reopen_count"] == 1
    assert content["category"] == "service_content_error"


def test_without_a_request_no_actions_are_offered(complaints):
    data = ComplaintSerializer(complaints[0]).data
    assert data["allowed_actions"] == []

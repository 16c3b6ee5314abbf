"""``POST /api/v1/complaints/`` with ``"source": "internal"``: any employee, no customer."""

from complaints.models import Complaint


def _post(api, **body):
    return api.post(
        "/api/v1/complaints/",
        {"source": "internal", "customer_words": "Oil on the floor of bay 2", **body},
        format="json",
    )


def test_a_technician_raises_one_over_the_api(api_as, technician):
    r = _post(api_as(technician))
    assert r.status_code == 201, r.json()
    body = r.json()
    assert (body["source"], body["state"], body["customer"], body["channel"]) == (
        "internal",
        "received",
        None,
        "in_person",
    )
    assert Complaint.objects.get().received_by == technician


def test_a_customer_complaint_still_needs_a_channel_and_a_handler(api_as, advisor, technician):
    r = api_as(advisor).post(
        "/api/v1/complaints/", {"customer_words": "Brakes squeal"}, format="json"
    )
    assert r.status_code == 400 and "channel" in r.json()
    r = api_as(technician).post(
        "/api/v1/complaints/", {"customer_words": "Brakes", "channel": "phone"}, format="json"
    )
    assert r.status_code == 403


def test_the_reporting_client_may_not(api_as, reporting):
    assert _post(api_as(reporting)).status_code == 403


def test_another_shop_is_not_found(api_as, technician, other_shop):
    assert _post(api_as(technician), shop=other_shop.pk).status_code == 404
    assert not Complaint.objects.exists()

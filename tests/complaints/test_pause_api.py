"""POST /api/v1/complaints/{id}/pause/ and /resume/: the complaint shows paused_since, the
reason and its due times; another shop's complaint is 404."""

from complaints.models import HistoryKind


def test_it_pauses_and_resumes_through_the_api(api_as, advisor, complaint):
    api = api_as(advisor)
    url = f"/api/v1/complaints/{complaint.pk}/"
    r = api.post(
        url + "pause/",
        {"version": complaint.version, "reason": "waiting_for_customer", "note": "Abroad"},
        format="json",
    )
    assert r.status_code == 200, r.json()
    body = r.json()
    assert body["paused_since"] and body["pause_reason"] == "waiting_for_customer"
    assert "resume" in body["allowed_actions"] and "pause" not in body["allowed_actions"]
    assert not body["overdue"]
    r = api.post(url + "resume/", {"version": body["version"]}, format="json")
    assert r.status_code == 200, r.json()
    body = r.json()
    assert body["paused_since"] is None and body["pause_reason"] == ""
    assert {"first_response_due", "resolution_due"} <= set(body)
    kinds = [row["kind"] for row in api.get(url + "history/").json()["results"]]
    assert HistoryKind.PAUSED in kinds and HistoryKind.RESUMED in kinds


def test_a_second_pause_is_409_and_a_bad_reason_400(api_as, advisor, complaint):
    api = api_as(advisor)
    url = f"/api/v1/complaints/{complaint.pk}/pause/"
    r = api.post(url, {"version": complaint.version, "reason": "lunch"}, format="json")
    assert r.status_code == 400
    r = api.post(url, {"version": complaint.version, "reason": "other"}, format="json")
    assert r.status_code == 200
    r = api.post(url, {"version": r.json()["version"], "reason": "other"}, format="json")
    assert r.status_code == 409
    r = api.post(url.replace("pause", "resume"), {"version": 1}, format="json")
    assert r.status_code == 409  # a stale copy


def test_another_shops_complaint_cannot_be_paused(api_as, outsider, complaint):
    r = api_as(outsider).post(
        f"/api/v1/complaints/{complaint.pk}/pause/",
        {"version": complaint.version, "reason": "other"},
        format="json",
    )
    assert r.status_code == 404

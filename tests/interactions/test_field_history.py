"""Field edits of an interaction are kept (django-simple-history) with who made them, whether
the edit came through the service, a page or the API."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from interactions.services import customer_profile_learn, interaction_update


def latest(record):
    return record.history.first()


def changed(row) -> list[str]:
    return sorted(row.diff_against(row.prev_record).changed_fields)


def test_a_service_edit_records_the_changed_field_and_who_made_it(advisor, walk_in):
    interaction_update(user=advisor, pk=walk_in.pk, fields={"cue_upset": True}, version=1)
    row = latest(walk_in)
    assert row.history_type == "~" and changed(row) == ["cue_upset", "version"]
    assert row.history_user == advisor


def test_the_stage_page_records_the_signed_in_user(browser_as, advisor, walk_in):
    answer = browser_as(advisor).post(
        reverse("interactions:stage", args=[walk_in.pk]),
        {"wait_seconds": "30", "greet_notes": "Nervous", "version": 1, "then": "save"},
        HTTP_HX_REQUEST="true",
    )
    assert answer.status_code == 200, answer.content.decode()[:2000]
    row = latest(walk_in)
    assert "greet_notes" in changed(row) and row.history_user == advisor


def test_the_api_records_the_authenticated_user(api_as, advisor, walk_in):
    answer = api_as(advisor).patch(
        f"/api/v1/interactions/{walk_in.pk}/", {"cue_upset": True, "version": 1}, format="json"
    )
    assert answer.status_code == 200, answer.content
    row = latest(walk_in)
    assert changed(row) == ["cue_upset", "version"] and row.history_user == advisor


def test_what_the_profile_learns_is_kept_with_who_learned_it(advisor, customer):
    customer_profile_learn(user=advisor, customer_pk=customer.pk, changes={"wants_ride": True})
    row = latest(customer)
    assert changed(row) == ["wants_ride"] and row.history_user == advisor


def test_the_admin_shows_who_changed_what_and_offers_no_revert(client, advisor, walk_in):
    interaction_update(user=advisor, pk=walk_in.pk, fields={"greet_notes": "Nervous"}, version=1)
    root = get_user_model().objects.create_superuser("root", "root@example.invalid", "pw")
    client.force_login(root)
    url = f"/admin/interactions/interaction/{walk_in.pk}/history/"
    page = client.get(url)
    assert page.status_code == 200 and advisor.username in page.content.decode()
    row = latest(walk_in)
    revert = client.post(f"{url}{row.history_id}/", {"greet_notes": "", "version": 1})
    assert revert.status_code == 403
    walk_in.refresh_from_db()
    assert walk_in.greet_notes == "Nervous"

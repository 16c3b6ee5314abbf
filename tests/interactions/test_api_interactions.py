import pytest
from django.utils import timezone

from interactions.models import Interaction, Stage
from servicedesk.notifications.models import Notification
from tests.vehicles.factories import CustomerFactory, VehicleFactory

from .factories import InteractionFactory

URL = "/api/v1/interactions/"


def test_a_client_runs_a_walk_in_from_greet_to_closed(api_as, advisor, customer):
    api = api_as(advisor)
    car = VehicleFactory(owner=customer)
    opened = api.post(
        URL,
        {"channel": "walk_in", "customer": customer.pk, "vehicle": car.pk, "wait_seconds": 30},
        format="json",
    )
    assert opened.status_code == 201, opened.json()
    pk = opened.json()["id"]
    assert opened.json()["stage"] == "greet" and opened.json()["wait_seconds"] == 30
    steps = [
        {"stage": "know_need", "need_in_customer_words": "Squeal", "main_concern": "time"},
        {"stage": "confirm", "agreed_work": "Pads", "customer_agreed": True, "estimate": "480"},
        {"stage": "help", "delivered_summary": "Pads replaced"},
        {"stage": "keep", "satisfaction": 5, "thanked": True, "next_visit_on": "2027-03-01"},
        {"stage": "closed"},
    ]
    for step in steps:
        answer = api.post(f"{URL}{pk}/advance/", step, format="json")
        assert answer.status_code == 200, answer.json()
        assert answer.json()["stage"] == step["stage"]
    body = api.get(f"{URL}{pk}/").json()
    assert body["outcome"] == "completed" and body["estimate"] == "480.00"
    assert body["next_visit_on"] == "2027-03-01"


def test_out_of_order_is_409_and_changes_nothing(api_as, advisor, walk_in):
    answer = api_as(advisor).post(f"{URL}{walk_in.pk}/advance/", {"stage": "keep"}, format="json")
    assert answer.status_code == 409 and "next" in answer.json()["detail"]
    walk_in.refresh_from_db()
    assert walk_in.stage == Stage.GREET


def test_a_score_outside_1_to_5_is_400(api_as, advisor, walk_in):
    Interaction.objects.filter(pk=walk_in.pk).update(
        stage="help", agreed_work="x", customer_agreed=True
    )
    answer = api_as(advisor).post(
        f"{URL}{walk_in.pk}/advance/", {"stage": "keep", "satisfaction": 7}, format="json"
    )
    assert answer.status_code == 400 and "satisfaction" in answer.json()


def test_leaving_confirm_without_agreement_is_400(api_as, advisor, walk_in):
    Interaction.objects.filter(pk=walk_in.pk).update(stage="confirm", agreed_work="Pads")
    answer = api_as(advisor).post(f"{URL}{walk_in.pk}/advance/", {"stage": "help"}, format="json")
    assert answer.status_code == 400 and "customer_agreed" in answer.json()


def test_an_early_close_with_an_outcome(api_as, advisor, walk_in):
    answer = api_as(advisor).post(
        f"{URL}{walk_in.pk}/advance/", {"stage": "closed", "outcome": "answered"}, format="json"
    )
    assert answer.status_code == 200 and answer.json()["outcome"] == "answered"


def test_a_closed_interaction_cannot_be_edited(api_as, advisor, walk_in):
    Interaction.objects.filter(pk=walk_in.pk).update(stage="closed", outcome="answered")
    api = api_as(advisor)
    assert api.patch(f"{URL}{walk_in.pk}/", {"greet_notes": "x"}, format="json").status_code == 409
    advance = api.post(f"{URL}{walk_in.pk}/advance/", {"stage": "know_need"}, format="json")
    assert advance.status_code == 409


def test_patch_edits_the_current_stage_and_refuses_a_stale_copy(api_as, advisor, walk_in):
    api = api_as(advisor)
    first = api.patch(f"{URL}{walk_in.pk}/", {"cue_upset": True, "version": 1}, format="json")
    assert first.status_code == 200 and first.json()["version"] == 2
    stale = api.patch(f"{URL}{walk_in.pk}/", {"cue_upset": False, "version": 1}, format="json")
    assert stale.status_code == 409


def test_escalate_needs_a_reason_and_notifies_the_manager(api_as, advisor, manager, walk_in):
    api = api_as(advisor)
    empty = api.post(f"{URL}{walk_in.pk}/escalate/", {"reason": ""}, format="json")
    assert empty.status_code == 400 and "reason" in empty.json()
    made = api.post(f"{URL}{walk_in.pk}/escalate/", {"reason": "Wants a loaner"}, format="json")
    assert made.status_code == 201 and made.json()["assigned_to"] == manager.pk
    assert Notification.objects.filter(recipient=manager, kind="escalation").count() == 1


def test_the_manager_responds_over_the_api(api_as, advisor, manager, walk_in):
    made = api_as(advisor).post(
        f"{URL}{walk_in.pk}/escalate/", {"reason": "Wants a loaner"}, format="json"
    )
    pk = made.json()["id"]
    api = api_as(manager)
    queue = api.get("/api/v1/escalations/?open=1").json()
    assert [row["id"] for row in queue["results"]] == [pk]
    answer = api.post(f"/api/v1/escalations/{pk}/respond/", {"response": "Ride"}, format="json")
    assert answer.status_code == 200 and answer.json()["response"] == "Ride"
    again = api.post(f"/api/v1/escalations/{pk}/respond/", {"response": "x"}, format="json")
    assert again.status_code == 409
    assert Notification.objects.filter(recipient=advisor, kind="escalation_response").exists()


def test_an_advisor_cannot_respond(api_as, advisor, manager, walk_in):
    made = api_as(advisor).post(f"{URL}{walk_in.pk}/escalate/", {"reason": "x"}, format="json")
    answer = api_as(advisor).post(
        f"/api/v1/escalations/{made.json()['id']}/respond/", {"response": "x"}, format="json"
    )
    assert answer.status_code == 403


def test_another_shops_interaction_is_404_everywhere(api_as, advisor, theirs):
    api = api_as(advisor)
    assert api.get(f"{URL}{theirs.pk}/").status_code == 404
    assert api.patch(f"{URL}{theirs.pk}/", {"cue_upset": True}, format="json").status_code == 404
    for path, body in (("advance", {"stage": "know_need"}), ("escalate", {"reason": "x"})):
        assert api.post(f"{URL}{theirs.pk}/{path}/", body, format="json").status_code == 404
    theirs.refresh_from_db()
    assert theirs.stage == Stage.GREET and not theirs.escalations.exists()


def test_another_shops_escalation_is_404(api_as, other_shop, manager, advisor, walk_in):
    from servicedesk.accounts.models import Role
    from tests.factories import staff

    # A manager of the other shop: one who answers escalations, only not this shop's.
    outsider = staff("southmanager", other_shop, Role.MANAGER)
    made = api_as(advisor).post(f"{URL}{walk_in.pk}/escalate/", {"reason": "x"}, format="json")
    answer = api_as(outsider).post(
        f"/api/v1/escalations/{made.json()['id']}/respond/", {"response": "x"}, format="json"
    )
    assert answer.status_code == 404


def test_opening_with_another_shops_customer_is_400(api_as, advisor, other_shop):
    theirs = CustomerFactory(shop=other_shop)
    answer = api_as(advisor).post(URL, {"channel": "walk_in", "customer": theirs.pk}, format="json")
    assert answer.status_code == 400 and "customer" in answer.json()


def test_the_list_hides_other_shops_and_filters(api_as, advisor, walk_in, theirs, shop):
    InteractionFactory(customer=CustomerFactory(shop=shop), advisor=advisor, stage="keep")
    api = api_as(advisor)
    ids = [row["id"] for row in api.get(URL).json()["results"]]
    assert theirs.pk not in ids and walk_in.pk in ids and len(ids) == 2
    greet = api.get(f"{URL}?stage=greet").json()["results"]
    assert [row["id"] for row in greet] == [walk_in.pk]
    mine = api.get(f"{URL}?customer={walk_in.customer_id}&advisor={advisor.pk}").json()
    assert mine["count"] == 1
    today = timezone.localtime(walk_in.greet_at).date().isoformat()
    assert api.get(f"{URL}?date={today}").json()["count"] >= 1


@pytest.mark.parametrize("rows", [5, 30])
def test_the_list_query_count_does_not_grow(
    api_as, advisor, shop, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        InteractionFactory(customer=CustomerFactory(shop=shop), advisor=advisor)
    api = api_as(advisor)
    with django_assert_max_num_queries(6):
        assert api.get(URL).status_code == 200

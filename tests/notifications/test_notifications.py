import pytest
from django.urls import reverse

from servicedesk.notifications import messages
from servicedesk.notifications.models import Notification
from servicedesk.notifications.services import notification_send
from tests.factories import staff

# A message of the tests' own: the title is a parameter shown as given.
SAID = messages.define("tests.said", title="%(title)s")


@pytest.fixture
def note(advisor, shop):
    return notification_send(
        recipient=advisor,
        shop_id=shop.pk,
        kind="escalation",
        message=SAID,
        params={"title": "Answer the customer"},
        url="/",
    )


def test_a_keyed_notification_is_stored_once(advisor, shop):
    first = notification_send(
        recipient=advisor,
        shop_id=shop.pk,
        kind="k",
        message=SAID,
        params={"title": "t"},
        key="reminder:1",
    )
    second = notification_send(
        recipient=advisor,
        shop_id=shop.pk,
        kind="k",
        message=SAID,
        params={"title": "t"},
        key="reminder:1",
    )
    assert first is not None and second is None
    assert Notification.objects.count() == 1


def test_the_bell_shows_the_unread_count(browser_as, advisor, note):
    body = browser_as(advisor).get(reverse("home")).content.decode()
    assert 'id="bell-count">1<' in body


def test_opening_a_notification_marks_it_read_and_follows_its_link(browser_as, advisor, note):
    response = browser_as(advisor).post(reverse("notifications:read", args=[note.pk]))
    assert response.status_code == 302 and response["Location"] == "/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_mark_all_read(browser_as, advisor, note):
    browser_as(advisor).post(reverse("notifications:read-all"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_someone_elses_notification_is_not_found(browser_as, shop, note):
    other = staff("other-advisor", shop, "advisor")
    assert browser_as(other).post(reverse("notifications:read", args=[note.pk])).status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_the_list_page_shows_only_mine(browser_as, advisor, shop, note):
    other = staff("other-advisor", shop, "advisor")
    notification_send(
        recipient=other,
        shop_id=shop.pk,
        kind="k",
        message=SAID,
        params={"title": "Not for the advisor"},
    )
    body = browser_as(advisor).get(reverse("notifications:list")).content.decode()
    assert "Answer the customer" in body and "Not for the advisor" not in body


def test_the_api_lists_and_marks_read(api_as, advisor, note):
    api = api_as(advisor)
    body = api.get("/api/v1/notifications/?unread=1").json()
    assert body["count"] == 1 and body["results"][0]["title"] == "Answer the customer"
    assert api.post(f"/api/v1/notifications/{note.pk}/read/").status_code == 200
    assert api.get("/api/v1/notifications/?unread=1").json()["count"] == 0


def test_the_api_hides_anothers_notification(api_as, outsider, note):
    assert api_as(outsider).post(f"/api/v1/notifications/{note.pk}/read/").status_code == 404


@pytest.mark.parametrize("rows", [5, 30])
def test_the_list_page_queries_do_not_grow_with_rows(
    browser_as, advisor, shop, rows, django_assert_max_num_queries
):
    for i in range(rows):
        notification_send(
            recipient=advisor, shop_id=shop.pk, kind="k", message=SAID, params={"title": f"n{i}"}
        )
    client = browser_as(advisor)
    with django_assert_max_num_queries(9):
        assert client.get(reverse("notifications:list")).status_code == 200


def test_each_reader_sees_a_notification_in_their_own_language(
    browser_as, api_as, advisor, manager, shop
):
    """The shop is Chinese, the advisor escalates in English; the manager reads in either."""
    from django.utils import translation

    from interactions import services as interaction_services
    from tests.interactions.factories import InteractionFactory
    from tests.vehicles.factories import CustomerFactory

    shop.language = "zh-hans"
    shop.save(update_fields=["language"])
    interaction = InteractionFactory(customer=CustomerFactory(shop=shop), advisor=advisor)
    with translation.override("en"):
        interaction_services.interaction_escalate(
            user=advisor, pk=interaction.pk, reason="Wants a free loaner car"
        )
    client = browser_as(manager)
    client.cookies["django_language"] = "en"
    english = client.get("/notifications/").content.decode()
    assert "Escalation from" in english and "的上报" not in english
    client.cookies["django_language"] = "zh-hans"
    chinese = client.get("/notifications/").content.decode()
    assert "的上报" in chinese and "Escalation from" not in chinese
    assert "Wants a free loaner car" in chinese  # the advisor's own words, as written
    rows = api_as(manager).get("/api/v1/notifications/", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert "的上报" in rows["results"][0]["title"]

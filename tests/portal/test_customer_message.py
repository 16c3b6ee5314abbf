"""The customer writes from the link: the message lands on the communication log, in the
audit and the work order's history, and notifies the advisor."""

from interactions.models import CommunicationLog
from portal import services
from portal.models import CustomerLinkEvent
from portal.services import errors as E
from servicedesk.notifications.models import Notification


def test_the_message_lands_on_the_log_and_notifies_the_advisor(client, advisor, visit, link):
    answer = client.post(f"/c/{link.token}/", {"body": "Can you also check the wipers?"})
    assert answer.status_code == 302
    entry = CommunicationLog.objects.get()
    assert entry.summary == "Can you also check the wipers?"
    assert (entry.direction, entry.channel, entry.by) == ("inbound", "link", None)
    assert (entry.customer, entry.vehicle, entry.work_order) == (
        visit.customer,
        visit.vehicle,
        visit,
    )
    notification = Notification.objects.get(recipient=advisor)
    assert "Lin Hua" in notification.title and visit.number in notification.title
    assert notification.body == "Can you also check the wipers?"
    event = CustomerLinkEvent.objects.get(kind="message")
    assert event.by_customer and event.actor is None
    page = client.get(answer["Location"]).content.decode()
    assert "your message was sent" in page


def test_the_advisor_reads_it_on_the_customers_timeline_and_the_history(
    client, advisor, visit, link
):
    client.post(f"/c/{link.token}/", {"body": "Please call me after 5pm"})
    client.force_login(advisor)
    customer_page = client.get(f"/customers/{visit.customer_id}/").content.decode()
    assert "Please call me after 5pm" in customer_page
    wo_page = client.get(f"/work-orders/{visit.pk}/").content.decode()
    history = wo_page.split('id="work-order-history"')[1].split("</ul>")[0]
    assert "Message from the customer" in history and "Please call me after 5pm" in history


def test_an_empty_message_is_refused_and_nothing_saved(client, link):
    answer = client.post(f"/c/{link.token}/", {"body": "   "})
    assert answer.status_code == 400
    assert not CommunicationLog.objects.exists()
    assert not CustomerLinkEvent.objects.filter(kind="message").exists()


def test_a_message_on_a_revoked_link_is_404_and_saves_nothing(client, advisor, link):
    services.customer_link_revoke(user=advisor, pk=link.pk)
    answer = client.post(f"/c/{link.token}/", {"body": "hello"})
    assert answer.status_code == 404
    assert not CommunicationLog.objects.exists()


def test_the_service_refuses_a_link_revoked_meanwhile(advisor, link):
    services.customer_link_revoke(user=advisor, pk=link.pk)
    try:
        services.customer_link_message(link_pk=link.pk, body="hello")
    except Exception as refused:  # noqa: BLE001
        assert refused.message == E.LINK_REVOKED
    else:
        raise AssertionError("a revoked link took a message")

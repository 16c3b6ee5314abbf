"""The advisor sends, re-sends and revokes the link from the work order's page and the
interaction's (help stage), and sees when the customer opened it."""

from interactions.models import Interaction, Stage
from portal import services
from portal.models import CustomerLink, CustomerLinkEvent
from servicedesk.outbox.models import OutboundMessage
from tests.interactions.factories import InteractionFactory


def _page(client, user, visit):
    client.force_login(user)
    return client.get(f"/work-orders/{visit.pk}/").content.decode()


def test_the_work_order_page_offers_to_send_the_link(client, advisor, visit):
    page = _page(client, advisor, visit)
    assert 'id="customer-link"' in page
    assert "Send the link" in page


def test_sending_from_the_page_sends_and_comes_back(client, advisor, visit):
    client.force_login(advisor)
    back = f"/work-orders/{visit.pk}/"
    answer = client.post(
        f"/work-orders/{visit.pk}/customer-link/send/", {"channel": "email", "next": back}
    )
    assert answer.status_code == 302 and answer["Location"] == back
    message = OutboundMessage.objects.get()
    assert message.channel == "email" and message.to == "lin@example.invalid"
    page = client.get(back).content.decode()
    assert CustomerLink.objects.get().token in page
    assert "Send again" in page


def test_the_advisor_sees_when_the_customer_opened_it(client, advisor, visit, link):
    assert "Opened by the customer: <span" in " ".join(_page(client, advisor, visit).split())
    client.logout()
    client.get(f"/c/{link.token}/")
    link.refresh_from_db()
    page = _page(client, advisor, visit)
    assert link.first_opened_at is not None
    opened = page.split('id="customer-link-opened"')[1].split("</li>")[0]
    assert "not opened yet" not in opened
    # … and the opening is in the work order's history, as by the customer.
    history = page.split('id="work-order-history"')[1].split("</ul>")[0]
    assert "Link opened by the customer" in history
    assert "the customer, via their link" in history


def test_revoking_from_the_page(client, advisor, visit, link):
    client.force_login(advisor)
    answer = client.post(
        f"/customer-links/{link.pk}/revoke/", {"next": f"/work-orders/{visit.pk}/"}
    )
    assert answer.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
    client.logout()
    assert client.get(f"/c/{link.token}/").status_code == 404


def test_another_shops_advisor_can_neither_send_nor_revoke(client, outsider, visit, link):
    client.force_login(outsider)
    assert client.post(f"/work-orders/{visit.pk}/customer-link/send/").status_code == 404
    assert client.post(f"/customer-links/{link.pk}/revoke/").status_code == 404
    assert not OutboundMessage.objects.exists()
    assert CustomerLink.objects.get().revoked_at is None


def test_a_technician_sees_the_link_but_no_buttons(client, technician, visit, link):
    page = _page(client, technician, visit)
    assert 'id="customer-link"' in page
    assert 'id="customer-link-send"' not in page
    assert services.customer_link_actions(link, technician) == frozenset({"view"})


def test_the_interaction_at_help_offers_the_link(client, shop, advisor, visit):
    interaction = InteractionFactory(advisor=advisor, customer=visit.customer)
    Interaction.objects.filter(pk=interaction.pk).update(
        stage=Stage.HELP, work_order=visit, vehicle=visit.vehicle
    )
    client.force_login(advisor)
    page = client.get(f"/interactions/{interaction.pk}/").content.decode()
    assert 'id="customer-link"' in page
    back = f"/interactions/{interaction.pk}/"
    answer = client.post(f"/work-orders/{visit.pk}/customer-link/send/", {"next": back})
    assert answer["Location"] == back
    assert OutboundMessage.objects.filter(kind="customer_link").count() == 1
    assert CustomerLinkEvent.objects.filter(kind="sent", actor=advisor).count() == 1

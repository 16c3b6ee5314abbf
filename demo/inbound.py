"""Demo: what came in today — the shop's addresses, a customer's text answering the shop, a
question from someone not on file (it waits in the inbox for staff to file it) and a complaint
emailed to the complaints address (opened at received and acknowledged). Each goes through the
same service as the webhooks and the mailbox job; a second run finds the messages recorded and
records nothing again."""

from datetime import timedelta

from django.utils import timezone

from interactions.models import CommunicationChannel, InboundAddress, InboundPurpose
from interactions.services.inbound import inbound_receive

SERVICE = "service@north.demo.invalid"
COMPLAINTS = "complaints@north.demo.invalid"
TEXTS_TO = "+8610010010000"


def _addresses(shop) -> None:
    """The shop's addresses, as its manager enters them in the admin."""
    for address, purpose in (
        (SERVICE, InboundPurpose.GENERAL),
        (COMPLAINTS, InboundPurpose.COMPLAINTS),
        (TEXTS_TO, InboundPurpose.GENERAL),
    ):
        InboundAddress.objects.get_or_create(
            address=address, defaults={"shop": shop, "purpose": purpose}
        )


def seed(ctx) -> None:
    _addresses(ctx.shop)
    now = timezone.now()
    # 李娜 answers the shop's text about her Sylphy: matched by her number, on her log.
    inbound_receive(
        channel=CommunicationChannel.SMS,
        provider="demo",
        provider_id="demo-sms-1",
        sender="+8613900139002",
        recipients=(TEXTS_TO,),
        text="好的，我下午五点来取车。",
        received_at=now - timedelta(minutes=40),
    )
    # Someone not on file asks a question: it waits in the inbox for staff to file it.
    inbound_receive(
        channel=CommunicationChannel.EMAIL,
        provider="demo",
        provider_id="demo-mail-1",
        message_id="<demo-question-1@mail.demo.invalid>",
        sender="wang.fang@mail.demo.invalid",
        sender_name="王芳",
        recipients=(SERVICE,),
        subject="Tyre change price?",
        text="Hello, how much are four winter tyres fitted on a Corolla? Thanks, Wang Fang",
        received_at=now - timedelta(minutes=25),
    )
    # Emily emails the complaints address: a complaint opens at received, acknowledged to her.
    inbound_receive(
        channel=CommunicationChannel.EMAIL,
        provider="demo",
        provider_id="demo-mail-2",
        message_id="<demo-complaint-1@mail.demo.invalid>",
        sender="emily@example.invalid",
        sender_name="Emily",
        recipients=(COMPLAINTS,),
        subject="Oil on my driveway after the service",
        text=(
            "Since the service on Monday there is a small oil stain under the car every "
            "morning. Please have a look; I can bring it in tomorrow."
        ),
        received_at=now - timedelta(minutes=10),
    )

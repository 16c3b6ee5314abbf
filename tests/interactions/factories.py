"""factory_boy factories of the interactions app, made through the app's services (``_create``
calls them) so test data passes the same checks as real data; the records of the layers below
come from their own factories (``tests.vehicles.factories``)."""

import factory

from interactions import services
from interactions.models import (
    CannedReply,
    CommunicationLog,
    Escalation,
    Interaction,
    InteractionChannel,
)
from tests.factories import as_ids
from tests.vehicles.factories import CustomerFactory


class InteractionFactory(factory.django.DjangoModelFactory):
    """Through ``interaction_open`` by ``advisor``, at greet; give ``customer`` or ``shop``
    (``customer=None`` with ``shop``: a walk-in not yet known)."""

    class Meta:
        model = Interaction

    customer = factory.SubFactory(CustomerFactory, shop=factory.SelfAttribute("..shop"))
    shop = factory.LazyAttribute(lambda o: o.customer.shop)
    vehicle = None
    channel = InteractionChannel.WALK_IN
    greet_at = None

    @classmethod
    def _create(cls, model_class, *, shop, advisor, customer, vehicle, channel, greet_at, **later):
        interaction = services.interaction_open(
            user=advisor,
            shop_id=shop.pk,
            channel=channel,
            customer_pk=None if customer is None else customer.pk,
            vehicle_pk=None if vehicle is None else vehicle.pk,
            at=greet_at,
        )
        if later:
            # A test that starts at a later stage (``stage``, ``satisfaction`` …) gets it written
            # directly: walking there through interaction_advance needs every earlier stage's
            # fields, which such a test does not read.
            for name, value in later.items():
                setattr(interaction, name, value)
            interaction.save(update_fields=list(later))
        return interaction


class CommunicationFactory(factory.django.DjangoModelFactory):
    """Through ``communication_log`` by ``by``."""

    class Meta:
        model = CommunicationLog

    customer = factory.SubFactory(CustomerFactory)
    by = None
    direction = "inbound"
    channel = "phone"
    kind = "inquiry"
    summary = "Asked when the car will be ready"

    @classmethod
    def _create(cls, model_class, *, by, **fields):
        as_ids(fields, "customer", "vehicle", "work_order", "interaction")
        return services.communication_log(user=by, **fields)


class EscalationFactory(factory.django.DjangoModelFactory):
    """Through ``interaction_escalate`` by ``raised_by`` (the interaction's advisor unless
    given); ``not_satisfied`` needs the interaction at keep."""

    class Meta:
        model = Escalation

    interaction = factory.SubFactory(InteractionFactory)
    raised_by = factory.LazyAttribute(lambda o: o.interaction.advisor)
    kind = "not_satisfied"
    reason = "Customer not satisfied"

    @classmethod
    def _create(cls, model_class, *, interaction, raised_by, **fields):
        return services.interaction_escalate(user=raised_by, pk=interaction.pk, **fields)


class CannedReplyFactory(factory.django.DjangoModelFactory):
    """Through ``canned_reply_create`` (the system as the user): placeholders checked."""

    class Meta:
        model = CannedReply

    shop = factory.SubFactory("tests.factories.ShopFactory")
    title = factory.Sequence(lambda n: f"Reply {n}")
    text_zh = "{customer_name}您好，您的车预计{promised_at}完工。"
    text_en = "Dear {customer_name}, your car will be ready {promised_at}."
    active = True

    @classmethod
    def _create(cls, model_class, *, shop, **fields):
        return services.canned_reply_create(user=None, shop_pk=shop.pk, **fields)

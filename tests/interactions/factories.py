"""factory_boy factories of the interactions app; the records of the layers below come from
their own factories (``tests.vehicles.factories``)."""

import factory
from django.utils import timezone

from interactions.models import CommunicationLog, Escalation, Interaction, InteractionChannel
from tests.factories import UserFactory
from tests.vehicles.factories import CustomerFactory


class InteractionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interaction

    customer = factory.SubFactory(CustomerFactory)
    shop = factory.SelfAttribute("customer.shop")
    advisor = factory.SubFactory(UserFactory)
    channel = InteractionChannel.WALK_IN
    greet_at = factory.LazyFunction(timezone.now)


class CommunicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunicationLog

    customer = factory.SubFactory(CustomerFactory)
    shop = factory.SelfAttribute("customer.shop")
    direction = "inbound"
    channel = "phone"
    kind = "inquiry"
    summary = "Asked when the car will be ready"
    at = factory.LazyFunction(timezone.now)


class EscalationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Escalation

    interaction = factory.SubFactory(InteractionFactory)
    shop = factory.SelfAttribute("interaction.shop")
    kind = "not_satisfied"
    stage = "keep"
    reason = "Customer not satisfied"
    raised_by = factory.SubFactory(UserFactory)
    raised_at = factory.LazyFunction(timezone.now)

"""Records the interaction tests need, made with the plain ORM (vehicles services are built
elsewhere)."""

import factory
from django.utils import timezone

from interactions.models import CommunicationLog, Interaction, InteractionChannel
from tests.factories import UserFactory
from vehicles.models import Customer, Vehicle, WorkOrder


class CustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Customer

    name = factory.Sequence(lambda n: f"Customer {n}")
    phone = factory.Sequence(lambda n: f"1380000{n:04d}")


class VehicleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vehicle

    shop = factory.SelfAttribute("owner.shop")
    owner = factory.SubFactory(CustomerFactory)
    vin = factory.Sequence(lambda n: f"1HGCM82633A{n:06d}")
    plate = factory.Sequence(lambda n: f"京A{n:05d}")
    make = "Toyota"
    model = "Corolla"


class WorkOrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkOrder

    vehicle = factory.SubFactory(VehicleFactory)
    shop = factory.SelfAttribute("vehicle.shop")
    customer = factory.SelfAttribute("vehicle.owner")
    advisor = factory.SubFactory(UserFactory)
    year = 2026
    sequence = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(lambda o: f"WO-{o.year}-{o.sequence:05d}")
    concern = "Noise from the front left wheel"


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

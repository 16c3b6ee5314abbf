import itertools
from decimal import Decimal

import factory

from tests.factories import UserFactory
from vehicles import services
from vehicles.models import Customer, Supplier, Vehicle, WorkOrder, WorkOrderLine
from vehicles.vin import check_digit

_counter = itertools.count(1)


def valid_vin(seed: int | None = None) -> str:
    """A VIN with a correct check digit, different for each call."""
    n = next(_counter) if seed is None else seed
    vin = f"LSVAB2BT0{n:08d}"  # position 9 is then set to the check digit
    return vin[:8] + check_digit(vin) + vin[9:]


def customer(shop, **kw) -> Customer:
    n = next(_counter)
    kw.setdefault("name", f"Customer {n}")
    kw.setdefault("phone", f"1380000{n:04d}")
    return services.customer_create(shop_pk=shop.pk, **kw)


def vehicle(shop, user, owner=None, **kw) -> Vehicle:
    owner = owner or customer(shop)
    kw.setdefault("vin", valid_vin())
    kw.setdefault("make", "Volkswagen")
    kw.setdefault("model", "Lavida")
    kw.setdefault("plate", f"京A{next(_counter):05d}")
    return services.vehicle_create(shop_pk=shop.pk, owner_pk=owner.pk, user=user, **kw)


def supplier(shop, name="Bosch Parts") -> Supplier:
    return Supplier.objects.get_or_create(shop=shop, name=name)[0]


def work_order(shop, user, vehicle_=None, lines=0, **kw):
    vehicle_ = vehicle_ or vehicle(shop, user)
    kw.setdefault("concern", "Squeak from the front brakes")
    wo = services.work_order_open(vehicle_pk=vehicle_.pk, user=user, **kw)
    for i in range(lines):
        services.work_order_line_add(
            work_order_pk=wo.pk,
            user=user,
            kind="labour",
            description=f"Job {i + 1}",
            unit_price=Decimal("100.00"),
        )
    wo.refresh_from_db()
    return wo


def authorize(wo, user, **kw):
    kw.setdefault("method", "phone")
    kw.setdefault("authorized_by_name", "Mr Zhou")
    auth = services.work_order_authorize(pk=wo.pk, user=user, **kw)
    wo.refresh_from_db()
    return auth


def delivered(shop, user, vehicle_=None, *, mileage_in=10000, mileage_out=10005, line_kw=None):
    """A work order taken through every step to delivery, with one line (warranty as given)."""
    wo = work_order(shop, user, vehicle_, mileage_in=mileage_in)
    services.work_order_line_add(
        work_order_pk=wo.pk,
        user=user,
        kind="part",
        description="Front brake pads",
        unit_price=Decimal("300.00"),
        tax_rate=Decimal("13"),
        **(line_kw or {}),
    )
    authorize(wo, user)
    services.work_order_start(pk=wo.pk, user=user)
    services.work_order_ready(pk=wo.pk, user=user)
    invoice = services.work_order_deliver(pk=wo.pk, user=user, mileage_out=mileage_out)
    wo.refresh_from_db()
    return wo, invoice


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


class SupplierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Supplier

    name = factory.Sequence(lambda n: f"Parts Co {n}")


class WorkOrderLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkOrderLine

    work_order = factory.SubFactory(WorkOrderFactory)
    kind = "part"
    description = "Brake pads"
    unit_price = Decimal("380")

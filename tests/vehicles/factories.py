"""factory_boy factories of the vehicles app. Each record is made through the service that makes
it at the counter (``_create`` calls it), so test data passes the same checks as real data: a
valid VIN, a phone of the shop's country, a work order numbered per shop and year. ``user`` is
who acts (None: the system, as the demo does). The workflow steps of a work order (authorize,
deliver) are the documented service-backed helpers at the end."""

import itertools
from decimal import Decimal

import factory

from servicedesk.accounts.models import Role
from tests.factories import ShopFactory, as_ids, staff
from vehicles import services
from vehicles.models import Customer, Supplier, Vehicle, WorkOrder, WorkOrderLine
from vehicles.services.customers import CUSTOMER_FIELDS
from vehicles.vin import check_digit

_counter = itertools.count(1)


def valid_vin(seed: int | None = None) -> str:
    """A VIN with a correct check digit, different for each call."""
    n = next(_counter) if seed is None else seed
    vin = f"LSVAB2BT0{n:08d}"  # position 9 is then set to the check digit
    return vin[:8] + check_digit(vin) + vin[9:]


class CustomerFactory(factory.django.DjangoModelFactory):
    """Through ``customer_create``: the phone is checked and normalized, duplicates refused."""

    class Meta:
        model = Customer

    shop = factory.SubFactory(ShopFactory)
    user = None
    name = factory.Sequence(lambda n: f"Customer {n}")
    phone = factory.Sequence(lambda n: f"1380000{n % 10000:04d}")

    @classmethod
    def _create(cls, model_class, *, shop, user, **fields):
        unknown = set(fields) - set(CUSTOMER_FIELDS)
        assert not unknown, f"customer_create does not take {unknown}"
        return services.customer_create(user=user, shop_pk=shop.pk, **fields)


class VehicleFactory(factory.django.DjangoModelFactory):
    """Through ``vehicle_create``; give ``owner`` or ``shop`` (the other follows)."""

    class Meta:
        model = Vehicle

    owner = factory.SubFactory(CustomerFactory, shop=factory.SelfAttribute("..shop"))
    shop = factory.LazyAttribute(lambda o: o.owner.shop)
    user = None
    vin = factory.LazyFunction(valid_vin)
    make = "Volkswagen"
    model = "Lavida"
    plate = factory.Sequence(lambda n: f"京A{n % 100000:05d}")

    @classmethod
    def _create(cls, model_class, *, shop, owner, **fields):
        return services.vehicle_create(shop_pk=shop.pk, owner_pk=owner.pk, **fields)


class WorkOrderFactory(factory.django.DjangoModelFactory):
    """Through ``work_order_open`` by ``advisor``, with ``lines`` labour lines added through
    ``work_order_line_add``; give ``vehicle`` or ``shop``."""

    class Meta:
        model = WorkOrder

    vehicle = factory.SubFactory(VehicleFactory, shop=factory.SelfAttribute("..shop"))
    shop = factory.LazyAttribute(lambda o: o.vehicle.shop)
    advisor = factory.LazyAttributeSequence(
        lambda o, n: staff(f"wo-advisor-{n}", o.shop, Role.ADVISOR)
    )
    concern = "Squeak from the front brakes"
    lines = 0

    @classmethod
    def _create(cls, model_class, *, shop, vehicle, advisor, lines, customer=None, **fields):
        assert vehicle.shop_id == shop.pk
        if customer is not None:
            fields["customer_pk"] = customer.pk
        wo = services.work_order_open(vehicle_pk=vehicle.pk, user=advisor, **fields)
        for i in range(lines):
            WorkOrderLineFactory(
                work_order=wo, user=advisor, kind="labour", description=f"Job {i + 1}"
            )
        wo.refresh_from_db()
        return wo


class WorkOrderLineFactory(factory.django.DjangoModelFactory):
    """Through ``work_order_line_add``; the work order is refreshed (its version moved on)."""

    class Meta:
        model = WorkOrderLine

    work_order = factory.SubFactory(WorkOrderFactory)
    user = None
    kind = "part"
    description = "Brake pads"
    unit_price = Decimal("100.00")

    @classmethod
    def _create(cls, model_class, *, work_order, **fields):
        as_ids(fields, "technician", "supplier")
        line = services.work_order_line_add(work_order_pk=work_order.pk, **fields)
        work_order.refresh_from_db()
        return line


class SupplierFactory(factory.django.DjangoModelFactory):
    """Through ``supplier_create``: a second supplier of the same name in a shop is refused."""

    class Meta:
        model = Supplier

    shop = factory.SubFactory(ShopFactory)
    user = None
    name = factory.Sequence(lambda n: f"Parts Co {n}")

    @classmethod
    def _create(cls, model_class, *, shop, **fields):
        return services.supplier_create(shop_pk=shop.pk, **fields)


def authorize(wo, user, **kw):
    """The customer's authorization of ``wo`` through ``work_order_authorize``."""
    kw.setdefault("method", "phone")
    kw.setdefault("authorized_by_name", "Mr Zhou")
    auth = services.work_order_authorize(pk=wo.pk, user=user, **kw)
    wo.refresh_from_db()
    return auth


def delivered(shop, user, vehicle_=None, *, mileage_in=10000, mileage_out=10005, line_kw=None):
    """A work order taken through every service step to delivery, with one line (warranty as
    given); returns it and its invoice."""
    if vehicle_ is None:
        vehicle_ = VehicleFactory(shop=shop, user=user)
    wo = WorkOrderFactory(vehicle=vehicle_, advisor=user, mileage_in=mileage_in)
    WorkOrderLineFactory(
        work_order=wo,
        user=user,
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

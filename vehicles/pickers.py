"""What the search pickers find in this app: customers, vehicles, work orders and suppliers.
Registered in ``VehiclesConfig.ready()``; ``servicedesk.pickers`` adds the shop scoping."""

from django.db.models import Prefetch, Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from servicedesk import pickers
from servicedesk.accounts.selectors import scope_to_user

from .models import Customer, Supplier, Vehicle, WorkOrder
from .selectors import customer_search_q, vehicle_search_q


def customer_queryset(*, user, q, params):
    owners_of_matching_cars = scope_to_user(
        Vehicle.objects.filter(vehicle_search_q(q)), user=user
    ).values("owner_id")
    return (
        Customer.objects.filter(customer_search_q(q) | Q(pk__in=owners_of_matching_cars))
        .prefetch_related(Prefetch("vehicles", queryset=Vehicle.objects.only("plate", "owner")))
        .order_by("name", "pk")
    )


def customer_detail(customer) -> str:
    plates = [v.plate for v in customer.vehicles.all() if v.plate]
    return " · ".join(part for part in [customer.phone, ", ".join(plates[:3])] if part)


def vehicle_queryset(*, user, q, params):
    qs = Vehicle.objects.select_related("owner").order_by("plate", "pk")
    owner_id = pickers.int_param(params, "customer")
    if owner_id is not None:
        qs = qs.filter(owner_id=owner_id)
    if q:
        qs = qs.filter(vehicle_search_q(q) | Q(make__icontains=q) | Q(model__icontains=q))
    return qs


def vehicle_detail(vehicle) -> str:
    return f"{vehicle.owner.name} · {vehicle.vin}"


def work_order_queryset(*, user, q, params):
    qs = WorkOrder.objects.select_related("vehicle").order_by("-opened_at", "-pk")
    for param, field in (("customer", "customer_id"), ("vehicle", "vehicle_id")):
        value = pickers.int_param(params, param)
        if value is not None:
            qs = qs.filter(**{field: value})
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(vehicle__plate__icontains=q))
    return qs


def work_order_detail(order) -> str:
    opened = formats.date_format(order.opened_at, "SHORT_DATE_FORMAT")
    return f"{order.vehicle} · {order.get_status_display()} · {opened}"


def supplier_queryset(*, user, q, params):
    qs = Supplier.objects.order_by("name", "pk")
    if q:
        qs = qs.filter(name__icontains=q)
    return qs


def register() -> None:
    pickers.register(
        "customers",
        queryset=customer_queryset,
        label=lambda c: c.name,
        detail=customer_detail,
        placeholder=_("Name, phone or plate"),
        add_label=_("New customer (and vehicle)"),
    )
    pickers.register(
        "vehicles",
        queryset=vehicle_queryset,
        label=str,
        detail=vehicle_detail,
        narrowing=("customer",),
        placeholder=_("Plate, VIN or last 6"),
    )
    pickers.register(
        "work-orders",
        queryset=work_order_queryset,
        label=lambda wo: wo.number,
        detail=work_order_detail,
        narrowing=("customer", "vehicle"),
        placeholder=_("Number or plate"),
    )
    pickers.register(
        "suppliers",
        queryset=supplier_queryset,
        label=lambda s: s.name,
        min_chars=0,
        placeholder=_("Type a supplier's name"),
    )

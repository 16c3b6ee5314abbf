"""Vehicles: VIN checked (or its override recorded), owners over time, mileage never lower
without a recorded reason."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from servicedesk.dates import happened_at
from servicedesk.errors import Conflict, Invalid
from servicedesk.field_history import attribute_to

from .. import permissions
from ..models import Customer, MileageReading, Vehicle, VehicleOwnership
from ..vin import validate_vin
from .errors import DUPLICATE_VIN, MILEAGE_BACKWARDS, OWNER_OTHER_SHOP, SAME_OWNER
from .records import record_get, record_locked

# The vehicle's plain facts (the VIN and its override are checked apart): the one list, read by
# the vehicle forms and the API's vehicle shape.
VEHICLE_FIELDS = ("plate", "make", "model", "year", "colour")


def _vin(value: str, override: str) -> str:
    try:
        return validate_vin(value, override_reason=override or "")
    except ValidationError as exc:
        raise Invalid(exc.messages[0], field="vin") from None


def _normalize_plate(value: str) -> str:
    return "".join((value or "").split()).upper()


@transaction.atomic
def vehicle_create(
    *,
    user,
    shop_pk: int,
    owner_pk: int,
    vin: str,
    make: str,
    model: str,
    vin_check_override: str = "",
    plate: str = "",
    year: int | None = None,
    colour: str = "",
    mileage: int = 0,
    at: datetime | None = None,
) -> Vehicle:
    """A vehicle registered to ``owner_pk`` (``at``, now unless said: history written later)."""
    owner = record_get(Customer.objects, owner_pk)
    if owner.shop_id != shop_pk:
        raise Invalid(OWNER_OTHER_SHOP, field="owner")
    permissions.require(user, shop_id=shop_pk, action="vehicle")
    override = (vin_check_override or "").strip()
    vin = _vin(vin, override)
    existing = Vehicle.objects.filter(shop_id=shop_pk, vin=vin).first()
    if existing:
        raise Invalid(DUPLICATE_VIN % {"vehicle": existing}, field="vin")
    now = happened_at(at)
    vehicle = Vehicle(
        shop_id=shop_pk,
        owner=owner,
        vin=vin,
        vin_tail=vin[-6:],
        vin_check_override=override,
        vin_override_by=user if override else None,
        vin_override_at=now if override else None,
        plate=_normalize_plate(plate),
        make=make.strip(),
        model=model.strip(),
        year=year,
        colour=colour,
        mileage=mileage or 0,
    )
    attribute_to(vehicle, user).save(force_insert=True)
    if at is not None:  # created_at stamps the insert with the clock; history says when
        vehicle.created_at = now
        vehicle.save_without_historical_record(update_fields=["created_at"])
    VehicleOwnership.objects.create(vehicle=vehicle, customer=owner, started_at=now)
    if mileage:
        MileageReading.objects.create(
            vehicle=vehicle, km=mileage, recorded_by=user, source="intake", recorded_at=now
        )
    return vehicle


@transaction.atomic
def vehicle_update(
    *,
    user,
    pk: int,
    vin: str | None = None,
    vin_check_override: str | None = None,
    **fields,
) -> Vehicle:
    vehicle = record_locked(Vehicle.objects, pk)
    permissions.require(user, shop_id=vehicle.shop_id, action="vehicle")
    attribute_to(vehicle, user)
    changed = []
    if vin is not None or vin_check_override is not None:
        override = (
            vin_check_override if vin_check_override is not None else vehicle.vin_check_override
        ).strip()
        new_vin = _vin(vin if vin is not None else vehicle.vin, override)
        if new_vin != vehicle.vin:
            clash = Vehicle.objects.filter(shop_id=vehicle.shop_id, vin=new_vin).first()
            if clash:
                raise Invalid(DUPLICATE_VIN % {"vehicle": clash}, field="vin")
            vehicle.vin, vehicle.vin_tail = new_vin, new_vin[-6:]
            changed += ["vin", "vin_tail"]
        if override != vehicle.vin_check_override:
            vehicle.vin_check_override = override
            vehicle.vin_override_by = user if override else None
            vehicle.vin_override_at = timezone.now() if override else None
            changed += ["vin_check_override", "vin_override_by", "vin_override_at"]
    for key in VEHICLE_FIELDS:
        if key in fields:
            value = fields[key]
            if key == "plate":
                value = _normalize_plate(value)
            if getattr(vehicle, key) != value:
                setattr(vehicle, key, value)
                changed.append(key)
    if changed:
        vehicle.save(update_fields=changed)
    return vehicle


@transaction.atomic
def vehicle_change_owner(*, user, pk: int, new_owner_pk: int) -> Vehicle:
    """Closes the current ownership and opens one for the new owner."""
    vehicle = record_locked(Vehicle.objects, pk)
    permissions.require(user, shop_id=vehicle.shop_id, action="vehicle")
    new_owner = record_get(Customer.objects, new_owner_pk)
    if new_owner.shop_id != vehicle.shop_id:
        raise Invalid(OWNER_OTHER_SHOP, field="owner")
    if new_owner.pk == vehicle.owner_id:
        raise Conflict(SAME_OWNER, field="owner")
    now = timezone.now()
    VehicleOwnership.objects.filter(vehicle=vehicle, ended_at__isnull=True).update(ended_at=now)
    VehicleOwnership.objects.create(vehicle=vehicle, customer=new_owner, started_at=now)
    vehicle.owner = new_owner
    attribute_to(vehicle, user)
    vehicle.save(update_fields=["owner"])
    return vehicle


def _record_mileage_locked(
    *, vehicle: Vehicle, km: int, user, source: str, reason: str = "", at: datetime | None = None
) -> MileageReading | None:
    """Precondition: the vehicle row is locked. Returns None when the reading adds nothing."""
    if km is None:
        return None
    if km < 0:
        raise Invalid(MILEAGE_BACKWARDS % {"km": km, "last": vehicle.mileage}, field="mileage")
    reason = (reason or "").strip()
    if km < vehicle.mileage and not reason:
        raise Invalid(MILEAGE_BACKWARDS % {"km": km, "last": vehicle.mileage}, field="mileage")
    if km == vehicle.mileage and vehicle.mileage_readings.exists():
        return None
    reading = MileageReading.objects.create(
        vehicle=vehicle,
        km=km,
        recorded_by=user,
        source=source,
        correction_reason=reason if km < vehicle.mileage else "",
        recorded_at=at or timezone.now(),
    )
    vehicle.mileage = km
    attribute_to(vehicle, user)
    vehicle.save(update_fields=["mileage"])
    return reading


@transaction.atomic
def vehicle_record_mileage(
    *, user, pk: int, km: int, source: str = "counter", reason: str = ""
) -> MileageReading | None:
    vehicle = record_locked(Vehicle.objects, pk)
    permissions.require(user, shop_id=vehicle.shop_id, action="mileage")
    return _record_mileage_locked(vehicle=vehicle, km=km, user=user, source=source, reason=reason)

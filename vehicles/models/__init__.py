"""The shop's memory of every customer, car and visit: a module per aggregate, every model
importable from ``vehicles.models`` as before (app label, tables and migrations unchanged)."""

from .customers import Channel, Customer, CustomerType, MainConcern
from .inspections import (
    Condition,
    Decision,
    Inspection,
    InspectionItem,
    InspectionPhoto,
    InspectionStatus,
)
from .invoices import Invoice
from .suppliers import Supplier
from .vehicles import MAX_KM, MileageReading, Vehicle, VehicleOwnership
from .work_orders import (
    AuthorizationMethod,
    ComebackReview,
    LineKind,
    WorkOrder,
    WorkOrderAuthorization,
    WorkOrderEvent,
    WorkOrderLine,
    WorkOrderStatus,
)

__all__ = [
    "MAX_KM",
    "AuthorizationMethod",
    "Channel",
    "ComebackReview",
    "Condition",
    "Customer",
    "CustomerType",
    "Decision",
    "Inspection",
    "InspectionItem",
    "InspectionPhoto",
    "InspectionStatus",
    "Invoice",
    "LineKind",
    "MainConcern",
    "MileageReading",
    "Supplier",
    "Vehicle",
    "VehicleOwnership",
    "WorkOrder",
    "WorkOrderAuthorization",
    "WorkOrderEvent",
    "WorkOrderLine",
    "WorkOrderStatus",
]
